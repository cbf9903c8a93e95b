/// The extended next hop capability's value (RFC 8950 §3).
package enum ExtendedNextHopCapability {
    /// One NLRI family that may be sent with a next hop of another address family.
    package struct Entry: Hashable, Sendable {
        /// The AFI of the NLRI, such as 1 for IPv4.
        package var nlriAFI: UInt16
        /// The SAFI of the NLRI; two octets in this capability, unlike elsewhere.
        package var nlriSAFI: UInt16
        /// The AFI of the next hop, such as 2 for IPv6.
        package var nextHopAFI: UInt16

        /// Creates an entry.
        package init(nlriAFI: UInt16, nlriSAFI: UInt16, nextHopAFI: UInt16) {
            self.nlriAFI = nlriAFI
            self.nlriSAFI = nlriSAFI
            self.nextHopAFI = nextHopAFI
        }
    }
}
