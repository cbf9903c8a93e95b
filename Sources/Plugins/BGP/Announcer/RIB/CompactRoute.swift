import IronLBPluginAPI

/// The network number of a prefix in one address family: `UInt32` for IPv4, `UInt128` for IPv6.
protocol RouteNetwork: FixedWidthInteger, UnsignedInteger, Sendable {
    /// The family whose addresses this type holds.
    static var family: IPFamily { get }
    /// The address with these bits.
    var address: IPAddress { get }
}

extension UInt32: RouteNetwork {
    static var family: IPFamily { .ipv4 }
    var address: IPAddress { .v4(IPv4Address(self)) }
}

extension UInt128: RouteNetwork {
    static var family: IPFamily { .ipv6 }
    var address: IPAddress { .v6(IPv6Address(self)) }
}

/// One route of a `RouteTable`: a prefix of one family and the index of its attribute set.
///
/// An IPv4 route takes 12 bytes where an `IPPrefix` alone takes 32 and a `[IPPrefix: Int]` entry
/// about 50 with the hash table's slack; a hundred thousand host routes fit in 1.2 MB.
struct CompactRoute<Network: RouteNetwork>: Sendable, Equatable {
    /// The network number, host bits zero.
    var network: Network
    /// The index of the route's attributes in its table's `attributeSets`.
    var attributeIndex: UInt32
    /// The prefix length.
    var length: UInt8

    /// The route for `prefix`, which must be of `Network.family`.
    init(_ prefix: IPPrefix, attributeIndex: Int) {
        precondition(prefix.family == Network.family, "a \(prefix.family) prefix in a \(Network.family) table")
        network = Network(truncatingIfNeeded: prefix.network.bits)
        length = UInt8(prefix.length)
        self.attributeIndex = UInt32(attributeIndex)
    }

    /// The prefix.
    var prefix: IPPrefix { IPPrefix(containing: network.address, length: Int(length)) }

    /// Whether this route's prefix sorts before `other`'s, as `IPPrefix` sorts: by network, then
    /// shorter prefixes first.
    func precedes(_ other: CompactRoute) -> Bool {
        network != other.network ? network < other.network : length < other.length
    }

    /// Whether both routes are for the same prefix, whatever their attributes.
    func hasSamePrefix(as other: CompactRoute) -> Bool {
        network == other.network && length == other.length
    }
}

extension Array {
    /// The index of the route for `prefix` in a table sorted by prefix, if there is one.
    func routeIndex<Network>(of prefix: IPPrefix) -> Int? where Element == CompactRoute<Network> {
        guard prefix.family == Network.family else { return nil }
        let probe = CompactRoute<Network>(prefix, attributeIndex: 0)
        var low = startIndex, high = endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if self[middle].precedes(probe) { low = middle + 1 } else { high = middle }
        }
        return low < endIndex && self[low].hasSamePrefix(as: probe) ? low : nil
    }
}
