public import IronLBPluginAPI

/// Every current assignment by service, each stored once with the request behind it (one hash table
/// instead of two: the allocator's largest cost per assignment is its tables).
///
/// Reads like a dictionary of assignments: `table[key]`, `keys`, `values`, iteration, `count`.
package struct AssignmentTable: Collection, Equatable {
    /// One service's assignment and request.
    package struct Entry: Sendable {
        /// The addresses held.
        package var assignment: Assignment
        /// What the service asked for.
        package var request: AddressRequest
    }

    private var entries: [ServiceKey: Entry] = [:]

    package typealias Index = Dictionary<ServiceKey, Entry>.Index
    package typealias Element = (key: ServiceKey, value: Assignment)

    package var startIndex: Index { entries.startIndex }
    package var endIndex: Index { entries.endIndex }
    package func index(after index: Index) -> Index { entries.index(after: index) }
    package subscript(position: Index) -> Element {
        let (key, entry) = entries[position]
        return (key, entry.assignment)
    }
    package var count: Int { entries.count }

    /// The assignment of `key`.
    package subscript(key: ServiceKey) -> Assignment? { entries[key]?.assignment }

    /// The services holding addresses.
    package var keys: Dictionary<ServiceKey, Entry>.Keys { entries.keys }

    /// The assignments.
    package var values: LazyMapCollection<Dictionary<ServiceKey, Entry>.Values, Assignment> { entries.values.lazy.map(\.assignment) }

    /// The request behind `key`'s assignment.
    package func request(for key: ServiceKey) -> AddressRequest? { entries[key]?.request }

    mutating func set(_ assignment: Assignment, request: AddressRequest) {
        entries[assignment.key] = Entry(assignment: assignment, request: request)
    }

    mutating func move(_ key: ServiceKey, toPool pool: String) {
        entries[key]?.assignment.pool = pool
    }

    @discardableResult
    mutating func remove(_ key: ServiceKey) -> Entry? { entries.removeValue(forKey: key) }

    mutating func reserveCapacity(_ capacity: Int) { entries.reserveCapacity(capacity) }

    /// Equal when the same services hold the same assignments (requests are not compared).
    package static func == (lhs: AssignmentTable, rhs: AssignmentTable) -> Bool {
        lhs.count == rhs.count && lhs.entries.allSatisfy { rhs.entries[$0.key]?.assignment == $0.value.assignment }
    }
}
