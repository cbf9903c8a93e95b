/// A received message that is so wrong the session must be reset, with the NOTIFICATION to send.
///
/// Thrown by every decoding entry point. Errors that RFC 7606 lets a session survive are not
/// thrown; they are reported on the decoded `BGPUpdate` as `UpdateErrorAction`s.
package struct BGPMessageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The NOTIFICATION the speaker must send before closing the connection.
    package var notification: BGPNotification
    /// A human-readable account of what was wrong, for logs.
    package var reason: String

    /// Creates an error that sends `notification`.
    package init(_ notification: BGPNotification, reason: String) {
        self.notification = notification
        self.reason = reason
    }

    /// A Message Header Error (code 1).
    static func header(_ subcode: MessageHeaderErrorSubcode, data: [UInt8] = [], _ reason: String) -> Self {
        Self(.messageHeaderError(subcode, data: data), reason: reason)
    }

    /// An OPEN Message Error (code 2).
    static func open(_ subcode: OpenMessageErrorSubcode, data: [UInt8] = [], _ reason: String) -> Self {
        Self(.openMessageError(subcode, data: data), reason: reason)
    }

    /// An UPDATE Message Error (code 3).
    static func update(_ subcode: UpdateMessageErrorSubcode, data: [UInt8] = [], _ reason: String) -> Self {
        Self(.updateMessageError(subcode, data: data), reason: reason)
    }

    /// "reason (NOTIFICATION code/subcode)".
    package var description: String {
        "\(reason) (NOTIFICATION \(notification.code.rawValue)/\(notification.subcode))"
    }
}
