public import IronLBPluginAPI

/// `strategy: hash`: the address follows from the service key.
///
/// The key (`source/name`) is hashed with 128-bit FNV-1a, a fixed function with no per-process key,
/// so every node and every restart computes the same start point: the hash modulo the pool's size,
/// counting every address of every block in configuration order. From there it probes to the next
/// available address, wrapping around. The same service gets the same address whenever that address
/// is free, including after deletion and re-creation. It needs the same pool layout on every node.
public enum HashStrategyPlugin: AllocationStrategyPlugin {
    public typealias Options = EmptyConfiguration
    public static let name = "hash"
    public static let summary = "address derived from the service key (FNV-1a), probing to the next free; same on every node"

    public static func decode(options mapping: inout ConfigMapping?, _ diagnostics: inout Diagnostics) -> EmptyConfiguration? {
        EmptyConfiguration()
    }

    public static func make(options: EmptyConfiguration) -> any AllocationStrategy {
        HashStrategy()
    }
}

/// The hash strategy's instance; it keeps no state.
final class HashStrategy: AllocationStrategy {
    func choose(for key: ServiceKey, in space: some PoolSpace, at time: WallClockInstant) -> AddressOffer? {
        Self.home(of: key, in: space).map { .firstAvailable(from: $0, wrapping: true) }
    }

    /// The address `key` starts probing from in `space`: what the strategy promises to hand out when free.
    static func home(of key: ServiceKey, in space: some PoolSpace) -> IPAddress? {
        space.address(atPosition: hash(key))
    }

    /// 128-bit FNV-1a of the key's text, `source/name` (hashed piece by piece: building the text
    /// would cost an allocation per service).
    static func hash(_ key: ServiceKey) -> UInt128 {
        var hash: UInt128 = 0x6C62_272E_07BB_0142_62B8_2175_6295_C58D
        key.source.forEachUTF8Byte { hash = step(hash, $0) }
        hash = step(hash, UInt8(ascii: "/"))
        key.name.forEachUTF8Byte { hash = step(hash, $0) }
        return hash
    }

    @inline(__always)
    private static func step(_ hash: UInt128, _ byte: UInt8) -> UInt128 {
        (hash ^ UInt128(byte)) &* ((1 << 88) + (1 << 8) + 0x3B)
    }
}
