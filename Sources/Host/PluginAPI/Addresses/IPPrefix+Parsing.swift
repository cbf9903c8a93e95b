extension IPPrefix {
    /// Parses CIDR text such as `192.0.2.0/24` or `2001:db8::/32`.
    ///
    /// The length is plain decimal — no sign, no leading zeros — within the family's range,
    /// and the address must have no host bits set.
    ///
    /// - Throws: `AddressParseError` explaining what is wrong with the text.
    public init(parsing text: String) throws(AddressParseError) {
        self = try ASCII.withBytes(of: text) { bytes throws(AddressParseError) in
            try IPPrefix.parse(bytes)
        }
    }

    /// Parses the bytes as CIDR text, blaming the bytes themselves on failure.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(AddressParseError) -> IPPrefix {
        func failure(_ reason: String) -> AddressParseError {
            AddressParseError(input: ASCII.string(bytes), reason: reason, subject: .prefix)
        }

        guard !bytes.isEmpty else { throw failure("the string is empty") }
        guard let slash = bytes.firstIndex(of: ASCII.slash) else {
            // An address alone is the most common slip; offer its host prefix.
            if let address = try? IPAddress.parse(bytes) {
                throw failure("missing prefix length; did you mean \(IPPrefix.host(address))?")
            }
            throw failure(#"missing prefix length (such as "/24")"#)
        }
        let addressBytes = bytes.slice(0..<slash)
        let lengthBytes = bytes.slice(slash + 1..<bytes.count)
        guard !lengthBytes.contains(ASCII.slash) else { throw failure(#"it contains more than one "/""#) }
        guard !addressBytes.isEmpty else { throw failure(#"missing address before "/""#) }

        let network: IPAddress
        do throws(AddressParseError) {
            network = try IPAddress.parse(addressBytes)
        } catch {
            throw error.nested(in: ASCII.string(bytes), as: .prefix)
        }
        let length: Int
        do throws(ParseFailure) {
            length = try parseLength(lengthBytes, family: network.family)
        } catch {
            throw failure(error.reason)
        }
        if let reason = problem(network: network, length: length) { throw failure(reason) }
        return IPPrefix(uncheckedNetwork: network, length: length)
    }

    /// Parses a prefix length: decimal digits without sign or leading zero, within the family.
    private static func parseLength(
        _ bytes: UnsafeBufferPointer<UInt8>, family: IPFamily
    ) throws(ParseFailure) -> Int {
        guard !bytes.isEmpty else { throw ParseFailure(#"prefix length is missing after "/""#) }
        var length = 0
        for byte in bytes {
            guard let digit = ASCII.decimalValue(byte) else {
                throw ParseFailure(#"prefix length "\#(ASCII.string(bytes))" is not a decimal number"#)
            }
            // Stop accumulating once clearly out of range, so long inputs cannot overflow.
            if length <= 1000 { length = length * 10 + Int(digit) }
        }
        if bytes.count > 1 && bytes[0] == ASCII.zero {
            throw ParseFailure(#"prefix length "\#(ASCII.string(bytes))" has a leading zero"#)
        }
        guard length <= family.bitWidth else {
            throw ParseFailure(
                "prefix length \(ASCII.string(bytes)) is out of range for \(family) (0–\(family.bitWidth))")
        }
        return length
    }
}
