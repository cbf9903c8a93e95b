import IronLBPluginAPI

/// Released addresses that cool down before anyone but their last holder may have them (pools whose
/// strategy declares a `coolDown`).
///
/// The addresses stay taken in their pool's index while here, so choosing skips them at no cost;
/// entries leave when their holder takes the address back or when their time is up. Expiry walks a
/// queue in release order instead of scanning.
struct Quarantine {
    struct Entry: Equatable {
        var key: ServiceKey
        var pool: String
        var until: WallClockInstant
    }

    private(set) var entries: [IPAddress: Entry] = [:]
    private var byKey: [ServiceKey: [IPAddress]] = [:]
    private var queue: [(address: IPAddress, until: WallClockInstant)] = []
    private var head = 0

    var count: Int { entries.count }

    func entry(for address: IPAddress) -> Entry? { entries[address] }

    /// The address `key` left in `pool` for `family`, still cooling down.
    func address(leftBy key: ServiceKey, inPool pool: String, family: IPFamily) -> IPAddress? {
        byKey[key]?.first { $0.family == family && entries[$0]?.pool == pool }
    }

    mutating func add(_ address: IPAddress, _ entry: Entry) {
        remove(address)
        entries[address] = entry
        byKey[entry.key, default: []].append(address)
        queue.append((address, entry.until))
    }

    @discardableResult
    mutating func remove(_ address: IPAddress) -> Entry? {
        guard let entry = entries.removeValue(forKey: address) else { return nil }
        byKey[entry.key]?.removeAll { $0 == address }
        if byKey[entry.key]?.isEmpty == true { byKey[entry.key] = nil }
        return entry
    }

    /// Moves an entry to the pool that now contains its address (after a pool edit).
    mutating func rehome(_ address: IPAddress, to pool: String) {
        entries[address]?.pool = pool
    }

    /// Removes and returns the entries whose cool-down is over at `now`.
    mutating func expire(at now: WallClockInstant) -> [(IPAddress, Entry)] {
        var expired: [(IPAddress, Entry)] = []
        while head < queue.count, queue[head].until <= now {
            let (address, until) = queue[head]
            head += 1
            if let entry = entries[address], entry.until == until {
                remove(address)
                expired.append((address, entry))
            }
        }
        if head > 1024 && head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return expired
    }
}
