import BGPWire
import IronLBPluginAPI

extension AdjRIBOut {
    /// The routes the peer holds from us, in prefix order, with their attributes in words.
    func report(peer: String) -> [ExportedRoute] {
        sent.grouped.flatMap { attributes, prefixes in
            let words = Self.describe(attributes)
            let nextHop = attributes.ipv6NextHop?.description ?? attributes.path.nextHop?.description
            return prefixes.map { ExportedRoute(peer: peer, prefix: $0, nextHop: nextHop, attributes: words) }
        }.sorted { $0.prefix < $1.prefix }
    }

    private static func describe(_ attributes: RouteAttributes) -> [String] {
        let path = attributes.path
        var words: [String] = []
        if let asPath = path.asPath { words.append("as-path \(asPath.segments.isEmpty ? "(empty)" : asPath.description)") }
        if let localPreference = path.localPreference { words.append("local-pref \(localPreference)") }
        if let med = path.multiExitDiscriminator { words.append("med \(med)") }
        if !path.communities.isEmpty { words.append("communities " + path.communities.map(\.description).joined(separator: " ")) }
        if !path.largeCommunities.isEmpty { words.append("large-communities " + path.largeCommunities.map(\.description).joined(separator: " ")) }
        return words
    }
}
