/// Byte constants and classifiers for the ASCII text that addresses are written in.
///
/// Address text is parsed on every config load and in benchmarks, so parsers work on UTF-8
/// bytes rather than `Character`s: address text never needs Unicode segmentation, and any
/// non-ASCII byte is simply an invalid character.
enum ASCII {
    static let colon = UInt8(ascii: ":")
    static let dot = UInt8(ascii: ".")
    static let slash = UInt8(ascii: "/")
    static let dash = UInt8(ascii: "-")
    static let percent = UInt8(ascii: "%")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let zero = UInt8(ascii: "0")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")

    /// The value of a decimal digit, or `nil` for any other byte.
    @inline(__always)
    static func decimalValue(_ byte: UInt8) -> UInt8? {
        let value = byte &- zero
        return value < 10 ? value : nil
    }

    /// The value of a hexadecimal digit in either case, or `nil` for any other byte.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        let decimal = byte &- zero
        if decimal < 10 { return decimal }
        // Setting bit 5 folds "A"..."F" onto "a"..."f" without touching the digits handled above.
        let letter = (byte | 0x20) &- UInt8(ascii: "a")
        return letter < 6 ? letter + 10 : nil
    }

    /// Whether the byte is ASCII whitespace; used only to explain rejections.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || (byte >= 0x09 && byte <= 0x0D)
    }

    /// Whether the byte may pad the `-` of a range such as `10.0.0.1 - 10.0.0.9`.
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    /// Calls `body` with the UTF-8 bytes of `text`, without copying native strings.
    static func withBytes<Value>(
        of text: String,
        _ body: (UnsafeBufferPointer<UInt8>) throws(AddressParseError) -> Value
    ) throws(AddressParseError) -> Value {
        var text = text
        // `withUTF8` only rethrows untyped errors, so the typed error travels out as a value.
        let outcome = text.withUTF8 { bytes in
            Result { () throws(AddressParseError) -> Value in try body(bytes) }
        }
        return try outcome.get()
    }

    /// The bytes as a `String`, for quoting them in an error message.
    static func string(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The bytes in `range` as a buffer of their own, so sub-parsers can index from zero.
    @inline(__always)
    func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: self[range])
    }
}
