public import IronLBPluginAPI
import BGPWire

extension BGPAdvertisementOptions {
    /// The BGP keys an advertisement may have.
    static let keys = ["peers", "communities", "large-communities", "local-pref", "med", "as-path-prepend",
                       "next-hop-ipv4", "next-hop-ipv6", "aggregation-length", "aggregation-length-v6"]

    /// Reads the BGP keys of an advertisement; peer names are checked against `announcer`.
    public static func decode(_ mapping: inout ConfigMapping, announcer: BGPConfiguration?, _ diagnostics: inout Diagnostics) -> BGPAdvertisementOptions? {
        var options = BGPAdvertisementOptions()
        var valid = true
        if let node = mapping.value("peers") {
            options.peers = node.list(&diagnostics) { item, diagnostics -> String? in
                guard let name = item.name(&diagnostics) else { return nil }
                if let announcer, announcer.peer(named: name) == nil {
                    let known = announcer.peers.map(\.name)
                    let hint = KeySuggestion.nearest(to: name, among: known).map { "; did you mean '\($0)'?" } ?? "; known peers: \(known.isEmpty ? "none" : known.joined(separator: ", "))"
                    diagnostics.error(item, "unknown BGP peer '\(name)'\(hint)")
                }
                return name
            } ?? []
        }
        if let node = mapping.value("communities") {
            options.communities = node.list(&diagnostics) { item, diagnostics -> Community? in
                guard let text = item.string(&diagnostics) else { return nil }
                guard let community = Community(text) else {
                    diagnostics.error(item, "\"\(text)\" is not a community: write ASN:VALUE (each 0...65535) or a well-known name such as no-export or graceful-shutdown")
                    return nil
                }
                return community
            } ?? []
        }
        if let node = mapping.value("large-communities") {
            options.largeCommunities = node.list(&diagnostics) { item, diagnostics -> LargeCommunity? in
                guard let text = item.string(&diagnostics) else { return nil }
                guard let community = LargeCommunity(text) else {
                    diagnostics.error(item, "\"\(text)\" is not a large community: write GLOBAL:LOCAL1:LOCAL2, each 0...4294967295 (RFC 8092)")
                    return nil
                }
                return community
            } ?? []
        }
        if let node = mapping.value("local-pref") {
            options.localPref = node.uint32(&diagnostics)
            if let announcer {
                let targets = options.peers.isEmpty ? announcer.peers : announcer.peers.filter { options.peers.contains($0.name) }
                if !targets.isEmpty && !targets.contains(where: { $0.isInternal(localASN: announcer.localASN) }) {
                    diagnostics.warning(node, "local-pref is sent to iBGP peers only, and none of this advertisement's peers is iBGP")
                }
            }
        }
        options.med = mapping.value("med")?.uint32(&diagnostics)
        options.asPathPrepend = mapping.value("as-path-prepend")?.integer(in: 0...16, &diagnostics) ?? 0
        if let node = mapping.value("next-hop-ipv4"), let text = node.string(&diagnostics), text != "self" {
            options.nextHopIPv4 = node.ipv4Address(&diagnostics)
            valid = valid && options.nextHopIPv4 != nil
        }
        if let node = mapping.value("next-hop-ipv6"), let text = node.string(&diagnostics), text != "self" {
            if let address = node.address(&diagnostics) {
                if case .v6(let v6) = address { options.nextHopIPv6 = v6 } else { diagnostics.error(node, "expected an IPv6 address or self, found \(address)") }
            }
        }
        if options.nextHopIPv6 == nil, let announcer {
            let targets = options.peers.isEmpty ? announcer.peers : announcer.peers.filter { options.peers.contains($0.name) }
            let mapped = targets.filter { $0.address.family == .ipv4 && $0.families.contains(.ipv6) }.map(\.name)
            if !mapped.isEmpty {
                diagnostics.warning(mapping.node, "IPv6 routes to \(mapped.joined(separator: ", ")) go over an IPv4 session, so without next-hop-ipv6 their next hop is IPv4-mapped (::ffff:a.b.c.d), which BIRD does not accept from a directly connected peer; set next-hop-ipv6 to this node's IPv6 address on that link")
            }
        }
        options.aggregationLength = mapping.value("aggregation-length")?.integer(in: 0...32, &diagnostics) ?? 32
        options.aggregationLengthV6 = mapping.value("aggregation-length-v6")?.integer(in: 0...128, &diagnostics) ?? 128
        return valid ? options : nil
    }
}
