#if canImport(Glibc)
import Glibc
#endif
import IronLBPluginAPI
import PropertyBased
import Testing

/// Expects `parse` to reject `input` with exactly `reason`, and returns the error.
@discardableResult
func expectRejection<Value>(
    _ input: String,
    _ reason: String,
    by parse: (String) throws(AddressParseError) -> Value,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> AddressParseError? {
    let error = #expect(throws: AddressParseError.self, sourceLocation: sourceLocation) {
        _ = try parse(input)
    }
    #expect(error?.input == input, sourceLocation: sourceLocation)
    #expect(error?.reason == reason, sourceLocation: sourceLocation)
    return error
}

/// Reasons the parsers give only when their fast and slow paths disagree; never expected.
let internalInconsistencyReasons: Set<String> = [
    "it is not a valid dotted-quad address",
    "it is not a valid IPv6 address",
]

/// An independent oracle: glibc's `inet_pton(3)`, which is strict in the same ways we are
/// (no leading zeros, no shortened IPv4, at most one "::" standing for at least one group).
enum SystemParser {
    /// Whether the oracle is available on this platform.
    static var isAvailable: Bool {
        #if canImport(Glibc)
        true
        #else
        false
        #endif
    }

    /// The IPv4 value glibc parses from `text`, or `nil` if it rejects it.
    static func ipv4(_ text: String) -> UInt32? {
        #if canImport(Glibc)
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
        return UInt32(bigEndian: address.s_addr)
        #else
        nil
        #endif
    }

    /// The IPv6 value glibc parses from `text`, or `nil` if it rejects it.
    static func ipv6(_ text: String) -> UInt128? {
        #if canImport(Glibc)
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { bytes in
            bytes.reduce(UInt128(0)) { $0 << 8 | UInt128($1) }
        }
        #else
        nil
        #endif
    }
}

/// Random near-valid address text for differential testing against `SystemParser`.
enum AddressTextGen {
    /// Dotted text: mostly valid octets, sometimes too many or few, leading zeros, out of
    /// range values, empty octets or stray characters.
    static let ipv4Like = Generator<String, Shrink.None<String>> { rng in
        // Mostly four octets, so that a good share of the text is valid.
        let octets = Bool.random(using: &rng) ? 4 : Int.random(in: 1...6, using: &rng)
        return (0..<octets).map { _ in octetLike(using: &rng) }.joined(separator: ".")
    }

    /// Colon-separated text: mostly valid groups, with empty groups (so "::", ":::" and
    /// stray colons), long groups, stray characters and dotted IPv4 parts mixed in.
    static let ipv6Like = Generator<String, Shrink.None<String>> { rng in
        let count = Int.random(in: 1...10, using: &rng)
        let groups = (0..<count).map { _ -> String in
            switch Int.random(in: 0..<100, using: &rng) {
            case 0..<18: return ""
            case 18..<88: return hexGroup(length: Int.random(in: 1...4, using: &rng), using: &rng)
            case 88..<92: return hexGroup(length: 5, using: &rng)
            case 92..<97:
                let parts = Int.random(in: 3...5, using: &rng)
                return (0..<parts).map { _ in octetLike(using: &rng) }.joined(separator: ".")
            default: return ["g", "-1", "x0", "%", " "].randomElement(using: &rng)!
            }
        }
        return groups.joined(separator: ":")
    }

    private static func octetLike(using rng: inout some RandomNumberGenerator) -> String {
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<80: return String(Int.random(in: 0...255, using: &rng))
        case 80..<88: return String(Int.random(in: 256...999, using: &rng))
        case 88..<94: return "0" + String(Int.random(in: 0...99, using: &rng))
        case 94..<97: return ""
        default: return ["a", "0x1", "-1", "+1"].randomElement(using: &rng)!
        }
    }

    private static func hexGroup(length: Int, using rng: inout some RandomNumberGenerator) -> String {
        let digits = Array("0123456789abcdefABCDEF")
        return String((0..<length).map { _ in digits.randomElement(using: &rng)! })
    }
}
