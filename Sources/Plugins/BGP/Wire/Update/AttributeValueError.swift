/// A problem one attribute descriptor found in its value; the validation loop turns it into an
/// `UpdateErrorAction` using the descriptor's handling unless the error overrides it.
struct AttributeValueError: Error {
    /// The class of problem.
    var kind: UpdateErrorReason.Kind
    /// A human-readable account.
    var detail: String
    /// A handling stronger or weaker than the descriptor's default, when the RFC says so.
    var handling: MalformedAttributeHandling?

    /// Creates an error with the descriptor's default handling.
    init(_ kind: UpdateErrorReason.Kind, _ detail: String, handling: MalformedAttributeHandling? = nil) {
        self.kind = kind
        self.detail = detail
        self.handling = handling
    }
}

/// What the RFCs prescribe for a malformed attribute of one type.
enum MalformedAttributeHandling: Hashable, Sendable {
    /// Handle the UPDATE's routes as withdrawn (RFC 7606 §2).
    case treatAsWithdraw
    /// Drop the attribute (RFC 7606 §2).
    case attributeDiscard
    /// Reset the session with UPDATE Message Error and this subcode (RFC 4271 §6.3).
    case sessionReset(UpdateMessageErrorSubcode)
}
