package import IronLBPluginAPI

/// The value of AGGREGATOR or AS4_AGGREGATOR: who formed an aggregate route (RFC 4271 §5.1.7).
package struct Aggregator: Hashable, Sendable, CustomStringConvertible {
    /// The AS of the aggregating speaker, as a 4-octet value whatever the wire encoding.
    package var asn: UInt32
    /// The aggregating speaker's address (its BGP identifier).
    package var address: IPv4Address

    /// Creates an aggregator.
    package init(asn: UInt32, address: IPv4Address) {
        self.asn = asn
        self.address = address
    }

    /// "AS 65001 192.0.2.1".
    package var description: String {
        "AS \(asn) \(address)"
    }
}
