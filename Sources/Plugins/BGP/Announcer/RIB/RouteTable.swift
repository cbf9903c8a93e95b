package import IronLBPluginAPI

/// Routes by prefix, with their attribute sets stored once and referred to by index: a hundred
/// thousand routes of one advertisement share one `RouteAttributes` value, so the table costs a
/// prefix and an integer per route and comparing two routes' attributes is an integer compare.
package struct RouteTable: Sendable, Equatable {
    /// The attribute sets, each once.
    package private(set) var attributeSets: [RouteAttributes] = []
    private var index: [RouteAttributes: Int] = [:]
    /// Each prefix with the index of its attribute set.
    package private(set) var routes: [IPPrefix: Int] = [:]

    /// Creates an empty table.
    package init() {}

    /// The number of routes.
    package var count: Int { routes.count }

    /// The attributes of `prefix`, if it is in the table.
    package subscript(prefix: IPPrefix) -> RouteAttributes? {
        routes[prefix].map { attributeSets[$0] }
    }

    /// The prefixes in the table.
    package var prefixes: Dictionary<IPPrefix, Int>.Keys { routes.keys }

    /// Stores `attributes` once and returns its index.
    package mutating func intern(_ attributes: RouteAttributes) -> Int {
        if let existing = index[attributes] { return existing }
        attributeSets.append(attributes)
        index[attributes] = attributeSets.count - 1
        return attributeSets.count - 1
    }

    /// Adds or replaces a route whose attributes were interned in this table.
    package mutating func insert(_ prefix: IPPrefix, attributeIndex: Int) {
        routes[prefix] = attributeIndex
    }

    /// Adds a route unless the prefix is already there; returns whether it was added.
    @discardableResult
    package mutating func insertIfAbsent(_ prefix: IPPrefix, attributeIndex: Int) -> Bool {
        if routes[prefix] != nil { return false }
        routes[prefix] = attributeIndex
        return true
    }

    /// The prefixes grouped by attribute set.
    package var grouped: [(attributes: RouteAttributes, prefixes: [IPPrefix])] {
        var groups = [[IPPrefix]](repeating: [], count: attributeSets.count)
        for (prefix, attributeIndex) in routes { groups[attributeIndex].append(prefix) }
        return zip(attributeSets, groups).filter { !$0.1.isEmpty }.map { ($0.0, $0.1) }
    }

    package static func == (lhs: RouteTable, rhs: RouteTable) -> Bool {
        lhs.routes.count == rhs.routes.count && lhs.routes.allSatisfy { prefix, index in rhs[prefix] == lhs.attributeSets[index] }
    }
}
