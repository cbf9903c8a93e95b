/// A read-only view of one pool's space in one address family, which strategies choose from.
///
/// "Available" means inside the pool, not reserved, not skipped by `avoid-buggy-ips`, and not held.
public protocol PoolSpace {
    /// The family of every address in this view.
    var family: IPFamily { get }
    /// The pool's ranges of this family, in configuration order.
    var blocks: [IPRange] { get }
    /// Whether `address` may be handed out now.
    func isAvailable(_ address: IPAddress) -> Bool
    /// The lowest available address of block `block` at or after `start` (the block's first when nil).
    func firstAvailable(inBlock block: Int, atOrAfter start: IPAddress?) -> IPAddress?
    /// How many addresses of block `block` are available.
    func availableCount(inBlock block: Int) -> AddressCount
    /// How many addresses of block `block` are held by services.
    func heldCount(inBlock block: Int) -> AddressCount
}

/// A pool's way of choosing addresses. One instance per pool, owned by the allocator and only ever
/// used from it, so an instance may keep state (a sticky strategy's quarantine) without locking.
public protocol AllocationStrategy: AnyObject {
    /// Chooses an available address for `key`, or nil when none is available.
    func choose(for key: ServiceKey, in space: any PoolSpace) -> IPAddress?
    /// Told when `key` releases `address`.
    func released(_ address: IPAddress, by key: ServiceKey)
}

extension AllocationStrategy {
    /// Strategies without memory ignore releases.
    public func released(_ address: IPAddress, by key: ServiceKey) {}
}

/// An allocation strategy plugin, chosen per pool with `strategy:`.
public protocol AllocationStrategyPlugin {
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
