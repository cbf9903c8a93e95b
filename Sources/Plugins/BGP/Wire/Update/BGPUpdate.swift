package import IronLBPluginAPI

/// An UPDATE message: IPv4 routes withdrawn, path attributes, IPv4 routes announced
/// (RFC 4271 §4.3); other families travel in `attributes.multiprotocolReach` / `Unreach`.
///
/// A decoded UPDATE also carries what RFC 7606 says to do about its errors (`errors`) and
/// harmless oddities (`notes`). Neither is encoded; both are empty for UPDATEs built locally.
package struct BGPUpdate: Hashable, Sendable, CustomStringConvertible {
    /// IPv4 prefixes in the Withdrawn Routes field.
    package var withdrawnRoutes: [IPPrefix]
    /// The path attributes.
    package var attributes: PathAttributes
    /// IPv4 prefixes in the NLRI field.
    package var nlri: [IPPrefix]
    /// RFC 7606 treat-as-withdraw and attribute-discard findings, in the order found.
    package var errors: [UpdateErrorAction]
    /// Harmless oddities, such as host bits set in a prefix.
    package var notes: [UpdateNote]

    /// Creates an UPDATE.
    package init(withdrawnRoutes: [IPPrefix] = [], attributes: PathAttributes = PathAttributes(), nlri: [IPPrefix] = [],
                 errors: [UpdateErrorAction] = [], notes: [UpdateNote] = []) {
        self.withdrawnRoutes = withdrawnRoutes
        self.attributes = attributes
        self.nlri = nlri
        self.errors = errors
        self.notes = notes
    }

    /// Whether RFC 7606 says to handle every announced route as withdrawn (RFC 7606 §2).
    package var isTreatAsWithdraw: Bool {
        errors.contains { if case .treatAsWithdraw = $0 { true } else { false } }
    }

    /// Every prefix announced, from the NLRI field and MP_REACH_NLRI.
    package var announcedPrefixes: [IPPrefix] {
        nlri + (attributes.multiprotocolReach?.nlri ?? [])
    }

    /// Every prefix withdrawn, from the Withdrawn Routes field and MP_UNREACH_NLRI.
    package var withdrawnPrefixes: [IPPrefix] {
        withdrawnRoutes + (attributes.multiprotocolUnreach?.withdrawn ?? [])
    }

    /// The routes the receiver must install and remove once RFC 7606 is applied: under
    /// treat-as-withdraw nothing is installed and the announced prefixes are removed too.
    package var effectiveChanges: (install: [IPPrefix], remove: [IPPrefix]) {
        isTreatAsWithdraw ? ([], withdrawnPrefixes + announcedPrefixes) : (announcedPrefixes, withdrawnPrefixes)
    }

    /// "+3 -1 prefixes", plus the End-of-RIB family or the RFC 7606 findings.
    package var description: String {
        if let family = endOfRIBFamily { return "End-of-RIB \(family)" }
        var text = "+\(announcedPrefixes.count) -\(withdrawnPrefixes.count) prefixes"
        if !errors.isEmpty { text += " \(errors)" }
        return text
    }
}
