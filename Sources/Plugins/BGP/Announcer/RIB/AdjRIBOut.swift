import IronLBPluginAPI
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
        var updates: [BGPUpdate] = []
        try transition(to: desired, packer: packer) { updates.append($0) }
        return updates
    }

    /// The same UPDATEs, handed to `emit` one at a time so that the session can encode each and let it
    /// go instead of holding all of them (a hundred thousand routes are 3 MB of `IPPrefix`es). When it
    /// throws, `sent` is unchanged and what was emitted must not be sent.
    package mutating func transition(to desired: RouteTable, packer: UpdatePacker, each emit: (BGPUpdate) -> Void) throws(UpdatePackingError) {
        // Each desired attribute set's index in `sent`, once per set, so that routes compare as integers.
        let sentIndex = desired.attributeSets.map { sent.attributeIndex(of: $0).map(UInt32.init) }
        let ipv4 = RouteDifference(from: sent.ipv4, to: desired.ipv4, sentIndex: sentIndex)
        let ipv6 = RouteDifference(from: sent.ipv6, to: desired.ipv6, sentIndex: sentIndex)
        packer.withdrawals(of: ipv4.withdrawn.map { $0.prefix }, each: emit)
        packer.withdrawals(of: ipv6.withdrawn.map { $0.prefix }, each: emit)
        let changed = desired.attributeSets.indices.map { index in
            RouteGroup(attributes: desired.attributeSets[index], ipv4: ipv4.changed[index], ipv6: ipv6.changed[index])
        }
        try Self.announcements(RouteGroup.ordered(changed), packer: packer, each: emit)
        sent = desired
    }

    /// Every route again (after the session is established, or on ROUTE-REFRESH, RFC 2918).
    package func fullTable(packer: UpdatePacker) throws(UpdatePackingError) -> [BGPUpdate] {
        var updates: [BGPUpdate] = []
        try fullTable(packer: packer) { updates.append($0) }
        return updates
    }

    /// The same UPDATEs, handed to `emit` one at a time.
    package func fullTable(packer: UpdatePacker, each emit: (BGPUpdate) -> Void) throws(UpdatePackingError) {
        try Self.announcements(sent.groups, packer: packer, each: emit)
    }

    /// Forgets everything (the session went down; the peer dropped our routes).
    package mutating func reset() { sent = RouteTable() }

    /// Replaces what counts as sent without producing UPDATEs (a new session will get `fullTable`).
    package mutating func assumeSent(_ table: RouteTable) { sent = table }

    /// The UPDATEs announcing `groups`, in their order; each group's IPv4 prefixes before its IPv6 ones.
    /// Prefixes are expanded from their compact form one group and family at a time, in order, so the
    /// packer slices them without sorting or copying.
    private static func announcements(_ groups: [RouteGroup], packer: UpdatePacker, each emit: (BGPUpdate) -> Void) throws(UpdatePackingError) {
        for group in groups {
            let attributes = group.attributes
            try packer.announcements(of: group.ipv4.map { $0.prefix }, attributes: attributes.path, ipv6NextHop: attributes.ipv6NextHop, each: emit)
            try packer.announcements(of: group.ipv6.map { $0.prefix }, attributes: attributes.path, ipv6NextHop: attributes.ipv6NextHop, each: emit)
        }
    }
}

/// The routes of one family that differ between what was sent and what is desired, found by one
/// walk over both sorted arrays.
struct RouteDifference<Network: RouteNetwork> {
    /// Routes sent whose prefix is no longer desired, in prefix order.
    var withdrawn: [CompactRoute<Network>] = []
    /// Desired routes that are new or whose attributes changed, by desired attribute index, in prefix order.
    var changed: [[CompactRoute<Network>]]

    /// Compares `sent` with `desired`; `sentIndex[i]` is the index in the sent table of the attribute
    /// set equal to the desired table's set `i`, or nil when nothing equal was sent.
    init(from sent: [CompactRoute<Network>], to desired: [CompactRoute<Network>], sentIndex: [UInt32?]) {
        changed = Array(repeating: [], count: sentIndex.count)
        var s = sent.startIndex, d = desired.startIndex
        while s < sent.endIndex || d < desired.endIndex {
            if d == desired.endIndex || (s < sent.endIndex && sent[s].precedes(desired[d])) {
                withdrawn.append(sent[s])
                s += 1
            } else if s == sent.endIndex || desired[d].precedes(sent[s]) {
                changed[Int(desired[d].attributeIndex)].append(desired[d])
                d += 1
            } else {
                if sentIndex[Int(desired[d].attributeIndex)] != sent[s].attributeIndex {
                    changed[Int(desired[d].attributeIndex)].append(desired[d])
                }
                s += 1
                d += 1
            }
        }
    }
}
