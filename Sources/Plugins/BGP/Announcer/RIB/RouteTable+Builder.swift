package import IronLBPluginAPI

extension RouteTable {
    /// Builds a table from routes in any order; where a prefix comes more than once, the first wins.
    ///
    /// Routes that arrive in prefix order (the usual case: the plan's routes are sorted) are appended
    /// as they come; only when one arrives out of order is the whole table sorted once, in `build()`.
    package struct Builder {
        private var table = RouteTable()
        private var ipv4InOrder = true
        private var ipv6InOrder = true

        /// Creates an empty builder.
        package init() {}

        /// Stores `attributes` once and returns the index to add routes with.
        package mutating func intern(_ attributes: RouteAttributes) -> Int {
            table.intern(attributes)
        }

        /// Adds a route whose attributes were interned in this builder, unless its prefix came before.
        package mutating func add(_ prefix: IPPrefix, attributeIndex: Int) {
            precondition(attributeIndex < table.attributeSets.count, "attribute set \(attributeIndex) was not interned")
            switch prefix.family {
            case .ipv4: Self.append(CompactRoute(prefix, attributeIndex: attributeIndex), to: &table.ipv4, inOrder: &ipv4InOrder)
            case .ipv6: Self.append(CompactRoute(prefix, attributeIndex: attributeIndex), to: &table.ipv6, inOrder: &ipv6InOrder)
            }
        }

        /// The table, sorted by prefix with one route per prefix.
        package consuming func build() -> RouteTable {
            if !ipv4InOrder { table.ipv4 = Self.sortedKeepingFirst(table.ipv4) }
            if !ipv6InOrder { table.ipv6 = Self.sortedKeepingFirst(table.ipv6) }
            return table
        }

        private static func append<Network>(_ route: CompactRoute<Network>, to routes: inout [CompactRoute<Network>], inOrder: inout Bool) {
            if inOrder, let last = routes.last {
                if last.hasSamePrefix(as: route) { return }  // the first route for a prefix wins
                if route.precedes(last) { inOrder = false }
            }
            routes.append(route)
        }

        /// `routes` in prefix order, keeping of each prefix the route that came first.
        private static func sortedKeepingFirst<Network>(_ routes: [CompactRoute<Network>]) -> [CompactRoute<Network>] {
            let sorted = routes.enumerated().sorted { a, b in
                a.element.hasSamePrefix(as: b.element) ? a.offset < b.offset : a.element.precedes(b.element)
            }
            var result: [CompactRoute<Network>] = []
            result.reserveCapacity(sorted.count)
            for (_, route) in sorted where result.last.map({ !$0.hasSamePrefix(as: route) }) ?? true {
                result.append(route)
            }
            return result
        }
    }
}
