extension IPRange {
    /// Parses `first-last` text such as `198.51.100.10-198.51.100.20`, a CIDR prefix such as
    /// `192.0.2.0/24`, or a single address (a range of one).
    ///
    /// Spaces and tabs may surround the `-`, as operators often align them in config files.
    ///
    /// - Throws: `AddressParseError` explaining what is wrong with the text.
    public init(parsing text: String) throws(AddressParseError) {
        self = try ASCII.withBytes(of: text) { bytes throws(AddressParseError) in
            try IPRange.parse(bytes)
        }
    }

    /// Parses the bytes as range text, blaming the bytes themselves on failure.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(AddressParseError) -> IPRange {
        func failure(_ reason: String) -> AddressParseError {
            AddressParseError(input: ASCII.string(bytes), reason: reason, subject: .range)
        }
        func address(_ part: UnsafeBufferPointer<UInt8>) throws(AddressParseError) -> IPAddress {
            do throws(AddressParseError) {
                return try IPAddress.parse(part)
            } catch {
                throw error.nested(in: ASCII.string(bytes), as: .range)
            }
        }

        guard let dash = bytes.firstIndex(of: ASCII.dash) else {
            // No "-": a prefix or a single address, whose own errors say it best.
            do throws(AddressParseError) {
                if bytes.contains(ASCII.slash) { return try IPPrefix.parse(bytes).range }
                let single = try IPAddress.parse(bytes)
                return IPRange(uncheckedFirst: single, last: single)
            } catch {
                throw error.nested(in: ASCII.string(bytes), as: .range)
            }
        }

        var firstEnd = dash
        while firstEnd > 0 && ASCII.isBlank(bytes[firstEnd - 1]) { firstEnd -= 1 }
        var lastStart = dash + 1
        while lastStart < bytes.count && ASCII.isBlank(bytes[lastStart]) { lastStart += 1 }
        let firstBytes = bytes.slice(0..<firstEnd)
        let lastBytes = bytes.slice(lastStart..<bytes.count)
        guard !lastBytes.contains(ASCII.dash) else { throw failure(#"it contains more than one "-""#) }
        guard !firstBytes.isEmpty else { throw failure(#"missing first address before "-""#) }
        guard !lastBytes.isEmpty else { throw failure(#"missing last address after "-""#) }

        let first = try address(firstBytes)
        let last = try address(lastBytes)
        if let reason = problem(first: first, last: last) { throw failure(reason) }
        return IPRange(uncheckedFirst: first, last: last)
    }
}
