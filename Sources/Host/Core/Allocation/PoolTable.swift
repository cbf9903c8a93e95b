/// The configured pools, in configuration order, found by name or by position.
///
/// Stored in an array so the allocation path reaches a pool by position and changes its index in
/// place, without hashing its name or copying it out of a dictionary.
struct PoolTable: Sequence {
    private var storage: [Allocator.Pool] = []
    private var positions: [String: Int] = [:]

    init() {}

    /// Pools with distinct names; a later pool of the same name replaces the earlier.
    init(_ pools: [Allocator.Pool]) {
        for pool in pools {
            if let position = positions[pool.config.name] {
                storage[position] = pool
            } else {
                positions[pool.config.name] = storage.count
                storage.append(pool)
            }
        }
    }

    /// The pool named `name`.
    subscript(name: String) -> Allocator.Pool? { positions[name].map { storage[$0] } }

    /// The pool at `position`, read or changed in place.
    subscript(at position: Int) -> Allocator.Pool {
        _read { yield storage[position] }
        _modify { yield &storage[position] }
    }

    /// Changes the pool at `position` in place: what `self[at:]` does, inlined (the accessor stays
    /// a call, about 200 instructions with its resumption, on every allocation's hot path).
    @inline(__always) @discardableResult
    mutating func update<Result>(at position: Int, _ body: (inout Allocator.Pool) -> Result) -> Result {
        body(&storage[position])
    }

    /// Where pool `name` is.
    func position(of name: String) -> Int? { positions[name] }

    /// Finds pools by name in a pass over many things that mostly name the same pool as the one
    /// before (assignments, releases): the name is hashed only when it changes.
    struct RunLookup {
        private var last: (name: String, position: Int?)?

        mutating func position(of name: String, in pools: PoolTable) -> Int? {
            if let last, last.name == name { return last.position }
            let position = pools.position(of: name)
            last = (name, position)
            return position
        }
    }

    /// Changes pool `name` in place; nil when there is no such pool.
    @discardableResult
    mutating func modify<Result>(_ name: String, _ body: (inout Allocator.Pool) -> Result) -> Result? {
        guard let position = positions[name] else { return nil }
        return body(&storage[position])
    }

    var keys: [String] { storage.map(\.config.name) }
    var values: [Allocator.Pool] { storage }
    var indices: Range<Int> { storage.indices }

    func makeIterator() -> some IteratorProtocol<(key: String, value: Allocator.Pool)> {
        storage.lazy.map { (key: $0.config.name, value: $0) }.makeIterator()
    }
}
