/// Text that is not a valid IP address, prefix or range, and why.
///
/// The parsers in this module reject anything ambiguous rather than guess, and say exactly
/// what is wrong so an operator can fix a config file without reading RFCs:
///
/// ```
/// "192.0.2.01" is not a valid IPv4 address: octet "01" has a leading zero, which is ambiguous (octal or decimal?)
/// ```
public struct AddressParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text that was rejected, exactly as given.
    public let input: String

    /// Why the text was rejected, phrased for an operator rather than a programmer.
    public let reason: String

    /// What the text was supposed to be; it picks the noun in `description`.
    let subject: Subject

    /// The kinds of text this module parses, named as `description` presents them.
    enum Subject: String, Sendable {
        case ipv4Address = "IPv4 address"
        case ipv6Address = "IPv6 address"
        case ipAddress = "IP address"
        case prefix = "IP prefix"
        case range = "IP range"
    }

    init(input: String, reason: String, subject: Subject) {
        self.input = input
        self.reason = reason
        self.subject = subject
    }

    /// The full message: the quoted input, what it should have been, and the reason.
    public var description: String {
        // `String(reflecting:)` quotes and escapes, so a stray tab or newline stays visible.
        "\(String(reflecting: input)) is not a valid \(subject.rawValue): \(reason)"
    }

    /// The same problem reported against `outer`, which contains this error's input.
    ///
    /// When the inner input is the whole outer input, only the noun changes; otherwise the
    /// inner message is kept whole so it still says which part of the outer text is wrong.
    func nested(in outer: String, as subject: Subject) -> AddressParseError {
        let reason = input == outer ? self.reason : description
        return AddressParseError(input: outer, reason: reason, subject: subject)
    }
}
