public import IronLBPluginAPI

/// One BGP peer (`announcers.bgp.peers[]`).
public struct BGPPeerConfiguration: Sendable, Equatable {
    /// Unique name, used by advertisements and in status.
    public var name: String
    /// The peer's address.
    public var address: IPAddress
    /// The peer's AS number; equal to ours means iBGP.
    public var asn: UInt32
    /// The peer's TCP port.
    public var port: Int = 179
    /// Our source address for the session, if fixed.
    public var sourceAddress: IPAddress?
    /// Whether we wait for the peer to connect instead of connecting.
    public var passive: Bool = false
    /// Timers, with the section's defaults filled in.
    public var timers: BGPTimers
    /// eBGP multihop TTL (nil: directly connected, TTL 1 for eBGP).
    public var ebgpMultihop: Int?
    /// Whether the Generalized TTL Security Mechanism (RFC 5082) is on.
    public var gtsm: Bool = false
    /// A file holding the TCP-MD5 (RFC 2385) password; read when the session starts, never logged.
    public var passwordFile: String?
    /// The address families the session carries.
    public var families: [IPFamily]
    /// The nodes this peer applies to (empty: every node).
    public var nodes: [String] = []
    /// A selector over node labels; the peer applies where it matches.
    public var nodeSelector: LabelSelector = .everything

    /// Whether this is an iBGP session.
    public func isInternal(localASN: UInt32) -> Bool { asn == localASN }

    /// Whether this peer applies to `node`.
    public func applies(to node: NodeIdentity) -> Bool {
        (nodes.isEmpty || nodes.contains(node.name)) && nodeSelector.matches(node.labels)
    }

    var rendered: RenderedValue {
        var entries = [
            RenderedEntry("name", .string(name)), RenderedEntry("address", .string(address.description)),
            RenderedEntry("asn", .integer(Int(asn))), RenderedEntry("port", .integer(port)),
        ]
        if let sourceAddress { entries.append(RenderedEntry("source-address", .string(sourceAddress.description))) }
        entries.append(RenderedEntry("passive", .bool(passive)))
        entries += timers.renderedEntries
        if let ebgpMultihop { entries.append(RenderedEntry("ebgp-multihop", .integer(ebgpMultihop))) }
        entries.append(RenderedEntry("gtsm", .bool(gtsm)))
        if let passwordFile { entries.append(RenderedEntry("password-file", .string(passwordFile))) }
        entries.append(RenderedEntry("families", .strings(families.map(\.rawValue))))
        if !nodes.isEmpty { entries.append(RenderedEntry("nodes", .strings(nodes))) }
        if !nodeSelector.matchLabels.isEmpty {
            entries.append(RenderedEntry("node-selector", .mapping(nodeSelector.matchLabels.sorted { $0.key < $1.key }.map { RenderedEntry($0.key, .string($0.value)) })))
        }
        return .mapping(entries)
    }
}
