import NIOCore

/// A NOTIFICATION message: why a session is being closed (RFC 4271 §4.5).
///
/// Every decoding error of this module maps to the NOTIFICATION that must be sent for it
/// (`BGPMessageError.notification`), so the FSM only chooses *whether* to send, never *what*.
package struct BGPNotification: Hashable, Sendable, CustomStringConvertible {
    /// The error code.
    package var code: BGPErrorCode
    /// The error subcode; its meaning depends on `code`, and 0 means "unspecific".
    package var subcode: UInt8
    /// Diagnostic data whose format depends on the code and subcode.
    package var data: [UInt8]

    /// Creates a notification from raw code, subcode and data.
    package init(code: BGPErrorCode, subcode: UInt8, data: [UInt8] = []) {
        self.code = code
        self.subcode = subcode
        self.data = data
    }

    /// A Message Header Error (code 1).
    package static func messageHeaderError(_ subcode: MessageHeaderErrorSubcode, data: [UInt8] = []) -> Self {
        Self(code: .messageHeaderError, subcode: subcode.rawValue, data: data)
    }

    /// An OPEN Message Error (code 2).
    package static func openMessageError(_ subcode: OpenMessageErrorSubcode, data: [UInt8] = []) -> Self {
        Self(code: .openMessageError, subcode: subcode.rawValue, data: data)
    }

    /// An UPDATE Message Error (code 3).
    package static func updateMessageError(_ subcode: UpdateMessageErrorSubcode, data: [UInt8] = []) -> Self {
        Self(code: .updateMessageError, subcode: subcode.rawValue, data: data)
    }

    /// Hold Timer Expired (code 4, subcode 0).
    package static let holdTimerExpired = Self(code: .holdTimerExpired, subcode: 0)

    /// A Finite State Machine Error (code 5).
    package static func finiteStateMachineError(_ subcode: FiniteStateMachineErrorSubcode) -> Self {
        Self(code: .finiteStateMachineError, subcode: subcode.rawValue)
    }

    /// A Cease (code 6) with raw data; see `administrativeShutdown(communication:)` for RFC 9003.
    package static func cease(_ subcode: CeaseSubcode, data: [UInt8] = []) -> Self {
        Self(code: .cease, subcode: subcode.rawValue, data: data)
    }

    /// A ROUTE-REFRESH Message Error (code 7).
    package static func routeRefreshMessageError(_ subcode: RouteRefreshMessageErrorSubcode, data: [UInt8]) -> Self {
        Self(code: .routeRefreshMessageError, subcode: subcode.rawValue, data: data)
    }

    /// "code/subcode (name)", plus the shutdown communication when there is one.
    package var description: String {
        var text = "\(code.rawValue)/\(subcode) (\(code))"
        if let communication = shutdownCommunication, !communication.isEmpty {
            text += ": \"\(communication)\""
        }
        return text
    }
}

extension BGPNotification {
    /// The octets after the header: code, subcode, data (RFC 4271 §4.5).
    static let minimumBodyLength = 2

    /// Reads a NOTIFICATION body; every length of at least two octets is valid.
    static func decode(body: inout ByteBuffer) -> BGPNotification {
        let code = body.readInteger(as: UInt8.self) ?? 0
        let subcode = body.readInteger(as: UInt8.self) ?? 0
        let data = body.readBytes(length: body.readableBytes) ?? []
        return BGPNotification(code: BGPErrorCode(rawValue: code), subcode: subcode, data: data)
    }

    /// Writes a NOTIFICATION body.
    func encode(body: inout ByteBuffer) {
        body.writeInteger(code.rawValue)
        body.writeInteger(subcode)
        body.writeBytes(data)
    }
}
