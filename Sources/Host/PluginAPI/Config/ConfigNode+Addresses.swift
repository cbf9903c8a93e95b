/// Reading addresses, prefixes and ranges, with the parser's reason in the error.
extension ConfigNode {
    /// A single IPv4 or IPv6 address.
    public func address(_ diagnostics: inout Diagnostics) -> IPAddress? {
        guard let text = string(&diagnostics) else { return nil }
        do {
            return try IPAddress(parsing: text)
        } catch {
            diagnostics.error(self, error.description)
            return nil
        }
    }

    /// An IPv4 address (a router ID, an IPv4 next hop).
    public func ipv4Address(_ diagnostics: inout Diagnostics) -> IPv4Address? {
        guard let address = address(&diagnostics) else { return nil }
        guard case .v4(let v4) = address else {
            diagnostics.error(self, "expected an IPv4 address, found the IPv6 address \(address)")
            return nil
        }
        return v4
    }

    /// A network prefix in CIDR notation whose host bits are zero.
    public func prefix(_ diagnostics: inout Diagnostics) -> IPPrefix? {
        guard let text = string(&diagnostics) else { return nil }
        do {
            return try IPPrefix(parsing: text)
        } catch {
            diagnostics.error(self, error.description)
            return nil
        }
    }

    /// A range of addresses written as a CIDR, `first-last`, or a single address.
    public func addressRange(_ diagnostics: inout Diagnostics) -> IPRange? {
        guard let text = string(&diagnostics) else { return nil }
        do {
            return try IPRange(parsing: text)
        } catch {
            let kind = text.contains("/") ? "prefix" : text.contains("-") ? "address range" : "IP address"
            diagnostics.error(self, "\"\(text)\" is not a valid \(kind): \(error.reason)")
            return nil
        }
    }
}
