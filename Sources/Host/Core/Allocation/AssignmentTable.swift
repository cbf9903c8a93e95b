package import IronLBPluginAPI

/// Every current assignment, one compact entry per service, and who holds each address.
///
/// An entry keeps its addresses inline (at most one per family, IPv4 first, as the allocator hands
/// them out), its pool as an interned id and its request as an id into a table of distinct requests,
/// so it costs 64 bytes. Services and addresses are found through `SlotIndex`es over the entries
/// instead of dictionaries keyed by `ServiceKey` and `IPAddress`: the allocator's cost per assignment
/// used to be its tables (docs/benchmarks.md). The entries live in a `ChunkedArray`, so a growing
/// table never copies them.
///
/// Reads like a dictionary of assignments: `table[key]`, `keys`, `values`, iteration, `count`.
package struct AssignmentTable: Collection, Equatable {
    struct Entry {
        var key: ServiceKey
        /// None: a vacant slot.
        var addresses: AssignedAddresses
        var request: Int32
        var pool: Int32
    }

    var entries = ChunkedArray<Entry>()
    private var vacant: [Int32] = []
    private var byKey = SlotIndex()
    /// The first holder of each address, per family.
    var byV4 = SlotIndex(), byV6 = SlotIndex()
    /// The holders after the first of shared addresses, in the order they came.
    var sharing: [IPAddress: [Int32]] = [:]
    private var requests = RequestTable()
    private var poolNames: [String] = []
    private var poolIDs: [String: Int32] = [:]
    let hash = SlotHash()
    package private(set) var count = 0

    package init() {}

    package typealias Index = Int
    package typealias Element = (key: ServiceKey, value: Assignment)

    package var startIndex: Int { next(from: 0) }
    package var endIndex: Int { entries.count }
    package func index(after index: Int) -> Int { next(from: index + 1) }
    package subscript(position: Int) -> Element { (entries[position].key, assignment(at: position)) }
    package var isEmpty: Bool { count == 0 }

    /// The assignment of `key`.
    package subscript(key: ServiceKey) -> Assignment? { slot(of: key).map { assignment(at: Int($0)) } }

    /// The services holding addresses.
    package var keys: LazyMapCollection<AssignmentTable, ServiceKey> { lazy.map(\.key) }

    /// The assignments.
    package var values: LazyMapCollection<AssignmentTable, Assignment> { lazy.map(\.value) }

    /// The request behind `key`'s assignment.
    package func request(for key: ServiceKey) -> AddressRequest? { slot(of: key).map(request(at:)) }

    /// The request behind the assignment in `slot`.
    func request(at slot: Int32) -> AddressRequest { requests[entries[Int(slot)].request] }

    /// Stores `assignment` (whose key holds nothing yet and which holds an address). Returns a mask of
    /// the addresses, by position, that nobody held before. `keyHash` is `keyHash(of: assignment.key)`
    /// when the caller has it already.
    mutating func insert(_ assignment: Assignment, request: AddressRequest, keyHash: UInt32? = nil) -> UInt8 {
        let key = assignment.key
        let keyHash = keyHash ?? self.keyHash(of: key)
        precondition(!assignment.addresses.isEmpty, "cannot store \(assignment): no address")
        let entry = Entry(key: key, addresses: assignment.addresses, request: requests.retain(request), pool: poolID(assignment.pool))
        let slot = entries.store(entry, reusing: &vacant)
        // The probe reads entries while `byKey` changes: it gets its own reference to the chunks.
        let entries = self.entries
        let existing = byKey.insert(slot, hash: keyHash) { entries[Int($0)].key == key }
        precondition(existing == nil, "cannot store \(assignment): \(key) holds addresses already")
        count += 1
        var fresh: UInt8 = 0
        for (position, address) in assignment.addresses.enumerated() where addHolder(slot, of: address) {
            fresh |= 1 << position
        }
        return fresh
    }

    /// Forgets the assignment in `slot`, whose key hashes to `keyHash`. Returns its request and a
    /// mask of the addresses, by position, that nobody holds any more.
    mutating func remove(slot: Int32, keyHash: UInt32) -> (request: AddressRequest, freed: UInt8) {
        let entry = entries[Int(slot)]
        var freed: UInt8 = 0
        for (position, address) in entry.addresses.enumerated() where removeHolder(slot, of: address) {
            freed |= 1 << position
        }
        let request = requests[entry.request]
        requests.release(entry.request)
        byKey.remove(slot, hash: keyHash)
        entries[Int(slot)] = Entry(key: ServiceKey(source: "", name: ""), addresses: [], request: -1, pool: -1)
        vacant.append(slot)
        count -= 1
        return (request, freed)
    }

    /// Records that `key`'s addresses now belong to pool `pool`.
    mutating func move(_ key: ServiceKey, toPool pool: String) {
        guard let slot = slot(of: key) else { return }
        entries[Int(slot)].pool = poolID(pool)
    }

    mutating func reserveCapacity(_ capacity: Int) {
        entries.reserveCapacity(capacity)
        byKey.reserveCapacity(capacity)
    }

    /// Equal when the same services hold the same assignments (requests are not compared).
    package static func == (lhs: AssignmentTable, rhs: AssignmentTable) -> Bool {
        lhs.count == rhs.count && lhs.allSatisfy { rhs[$0.key] == $0.value }
    }

    /// The slot of `key`'s entry.
    func slot(of key: ServiceKey) -> Int32? {
        slot(of: key, keyHash: keyHash(of: key))
    }

    /// The slot of `key`'s entry, given `keyHash(of: key)`.
    @inline(__always)
    func slot(of key: ServiceKey, keyHash: UInt32) -> Int32? {
        byKey.find(keyHash) { entries[Int($0)].key == key }
    }

    /// The hash `key` is indexed under, to look it up and then insert it with one hashing.
    @inline(__always)
    func keyHash(of key: ServiceKey) -> UInt32 {
        hash(key.source, key.name)
    }

    func assignment(at slot: Int) -> Assignment {
        let entry = entries[slot]
        return Assignment(key: entry.key, pool: poolNames[Int(entry.pool)], addresses: entry.addresses)
    }

    private func next(from index: Int) -> Int {
        var index = index
        while index < entries.count && entries[index].addresses.isEmpty { index += 1 }
        return index
    }

    /// Pool names are few and live as long as the table; the newest is checked first (one pool is common).
    private mutating func poolID(_ name: String) -> Int32 {
        if let last = poolNames.last, last == name { return Int32(poolNames.count - 1) }
        if let id = poolIDs[name] { return id }
        poolNames.append(name)
        poolIDs[name] = Int32(poolNames.count - 1)
        return Int32(poolNames.count - 1)
    }
}
