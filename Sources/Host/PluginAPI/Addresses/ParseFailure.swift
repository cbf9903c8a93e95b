/// Why some bytes are not valid address text, before it is known which input to blame.
///
/// The byte-level parsers throw this; the public initializers turn it into an
/// `AddressParseError` that quotes the whole input, so a nested parser (the IPv4 tail of an
/// IPv6 address, say) can report a reason without knowing how it will be presented.
struct ParseFailure: Error {
    /// The operator-facing explanation, without the input or what it should have been.
    let reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
