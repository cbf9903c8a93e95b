/// One journal entry as the fields of journald's native protocol (systemd.journal-fields(7)).
///
/// The wire form is one datagram of `KEY=value\n` lines; a value that contains a newline is sent as
/// `KEY\n`, its length as a 64-bit little-endian integer, the bytes, and `\n`.
package struct JournalRecord: Sendable, Equatable {
    /// The fields in order; a key may repeat.
    package private(set) var fields: [(key: String, value: String)] = []

    /// An empty record.
    package init() {}

    /// Adds `key=value`. `key` must already be a valid journal field name (see ``fieldName(for:)``).
    package mutating func append(_ key: String, _ value: String) {
        fields.append((key, value))
    }

    /// The datagram to send to the journal socket.
    package var encoded: [UInt8] {
        var bytes: [UInt8] = []
        for (key, value) in fields {
            bytes.append(contentsOf: key.utf8)
            if value.utf8.contains(UInt8(ascii: "\n")) {
                bytes.append(UInt8(ascii: "\n"))
                var length = UInt64(value.utf8.count).littleEndian
                withUnsafeBytes(of: &length) { bytes.append(contentsOf: $0) }
            } else {
                bytes.append(UInt8(ascii: "="))
            }
            bytes.append(contentsOf: value.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    /// The journal field for a logger metadata key: `peer` → `IRONLB_PEER`, `pool-name` →
    /// `IRONLB_POOL_NAME`. Journal field names allow only `A-Z`, `0-9` and `_`, at most 64 bytes.
    package static func fieldName(for metadataKey: String) -> String {
        let body = metadataKey.uppercased().unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "A"..."Z", "0"..."9": Character(scalar)
            default: "_"
            }
        }
        return String(("IRONLB_" + String(body)).prefix(64))
    }

    /// Records are equal when they hold the same fields in the same order.
    package static func == (lhs: JournalRecord, rhs: JournalRecord) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.key == $1.key && $0.value == $1.value }
    }
}
