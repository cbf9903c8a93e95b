extension IPv4Address {
    /// Parses strict dotted-quad text into the address's 32-bit value.
    ///
    /// Validation is a single pass that only answers yes or no; explaining a rejection is
    /// slower and lives in `rejection(of:)`, which runs only for bad input.
    static func parseRawValue(_ bytes: UnsafeBufferPointer<UInt8>) throws(ParseFailure) -> UInt32 {
        guard let value = validRawValue(bytes) else { throw rejection(of: bytes) }
        return value
    }

    /// The 32-bit value of valid dotted-quad text, or `nil` for anything else.
    static func validRawValue(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        var octets = 0
        var octetStart = 0
        var index = 0
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == ASCII.dot {
                guard octets < 4, let octet = octet(bytes, from: octetStart, to: index) else { return nil }
                value = value << 8 | octet
                octets += 1
                octetStart = index + 1
            }
            index += 1
        }
        return octets == 4 ? value : nil
    }

    /// The value of one octet: one to three digits, no leading zero, at most 255.
    @inline(__always)
    private static func octet(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt32? {
        let length = end - start
        guard length >= 1 && length <= 3 else { return nil }
        // "0" alone is zero; "01" could be octal to `inet_aton(3)`, so it is refused.
        guard length == 1 || bytes[start] != ASCII.zero else { return nil }
        var value: UInt32 = 0
        for index in start..<end {
            guard let digit = ASCII.decimalValue(bytes[index]) else { return nil }
            value = value * 10 + UInt32(digit)
        }
        return value <= 255 ? value : nil
    }

    /// Explains why `bytes` is not dotted-quad text, most fundamental problem first.
    static func rejection(of bytes: UnsafeBufferPointer<UInt8>) -> ParseFailure {
        if bytes.isEmpty { return ParseFailure("the string is empty") }
        if bytes.contains(where: ASCII.isWhitespace) { return ParseFailure("whitespace is not allowed") }
        if bytes.contains(ASCII.slash) {
            return ParseFailure(#""/" is not allowed in an address (is this a prefix?)"#)
        }
        if bytes.contains(ASCII.colon) {
            return ParseFailure(#"":" is not allowed in an IPv4 address (is this an IPv6 address?)"#)
        }
        if bytes.first == ASCII.dot { return ParseFailure(#"it starts with ".""#) }
        if bytes.last == ASCII.dot { return ParseFailure(#"it ends with ".""#) }

        let octets = bytes.split(separator: ASCII.dot, omittingEmptySubsequences: false)
        if octets.contains(where: \.isEmpty) { return ParseFailure(#"it has an empty octet ("..")"#) }
        if octets.count < 4 {
            return ParseFailure(
                #"expected 4 octets, found \#(octets.count); shortened forms like "127.1" are not allowed"#)
        }
        if octets.count > 4 { return ParseFailure("expected 4 octets, found \(octets.count)") }

        for octet in octets {
            let text = ASCII.string(octet)
            if !octet.allSatisfy({ ASCII.decimalValue($0) != nil }) {
                if text.hasPrefix("0x") || text.hasPrefix("0X") {
                    return ParseFailure(#"octet "\#(text)" is hexadecimal; only decimal octets are allowed"#)
                }
                return ParseFailure(#"octet "\#(text)" is not a decimal number"#)
            }
            if octet.count > 1 && octet.first == ASCII.zero {
                return ParseFailure(
                    #"octet "\#(text)" has a leading zero, which is ambiguous (octal or decimal?)"#)
            }
            if octet.count > 3 || UInt32(text)! > 255 {
                return ParseFailure(#"octet "\#(text)" is greater than 255"#)
            }
        }
        // `validRawValue` and this function must agree; reaching here means they do not.
        return ParseFailure("it is not a valid dotted-quad address")
    }
}
