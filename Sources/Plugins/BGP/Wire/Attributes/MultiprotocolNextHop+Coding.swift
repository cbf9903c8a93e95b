import IronLBPluginAPI
import NIOCore

extension MultiprotocolNextHop {
    /// Reads a next hop of `length` octets for NLRI of `family`, or `nil` if that length is not
    /// one RFC 4760, RFC 2545 and RFC 8950 define for it: 4 (IPv4 NLRI only), 16 or 32.
    static func read(length: Int, for family: IPFamily, from buffer: inout ByteBuffer) -> MultiprotocolNextHop? {
        switch (length, family) {
        case (4, .ipv4):
            return MultiprotocolNextHop(global: .v4(IPv4Address(buffer.readInteger()!)))
        case (16, _):
            return MultiprotocolNextHop(global: .v6(IPv6Address(readIPv6(&buffer))))
        case (32, _):
            let global = readIPv6(&buffer)
            return MultiprotocolNextHop(global: .v6(IPv6Address(global)), linkLocal: IPv6Address(readIPv6(&buffer)))
        default:
            return nil
        }
    }

    /// Writes the global address and, if present, the link-local one.
    func write(into buffer: inout ByteBuffer) {
        switch global {
        case .v4(let address): buffer.writeInteger(address.rawValue)
        case .v6(let address): buffer.writeInteger(address.rawValue)
        }
        if let linkLocal {
            buffer.writeInteger(linkLocal.rawValue)
        }
    }

    /// Reads 16 octets as an IPv6 address value; the caller has checked they are there.
    private static func readIPv6(_ buffer: inout ByteBuffer) -> UInt128 {
        buffer.readInteger(as: UInt128.self)!
    }
}
