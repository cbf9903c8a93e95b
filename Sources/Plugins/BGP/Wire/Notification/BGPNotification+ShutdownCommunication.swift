/// RFC 9003 shutdown communication: free text in Cease / Administrative Shutdown or Reset.
extension BGPNotification {
    /// The longest shutdown communication, in UTF-8 octets (RFC 9003 §2).
    package static let maximumShutdownCommunicationLength = 255

    /// A Cease with Administrative Shutdown (6/2) carrying `communication` (RFC 4486, RFC 9003).
    ///
    /// Text longer than 255 UTF-8 octets is cut at the last whole character that fits.
    package static func administrativeShutdown(communication: String = "") -> Self {
        .cease(.administrativeShutdown, data: shutdownCommunicationData(communication))
    }

    /// A Cease with Administrative Reset (6/4) carrying `communication` (RFC 4486, RFC 9003).
    package static func administrativeReset(communication: String = "") -> Self {
        .cease(.administrativeReset, data: shutdownCommunicationData(communication))
    }

    /// The shutdown communication of a 6/2 or 6/4 notification, or `nil` if there is none or it
    /// is not valid: a length octet that overruns the data or text that is not UTF-8 (RFC 9003 §3).
    package var shutdownCommunication: String? {
        guard code == .cease,
            subcode == CeaseSubcode.administrativeShutdown.rawValue
                || subcode == CeaseSubcode.administrativeReset.rawValue,
            let length = data.first
        else { return nil }
        // RFC 9003 §2: one length octet, then that many octets of UTF-8; trailing octets are ignored.
        guard data.count >= 1 + Int(length) else { return nil }
        return String(validating: data[1..<(1 + Int(length))], as: UTF8.self)
    }

    /// The length-prefixed UTF-8 of `text`, cut to at most 255 octets on a character boundary.
    static func shutdownCommunicationData(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for character in text {
            let encoded = Array(String(character).utf8)
            guard bytes.count + encoded.count <= maximumShutdownCommunicationLength else { break }
            bytes += encoded
        }
        return [UInt8(bytes.count)] + bytes
    }
}
