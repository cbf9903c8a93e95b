#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A peer's TCP-MD5 password file (RFC 2385): its UTF-8 text without leading or trailing line breaks.
///
/// Read with the C library rather than Foundation, so that the speaker does not link Foundation and
/// its ICU data for one small file.
enum PasswordFile {
    /// Why a password file could not be read; carries no part of its content.
    struct ReadError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "cannot read \(path): \(reason)" }
    }

    /// The password in the file at `path`.
    static func contents(of path: String) throws(ReadError) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw ReadError(path: path, reason: "not UTF-8") }
        return trimmingLineBreaks(text)
    }

    /// `text` without line breaks (any `Character.isNewline`) at either end.
    static func trimmingLineBreaks(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isNewline }), let last = text.lastIndex(where: { !$0.isNewline }) else { return "" }
        return String(text[first...last])
    }
}
