package import IronLBPluginAPI

/// The next hop of an MP_REACH_NLRI (RFC 4760 §3, RFC 2545 §3, RFC 8950 §3).
///
/// IPv6 next hops are 16 octets (global) or 32 (global, then link-local); IPv4 NLRI carry a
/// 4-octet IPv4 next hop or, with extended next hop, an IPv6 one.
package struct MultiprotocolNextHop: Hashable, Sendable, CustomStringConvertible {
    /// The global next hop address.
    package var global: IPAddress
    /// The link-local address sent after an IPv6 global one, if any (RFC 2545 §3).
    package var linkLocal: IPv6Address?

    /// Creates a next hop.
    package init(global: IPAddress, linkLocal: IPv6Address? = nil) {
        self.global = global
        self.linkLocal = linkLocal
    }

    /// The Length of Next Hop Network Address field: 4, 16 or 32.
    package var encodedLength: Int {
        switch global {
        case .v4: 4
        case .v6: linkLocal == nil ? 16 : 32
        }
    }

    /// "2001:db8::1" or "2001:db8::1 fe80::1".
    package var description: String {
        linkLocal.map { "\(global) \($0)" } ?? "\(global)"
    }
}
