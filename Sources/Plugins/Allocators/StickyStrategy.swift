public import IronLBPluginAPI

/// `strategy: sticky`: released addresses cool down before anyone else gets them.
///
/// A released address is quarantined for `cool-down` (default 10m): nobody but the service that
/// released it may get it, and that service, if it returns within the cool-down, gets it back. New
/// services get the lowest available address that is not cooling down, so the most recently released
/// addresses are always the last to be reused. The quarantine is rebuilt after a restart from the
/// allocator's journal, which keeps release records for as long as `memory` (the cool-down) says.
public enum StickyStrategyPlugin: AllocationStrategyPlugin {
    public static let name = "sticky"
    public static let summary = "released addresses quarantined for cool-down (default 10m); a returning service gets its address back"

    /// `cool-down`: how long a released address is held back.
    public struct Options: PluginConfiguration {
        /// How long a released address is held back for its last holder.
        public var coolDown: Duration
        /// Creates options.
        public init(coolDown: Duration = .seconds(600)) { self.coolDown = coolDown }
        public var rendered: RenderedValue { .mapping([RenderedEntry("cool-down", .duration(coolDown))]) }
    }

    public static func decode(options mapping: inout ConfigMapping?, _ diagnostics: inout Diagnostics) -> Options? {
        guard let node = mapping?.value("cool-down") else { return Options() }
        guard let coolDown = node.duration(in: .zero...Duration.seconds(86_400 * 30), &diagnostics) else { return nil }
        return Options(coolDown: coolDown)
    }

    public static func make(options: Options) -> any AllocationStrategy {
        StickyStrategy(coolDown: options.coolDown)
    }
}

/// The sticky strategy's instance: the quarantine.
final class StickyStrategy: AllocationStrategy {
    struct Quarantine {
        var holder: ServiceKey
        var until: WallClockInstant
    }

    let coolDown: Duration
    /// Addresses cooling down, with who released them.
    private(set) var quarantine: [IPAddress: Quarantine] = [:]
    /// The address each recently departed service left behind.
    private var left: [ServiceKey: IPAddress] = [:]
    /// Releases in time order, to expire the quarantine without scanning it.
    private var expiries: [(address: IPAddress, until: WallClockInstant)] = []
    private var expiryHead = 0

    init(coolDown: Duration) {
        self.coolDown = coolDown
    }

    var memory: Duration { coolDown }

    func choose(for key: ServiceKey, in space: any PoolSpace, at time: WallClockInstant) -> IPAddress? {
        expire(before: time)
        if let previous = left[key], space.isAvailable(previous) { return previous }
        for block in space.blocks.indices {
            var candidate = space.firstAvailable(inBlock: block, atOrAfter: nil)
            while let address = candidate {
                guard let held = quarantine[address], held.holder != key else { return address }
                guard let next = address.advanced(by: 1), space.blocks[block].contains(next) else { break }
                candidate = space.firstAvailable(inBlock: block, atOrAfter: next)
            }
        }
        return nil
    }

    func assigned(_ address: IPAddress, to key: ServiceKey, at time: WallClockInstant) {
        if let held = quarantine.removeValue(forKey: address), left[held.holder] == address {
            left[held.holder] = nil
        }
        if left[key] == address { left[key] = nil }
    }

    func released(_ address: IPAddress, by key: ServiceKey, at time: WallClockInstant) {
        let until = time + coolDown
        guard until > time else { return }
        quarantine[address] = Quarantine(holder: key, until: until)
        left[key] = address
        expiries.append((address, until))
    }

    /// Ends the quarantine of every address whose cool-down is over at `time`.
    private func expire(before time: WallClockInstant) {
        while expiryHead < expiries.count, expiries[expiryHead].until <= time {
            let (address, until) = expiries[expiryHead]
            if let held = quarantine[address], held.until == until {
                quarantine[address] = nil
                if left[held.holder] == address { left[held.holder] = nil }
            }
            expiryHead += 1
        }
        if expiryHead > 1024 && expiryHead * 2 > expiries.count {
            expiries.removeFirst(expiryHead)
            expiryHead = 0
        }
    }
}
