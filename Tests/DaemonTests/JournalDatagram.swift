/// Parses one datagram of journald's native protocol into fields, as journald does: `KEY=value\n`,
/// or `KEY\n` + 64-bit little-endian length + bytes + `\n`. Independent of the daemon's encoder.
enum JournalDatagram {
    static func fields(_ bytes: [UInt8]) -> [String: [String]]? {
        var fields: [String: [String]] = [:]
        var index = 0
        while index < bytes.count {
            guard let end = bytes[index...].firstIndex(where: { $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "\n") }) else { return nil }
            let key = String(decoding: bytes[index..<end], as: UTF8.self)
            if bytes[end] == UInt8(ascii: "=") {
                let lineEnd = bytes[(end + 1)...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                fields[key, default: []].append(String(decoding: bytes[(end + 1)..<lineEnd], as: UTF8.self))
                index = lineEnd + 1
            } else {
                guard end + 9 <= bytes.count else { return nil }
                let length = bytes[(end + 1)..<(end + 9)].reversed().reduce(0) { $0 << 8 | Int($1) }
                let start = end + 9
                guard start + length < bytes.count, bytes[start + length] == UInt8(ascii: "\n") else { return nil }
                fields[key, default: []].append(String(decoding: bytes[start..<(start + length)], as: UTF8.self))
                index = start + length + 1
            }
        }
        return fields
    }
}
