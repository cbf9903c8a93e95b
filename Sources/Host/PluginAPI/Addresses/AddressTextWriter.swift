/// Writes address text straight into a new `String`'s storage.
///
/// Printing addresses is as hot as parsing them (status output, logs, config round trips);
/// writing bytes avoids the intermediate strings that interpolating each octet or group
/// would allocate.
struct AddressTextWriter {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private var count = 0

    private init(buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    /// Builds a string of at most `capacity` ASCII bytes with `body`.
    static func string(capacity: Int, _ body: (inout AddressTextWriter) -> Void) -> String {
        String(unsafeUninitializedCapacity: capacity) { buffer in
            var writer = AddressTextWriter(buffer: buffer)
            body(&writer)
            return writer.count
        }
    }

    /// Appends one ASCII byte.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
    }

    /// Appends an octet in decimal without leading zeros.
    mutating func appendDecimal(_ octet: UInt8) {
        if octet >= 100 { append(ASCII.zero + octet / 100) }
        if octet >= 10 { append(ASCII.zero + octet / 10 % 10) }
        append(ASCII.zero + octet % 10)
    }

    /// Appends a group in lowercase hex without leading zeros (RFC 5952 §4.1, §4.3).
    mutating func appendHex(_ group: UInt16) {
        let digits: StaticString = "0123456789abcdef"
        var shift = 12
        // Skip leading zero nibbles, but always print the last one so 0 prints as "0".
        while shift > 0 && (group >> shift) & 0xF == 0 { shift -= 4 }
        while shift >= 0 {
            append(digits.utf8Start[Int((group >> shift) & 0xF)])
            shift -= 4
        }
    }

    /// Appends an IPv4 address in dotted-quad form.
    mutating func appendIPv4(_ rawValue: UInt32) {
        appendDecimal(UInt8(truncatingIfNeeded: rawValue >> 24))
        append(ASCII.dot)
        appendDecimal(UInt8(truncatingIfNeeded: rawValue >> 16))
        append(ASCII.dot)
        appendDecimal(UInt8(truncatingIfNeeded: rawValue >> 8))
        append(ASCII.dot)
        appendDecimal(UInt8(truncatingIfNeeded: rawValue))
    }
}
