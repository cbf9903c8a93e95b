extension IPv6Address {
    /// Parses RFC 4291 §2.2 text into the address's 128-bit value.
    ///
    /// Validation is a single pass that only answers yes or no; explaining a rejection is
    /// slower and lives in `rejection(of:)`, which runs only for bad input.
    static func parseRawValue(_ bytes: UnsafeBufferPointer<UInt8>) throws(ParseFailure) -> UInt128 {
        guard let value = validRawValue(bytes) else { throw rejection(of: bytes) }
        return value
    }

    /// The 128-bit value of valid RFC 4291 text, or `nil` for anything else.
    static func validRawValue(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt128? {
        let count = bytes.count
        guard count >= 2 else { return nil }

        // Groups before "::" collect in `head`, groups after it in `tail`; "::" then stands
        // for however many zero groups are left between them.
        var head: UInt128 = 0
        var headGroups = 0
        var tail: UInt128 = 0
        var tailGroups = 0
        var compressed = false
        var index = 0

        if bytes[0] == ASCII.colon {
            guard bytes[1] == ASCII.colon else { return nil }
            compressed = true
            index = 2
            if index == count { return 0 }
        }

        while true {
            let groupStart = index
            var group: UInt32 = 0
            while index < count, let digit = ASCII.hexValue(bytes[index]) {
                group = group << 4 | UInt32(digit)
                index += 1
            }
            if index < count && bytes[index] == ASCII.dot {
                // RFC 4291 §2.2 form 3: dotted-quad IPv4 in the last 32 bits, so it must end
                // the text; its octets count as two groups.
                guard let ipv4 = IPv4Address.validRawValue(bytes.slice(groupStart..<count)) else { return nil }
                if compressed {
                    tail = tail << 32 | UInt128(ipv4)
                    tailGroups += 2
                } else {
                    head = head << 32 | UInt128(ipv4)
                    headGroups += 2
                }
                break
            }
            let digits = index - groupStart
            guard digits >= 1 && digits <= 4 else { return nil }
            if compressed {
                tail = tail << 16 | UInt128(group)
                tailGroups += 1
            } else {
                head = head << 16 | UInt128(group)
                headGroups += 1
            }
            guard headGroups + tailGroups <= 8 else { return nil }

            if index == count { break }
            guard bytes[index] == ASCII.colon else { return nil }
            index += 1
            guard index < count else { return nil }  // a single trailing ":"
            if bytes[index] == ASCII.colon {
                guard !compressed else { return nil }
                compressed = true
                index += 1
                if index == count { break }
            }
        }

        let groups = headGroups + tailGroups
        // RFC 5952 §4.2.2 forbids "::" for one group on output, but RFC 4291 allows it on
        // input, so "::" needs only to stand for at least one group.
        guard compressed ? groups <= 7 : groups == 8 else { return nil }
        // A shift by 128 yields 0 in Swift, which is right when `head` holds no groups.
        return head << (16 * (8 - headGroups)) | tail
    }

    /// Explains why `bytes` is not RFC 4291 text, most fundamental problem first.
    static func rejection(of bytes: UnsafeBufferPointer<UInt8>) -> ParseFailure {
        if bytes.isEmpty { return ParseFailure("the string is empty") }
        if bytes.contains(where: ASCII.isWhitespace) { return ParseFailure("whitespace is not allowed") }
        if bytes.contains(ASCII.percent) { return ParseFailure("zone IDs are not allowed") }
        if bytes.contains(ASCII.openBracket) || bytes.contains(ASCII.closeBracket) {
            return ParseFailure(#"brackets are not allowed; write the address without "[" and "]""#)
        }
        if bytes.contains(ASCII.slash) {
            return ParseFailure(#""/" is not allowed in an address (is this a prefix?)"#)
        }
        if !bytes.contains(ASCII.colon) {
            return bytes.contains(ASCII.dot)
                ? ParseFailure(#"it contains no ":" (is this an IPv4 address?)"#)
                : ParseFailure(#"it contains no ":""#)
        }

        let text = Array(bytes)
        let doubleColons = text.indices.dropLast().filter { text[$0] == ASCII.colon && text[$0 + 1] == ASCII.colon }
        if doubleColons.contains(where: { $0 + 2 < text.count && text[$0 + 2] == ASCII.colon }) {
            return ParseFailure(#"":::" is not allowed"#)
        }
        if doubleColons.count > 1 { return ParseFailure(#""::" may appear only once"#) }
        if text.first == ASCII.colon && doubleColons.first != 0 {
            return ParseFailure(#"it starts with a single ":""#)
        }
        if text.last == ASCII.colon && doubleColons.last != text.count - 2 {
            return ParseFailure(#"it ends with a single ":""#)
        }

        let groups: [ArraySlice<UInt8>]
        if let doubleColon = doubleColons.first {
            groups = Self.groups(text[..<doubleColon]) + Self.groups(text[(doubleColon + 2)...])
        } else {
            groups = Self.groups(text[...])
        }
        for (position, group) in groups.enumerated() {
            let groupText = ASCII.string(group)
            if group.contains(ASCII.dot) {
                // The last group is not at the end of the text when "::" follows it.
                guard position == groups.count - 1 && text.last != ASCII.colon else {
                    return ParseFailure(#"embedded IPv4 address "\#(groupText)" is allowed only at the end"#)
                }
                let failure = ContiguousArray(group).withUnsafeBufferPointer { ipv4 in
                    IPv4Address.validRawValue(ipv4) == nil ? IPv4Address.rejection(of: ipv4) : nil
                }
                if let failure {
                    return ParseFailure(#"embedded IPv4 address "\#(groupText)": \#(failure.reason)"#)
                }
                continue
            }
            if group.isEmpty { return ParseFailure("it has an empty group") }
            if !group.allSatisfy({ ASCII.hexValue($0) != nil }) {
                return ParseFailure(#"group "\#(groupText)" is not hexadecimal"#)
            }
            if group.count > 4 {
                return ParseFailure(#"group "\#(groupText)" has more than 4 hex digits"#)
            }
        }

        let groupCount = groups.count + (groups.last?.contains(ASCII.dot) == true ? 1 : 0)
        if !doubleColons.isEmpty && groupCount > 7 {
            return ParseFailure(
                #"too many groups for "::" to stand for any: found \#(groupCount), at most 7 may be written with "::""#)
        }
        if doubleColons.isEmpty && groupCount != 8 {
            return ParseFailure("expected 8 groups, found \(groupCount)")
        }
        // `validRawValue` and this function must agree; reaching here means they do not.
        return ParseFailure("it is not a valid IPv6 address")
    }

    /// The colon-separated groups of one side of "::" (none for an empty side).
    private static func groups(_ side: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        side.isEmpty ? [] : side.split(separator: ASCII.colon, omittingEmptySubsequences: false)
    }
}
