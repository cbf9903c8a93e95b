package import IronLBPluginAPI

/// Checks a configuration file's bytes before YAML sees them: encoding, NUL bytes, size.
package enum ConfigText {
    /// Decodes `bytes` as UTF-8 text, or reports exactly where and why it cannot be.
    package static func decode(_ bytes: [UInt8], file: String, limits: ConfigLimits) -> Result<String, Diagnostic> {
        func failure(_ line: Int, _ column: Int, _ message: String) -> Result<String, Diagnostic> {
            .failure(Diagnostic(severity: .error, location: SourceLocation(file: file, line: line, column: column), path: .root, message: message))
        }
        if bytes.count > limits.maxFileBytes {
            return failure(1, 1, "the file is \(bytes.count) bytes; the limit is \(limits.maxFileBytes) bytes")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return failure(1, 1, "the file is encoded as UTF-16; save it as UTF-8")
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var line = 1, column = 1
        var index = body.startIndex
        while index < body.endIndex {
            let byte = body[index]
            let length: Int
            switch byte {
            case 0x00:
                return failure(line, column, "the file contains a NUL byte; it is not a text file")
            case 0x01...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default:
                return failure(line, column, "invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true)); save the file as UTF-8")
            }
            if length > 1 {
                let end = index + length
                guard end <= body.endIndex, body[(index + 1)..<end].allSatisfy({ $0 & 0xC0 == 0x80 }),
                      String(validating: body[index..<end], as: UTF8.self) != nil else {
                    return failure(line, column, "invalid UTF-8 sequence; save the file as UTF-8")
                }
            }
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
            index += length
        }
        return .success(String(decoding: body, as: UTF8.self))
    }
}
