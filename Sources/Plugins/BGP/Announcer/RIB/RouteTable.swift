package import IronLBPluginAPI

/// Routes in prefix order, with their attribute sets stored once and referred to by index: a hundred
/// thousand routes of one advertisement share one `RouteAttributes` value.
///
/// Each family's routes are one sorted array of `CompactRoute`s (12 bytes for IPv4), not a hash
/// table: the table is built in one pass from routes that mostly arrive in order, looked up by binary
/// search, and compared with another table by one merge walk (`AdjRIBOut.transition`).
package struct RouteTable: Sendable, Equatable {
    /// The attribute sets, each once.
    package private(set) var attributeSets: [RouteAttributes] = []
    private var index: [RouteAttributes: Int] = [:]
    /// The IPv4 routes, sorted by prefix, one per prefix (only `Builder` writes them).
    var ipv4: [CompactRoute<UInt32>] = []
    /// The IPv6 routes, sorted by prefix, one per prefix (only `Builder` writes them).
    var ipv6: [CompactRoute<UInt128>] = []

    /// Creates an empty table.
    package init() {}

    /// The number of routes.
    package var count: Int { ipv4.count + ipv6.count }

    /// The attributes of `prefix`, if it is in the table.
    package subscript(prefix: IPPrefix) -> RouteAttributes? {
        switch prefix.family {
        case .ipv4: ipv4.routeIndex(of: prefix).map { attributeSets[Int(ipv4[$0].attributeIndex)] }
        case .ipv6: ipv6.routeIndex(of: prefix).map { attributeSets[Int(ipv6[$0].attributeIndex)] }
        }
    }

    /// The prefixes in the table, in order.
    package var prefixes: [IPPrefix] { ipv4.map(\.prefix) + ipv6.map(\.prefix) }

    /// The index of the attribute set equal to `attributes`, if the table has one.
    package func attributeIndex(of attributes: RouteAttributes) -> Int? { index[attributes] }

    /// Stores `attributes` once and returns its index.
    package mutating func intern(_ attributes: RouteAttributes) -> Int {
        if let existing = index[attributes] { return existing }
        attributeSets.append(attributes)
        index[attributes] = attributeSets.count - 1
        return attributeSets.count - 1
    }

    /// The routes of each attribute set that has any, in the order of each set's first prefix.
    var groups: [RouteGroup] {
        var groups = attributeSets.map { RouteGroup(attributes: $0) }
        for route in ipv4 { groups[Int(route.attributeIndex)].ipv4.append(route) }
        for route in ipv6 { groups[Int(route.attributeIndex)].ipv6.append(route) }
        return RouteGroup.ordered(groups)
    }

    /// The prefixes grouped by attribute set.
    package var grouped: [(attributes: RouteAttributes, prefixes: [IPPrefix])] {
        groups.map { ($0.attributes, $0.ipv4.map(\.prefix) + $0.ipv6.map(\.prefix)) }
    }

    package static func == (lhs: RouteTable, rhs: RouteTable) -> Bool {
        func same<Network>(_ left: [CompactRoute<Network>], _ right: [CompactRoute<Network>]) -> Bool {
            left.count == right.count && zip(left, right).allSatisfy { l, r in
                l.hasSamePrefix(as: r) && lhs.attributeSets[Int(l.attributeIndex)] == rhs.attributeSets[Int(r.attributeIndex)]
            }
        }
        return same(lhs.ipv4, rhs.ipv4) && same(lhs.ipv6, rhs.ipv6)
    }
}

/// Routes that share one attribute set, by family, each in prefix order.
struct RouteGroup: Sendable {
    var attributes: RouteAttributes
    var ipv4: [CompactRoute<UInt32>] = []
    var ipv6: [CompactRoute<UInt128>] = []

    /// The group's first prefix (IPv4 sorts before IPv6), or nil when it is empty.
    var firstPrefix: IPPrefix? { ipv4.first?.prefix ?? ipv6.first?.prefix }

    /// The non-empty groups ordered by their first prefix, so that UPDATEs come out in a stable order.
    static func ordered(_ groups: [RouteGroup]) -> [RouteGroup] {
        groups.compactMap { group in group.firstPrefix.map { (group, $0) } }.sorted { $0.1 < $1.1 }.map(\.0)
    }
}
