package import IronLBPluginAPI

/// The MP_UNREACH_NLRI attribute: routes of one family withdrawn (RFC 4760 §4).
///
/// With no prefixes and nothing else in the UPDATE it is the End-of-RIB marker of a
/// non-IPv4-unicast family (RFC 4724 §2).
package struct MultiprotocolUnreach: Hashable, Sendable {
    /// The family; only IPv4 and IPv6 unicast are decoded.
    package var family: RouteFamily
    /// The withdrawn prefixes.
    package var withdrawn: [IPPrefix]

    /// Creates the attribute.
    package init(family: RouteFamily, withdrawn: [IPPrefix]) {
        self.family = family
        self.withdrawn = withdrawn
    }
}
