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
    /// The addresses each service left, under a `SlotHash` of its key: hashing a `ServiceKey` for a
    /// dictionary (SipHash over two strings, again for each entry a removal moves) was most of what
    /// a cooling-down release cost. Keys that share a hash share a list; `entries` tells them apart.
    private var byKey: [UInt32: [IPAddress]] = [:]
    private let hash: SlotHash
    private var queue: [(address: IPAddress, until: WallClockInstant)] = []
    private var head = 0

    init(hash: SlotHash = SlotHash()) {
        self.hash = hash
    }

    var count: Int { entries.count }

    func entry(for address: IPAddress) -> Entry? { entries[address] }

    /// The address `key` left in `pool` for `family`, still cooling down.
    func address(leftBy key: ServiceKey, inPool pool: String, family: IPFamily) -> IPAddress? {
        byKey[hash(key.source, key.name)]?.first { address in
            guard address.family == family, let entry = entries[address] else { return false }
            return entry.pool == pool && entry.key == key
        }
    }

    mutating func add(_ address: IPAddress, _ entry: Entry) {
        if let replaced = entries.updateValue(entry, forKey: address) { forget(address, leftBy: replaced.key) }
        byKey[hash(entry.key.source, entry.key.name), default: []].append(address)
        queue.append((address, entry.until))
    }

    @discardableResult
    mutating func remove(_ address: IPAddress) -> Entry? {
        guard let entry = entries.removeValue(forKey: address) else { return nil }
        forget(address, leftBy: entry.key)
        return entry
    }

    /// Drops `address` from `key`'s list.
    private mutating func forget(_ address: IPAddress, leftBy key: ServiceKey) {
        guard let index = byKey.index(forKey: hash(key.source, key.name)) else { return }
        byKey.values[index].removeAll { $0 == address }
        if byKey.values[index].isEmpty { byKey.remove(at: index) }
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
            // An address taken back and released again since has a later entry: not this one.
            if let index = entries.index(forKey: address), entries.values[index].until == until {
                let entry = entries.remove(at: index).value
                forget(address, leftBy: entry.key)
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
