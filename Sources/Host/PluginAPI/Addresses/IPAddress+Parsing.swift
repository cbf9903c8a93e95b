extension IPAddress {
    /// Parses the bytes as an IPv4 or IPv6 address, blaming the bytes themselves on failure.
    ///
    /// Shared by `init(parsing:)` and the prefix and range parsers, which parse their
    /// addresses in place without making substrings.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(AddressParseError) -> IPAddress {
        // Only IPv6 text contains ":", so the family is known before parsing starts.
        if bytes.contains(ASCII.colon) {
            do throws(ParseFailure) {
                return .v6(IPv6Address(try IPv6Address.parseRawValue(bytes)))
            } catch {
                throw AddressParseError(input: ASCII.string(bytes), reason: error.reason, subject: .ipv6Address)
            }
        }
        do throws(ParseFailure) {
            return .v4(IPv4Address(try IPv4Address.parseRawValue(bytes)))
        } catch {
            // Text with neither "." nor ":" is no more IPv4 than IPv6; say both are possible.
            let looksLikeNeither = !bytes.isEmpty && !bytes.contains(ASCII.dot)
                && !bytes.contains(where: ASCII.isWhitespace) && !bytes.contains(ASCII.slash)
            if looksLikeNeither {
                throw AddressParseError(
                    input: ASCII.string(bytes),
                    reason: "expected an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1",
                    subject: .ipAddress)
            }
            let subject: AddressParseError.Subject = bytes.isEmpty ? .ipAddress : .ipv4Address
            throw AddressParseError(input: ASCII.string(bytes), reason: error.reason, subject: subject)
        }
    }
}
