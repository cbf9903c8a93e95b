package import IronLBPluginAPI
package import BGPWire

/// What one peer has been sent, and the UPDATEs that bring it to a new desired table: only
/// differences, with all prefixes that share attributes packed together (RFC 4271 §9.2).
package struct AdjRIBOut: Sendable {
    /// The routes the peer holds from us.
    package private(set) var sent = RouteTable()

    /// Creates an empty Adj-RIB-Out.
    package init() {}

    /// The UPDATEs that turn `sent` into `desired`, and records `desired` as sent.
    package mutating func transition(to desired: RouteTable, packer: UpdatePacker) throws(UpdatePackingError) -> [BGPUpdate] {
        let withdrawn = sent.prefixes.filter { desired.routes[$0] == nil }
        // Map the desired table's attribute indices to equality with what was sent, once per set.
        var changed = [[IPPrefix]](repeating: [], count: desired.attributeSets.count)
        for (prefix, attributeIndex) in desired.routes where sent[prefix] != desired.attributeSets[attributeIndex] {
            changed[attributeIndex].append(prefix)
        }
        var updates = packer.withdrawals(of: withdrawn)
        updates += try Self.announcements(zip(desired.attributeSets, changed).map { ($0.0, $0.1) }, packer: packer)
        sent = desired
        return updates
    }

    /// Every route again (after the session is established, or on ROUTE-REFRESH, RFC 2918).
    package func fullTable(packer: UpdatePacker) throws(UpdatePackingError) -> [BGPUpdate] {
        try Self.announcements(sent.grouped, packer: packer)
    }

    /// Forgets everything (the session went down; the peer dropped our routes).
    package mutating func reset() { sent = RouteTable() }

    /// Replaces what counts as sent without producing UPDATEs (a new session will get `fullTable`).
    package mutating func assumeSent(_ table: RouteTable) { sent = table }

    private static func announcements(_ groups: [(RouteAttributes, [IPPrefix])], packer: UpdatePacker) throws(UpdatePackingError) -> [BGPUpdate] {
        var updates: [BGPUpdate] = []
        // A stable order makes the wire output deterministic for tests and captures.
        for (attributes, prefixes) in groups.filter({ !$0.1.isEmpty }).sorted(by: { $0.1.min()! < $1.1.min()! }) {
            updates += try packer.announcements(of: prefixes, attributes: attributes.path, ipv6NextHop: attributes.ipv6NextHop)
        }
        return updates
    }
}
