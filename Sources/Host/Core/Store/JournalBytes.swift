/// Appends little-endian integers and length-prefixed strings to a byte buffer.
struct JournalWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value)); bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func u32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    mutating func u64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    mutating func string(_ value: String) {
        let utf8 = Array(value.utf8)
        u16(UInt16(clamping: utf8.count))
        bytes.append(contentsOf: utf8.prefix(Int(UInt16.max)))
    }

    mutating func optionalString(_ value: String?) {
        u8(value == nil ? 0 : 1)
        if let value { string(value) }
    }
}

/// Reads what `JournalWriter` wrote; every read checks the remaining length first.
struct JournalReader {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    struct Malformed: Error {}

    var isAtEnd: Bool { position == bytes.count }

    mutating func take(_ count: Int) throws(Malformed) -> UnsafeRawBufferPointer {
        guard count >= 0, bytes.count - position >= count else { throw Malformed() }
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<position + count])
    }

    mutating func u8() throws(Malformed) -> UInt8 { try take(1)[0] }

    mutating func u16() throws(Malformed) -> UInt16 {
        let raw = try take(2)
        return UInt16(raw[0]) | UInt16(raw[1]) << 8
    }

    mutating func u32() throws(Malformed) -> UInt32 {
        let raw = try take(4)
        return raw.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func u64() throws(Malformed) -> UInt64 {
        let raw = try take(8)
        return raw.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func string() throws(Malformed) -> String {
        let count = Int(try u16())
        return String(decoding: try take(count), as: UTF8.self)
    }

    mutating func optionalString() throws(Malformed) -> String? {
        try u8() == 0 ? nil : try string()
    }
}
