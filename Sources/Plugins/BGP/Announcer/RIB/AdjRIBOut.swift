package import IronLBPluginAPI
package import BGPWire

/// What one peer has been sent, and the UPDATEs that bring it to a new desired table: only
/// differences, with all prefixes that share attributes packed together (RFC 4271 §9.2).
package struct AdjRIBOut: Sendable {
    /// The routes the peer holds from us, by prefix.
    package private(set) var sent: [IPPrefix: RouteAttributes] = [:]

    /// Creates an empty Adj-RIB-Out.
    package init() {}

    /// The UPDATEs that turn `sent` into `desired`, and records `desired` as sent.
    package mutating func transition(to desired: [IPPrefix: RouteAttributes], packer: UpdatePacker) throws(UpdatePackingError) -> [BGPUpdate] {
        let withdrawn = sent.keys.filter { desired[$0] == nil }
        var changed: [RouteAttributes: [IPPrefix]] = [:]
        for (prefix, attributes) in desired where sent[prefix] != attributes {
            changed[attributes, default: []].append(prefix)
        }
        var updates = packer.withdrawals(of: withdrawn)
        updates += try Self.announcements(changed, packer: packer)
        sent = desired
        return updates
    }

    /// Every route again (after the session is established, or on ROUTE-REFRESH, RFC 2918).
    package func fullTable(packer: UpdatePacker) throws(UpdatePackingError) -> [BGPUpdate] {
        var grouped: [RouteAttributes: [IPPrefix]] = [:]
        for (prefix, attributes) in sent { grouped[attributes, default: []].append(prefix) }
        return try Self.announcements(grouped, packer: packer)
    }

    /// Forgets everything (the session went down; the peer dropped our routes).
    package mutating func reset() { sent = [:] }

    /// Replaces what counts as sent without producing UPDATEs (a new session will get `fullTable`).
    package mutating func assumeSent(_ table: [IPPrefix: RouteAttributes]) { sent = table }

    private static func announcements(_ grouped: [RouteAttributes: [IPPrefix]], packer: UpdatePacker) throws(UpdatePackingError) -> [BGPUpdate] {
        var updates: [BGPUpdate] = []
        // A stable order makes the wire output deterministic for tests and captures.
        for (attributes, prefixes) in grouped.sorted(by: { $0.value.min()! < $1.value.min()! }) {
            updates += try packer.announcements(of: prefixes, attributes: attributes.path, ipv6NextHop: attributes.ipv6NextHop)
        }
        return updates
    }
}
