/// A read-only view of one pool's space in one address family, which strategies choose from.
///
/// "Available" means inside the pool, not reserved, not skipped by `avoid-buggy-ips`, and not held.
/// Every query costs O(log n) in the number of held addresses, whatever the size of the pool.
public protocol PoolSpace {
    /// The family of every address in this view.
    var family: IPFamily { get }
    /// The pool's ranges of this family, in configuration order.
    var blocks: [IPRange] { get }
    /// How many addresses `blocks` span together, usable or not (a default sums them; a pool keeps it).
    var size: AddressCount { get }
    /// Whether `address` may be handed out now.
    func isAvailable(_ address: IPAddress) -> Bool
    /// The lowest available address of block `block` at or after `start` (the block's first when nil).
    func firstAvailable(inBlock block: Int, atOrAfter start: IPAddress?) -> IPAddress?
    /// The available address of block `block` with `rank` available addresses below it (rank 0 is
    /// the lowest), or nil when `rank` is not below `availableCount(inBlock:)`. Rank-select makes
    /// uniform choice possible without retries.
    func availableAddress(rank: UInt128, inBlock block: Int) -> IPAddress?
    /// How many addresses of block `block` are available.
    func availableCount(inBlock block: Int) -> AddressCount
    /// How many addresses of block `block` are held by services.
    func heldCount(inBlock block: Int) -> AddressCount
    /// The address numbered `position` when every address of every block, usable or not, is numbered
    /// from 0 in configuration order; `position` is taken modulo `size`. Nil when there are no blocks.
    /// (A default walks the blocks; the allocator's pools keep where each block starts.)
    func address(atPosition position: UInt128) -> IPAddress?
}

extension PoolSpace {
    public var size: AddressCount { blocks.reduce(.zero) { $0 + $1.count } }

    public func address(atPosition position: UInt128) -> IPAddress? {
        let total = size
        guard total > .zero else { return nil }
        var remaining = total.uint128.map { position % $0 } ?? position
        for block in blocks {
            // The block's size less one, which always fits (its size may not: all of IPv6).
            let last = block.first.distance(to: block.last)
            if remaining > last {
                remaining -= last + 1
                continue
            }
            return IPAddress(family: block.family, bits: block.first.bits + remaining)
        }
        return nil
    }
}

/// A pool's way of choosing addresses. One instance per pool, owned by the allocator and only ever
/// used from it, so an instance may keep state (a sticky strategy's quarantine) without locking.
///
/// The allocator tells the strategy about every assignment and release with the wall-clock time it
/// happened, including when it replays its durable journal after a restart, so state derived from
/// those events survives restarts without the strategy doing any I/O. A quarantine of released
/// addresses is common enough that the allocator provides it: see `coolDown`.
public protocol AllocationStrategy: AnyObject {
    /// Chooses for `key` at `time`: an available address, or where the allocator should look for
    /// the first available one; nil when none is available. The allocator takes an offered address in
    /// the pool index only if it is still available: an address that is held, reserved, outside the
    /// pool or of another family is refused (the service is refused by this pool, with a reason
    /// naming the strategy), never handed out.
    func choose(for key: ServiceKey, in space: some PoolSpace, at time: WallClockInstant) -> AddressOffer?
    /// Told when `key` is given `address` (chosen by this strategy or requested explicitly).
    func assigned(_ address: IPAddress, to key: ServiceKey, at time: WallClockInstant)
    /// Told when `key` releases `address` and nobody else holds it.
    func released(_ address: IPAddress, by key: ServiceKey, at time: WallClockInstant)
    /// How long a released address is held back from everyone but the service that released it.
    ///
    /// The allocator enforces it (the address stays taken in the pool index, so skipping it costs
    /// nothing), gives the address back to its last holder if that service returns in time, and keeps
    /// the release in its journal this long so the quarantine survives restarts. Zero: no cool-down.
    var coolDown: Duration { get }
}

extension AllocationStrategy {
    /// Strategies without memory ignore assignments.
    public func assigned(_ address: IPAddress, to key: ServiceKey, at time: WallClockInstant) {}
    /// Strategies without memory ignore releases.
    public func released(_ address: IPAddress, by key: ServiceKey, at time: WallClockInstant) {}
    /// No cool-down unless a strategy asks for one.
    public var coolDown: Duration { .zero }
}

/// What a strategy offers for a service.
public enum AddressOffer: Hashable, Sendable {
    /// This address.
    case address(IPAddress)
    /// The first available address at or after `from` (inside the pool) in its block, then in the
    /// following blocks and, with `wrapping`, in the blocks before and before `from` in its block.
    ///
    /// What `firstAvailable(inBlock:atOrAfter:)` would find, block after block; the allocator finds
    /// and takes it in one descent of the pool index instead of a look-up and then a take.
    case firstAvailable(from: IPAddress, wrapping: Bool)

    /// The address offered, or where the search starts.
    public var start: IPAddress {
        switch self {
        case .address(let address), .firstAvailable(let address, _): address
        }
    }
}

/// An allocation strategy plugin, chosen per pool with `strategy:`.
public protocol AllocationStrategyPlugin: SendableMetatype {
    /// The strategy's options (the keys of `strategy:` besides `type`).
    associatedtype Options: PluginConfiguration

    /// The name used in `strategy:`.
    static var name: String { get }
    /// One line for `ironlbd plugins`.
    static var summary: String { get }
    /// Reads the strategy's options; `mapping` is nil when `strategy:` was written as a plain name.
    static func decode(options mapping: inout ConfigMapping?, _ diagnostics: inout Diagnostics) -> Options?
    /// Makes a strategy for one pool.
    static func make(options: Options) -> any AllocationStrategy
}
