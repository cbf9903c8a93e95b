/// End-of-RIB markers (RFC 4724 §2).
extension BGPUpdate {
    /// The End-of-RIB marker of `family`: an empty UPDATE for IPv4 unicast, an UPDATE with only
    /// an empty MP_UNREACH_NLRI for any other family (RFC 4724 §2).
    package static func endOfRIB(_ family: RouteFamily) -> BGPUpdate {
        guard family != .ipv4Unicast else { return BGPUpdate() }
        return BGPUpdate(attributes: PathAttributes(multiprotocolUnreach: MultiprotocolUnreach(family: family, withdrawn: [])))
    }

    /// The family this UPDATE marks the End-of-RIB of, or `nil` if it is not a marker.
    package var endOfRIBFamily: RouteFamily? {
        guard withdrawnRoutes.isEmpty, nlri.isEmpty else { return nil }
        if attributes.isEmpty { return .ipv4Unicast }
        guard let unreach = attributes.multiprotocolUnreach, unreach.withdrawn.isEmpty,
            PathAttributes(multiprotocolUnreach: unreach) == attributes
        else { return nil }
        return unreach.family
    }
}
