import Foundation

/// What an operator wants to know about one peer: `ironlbctl peers`, metrics, the status line.
struct PeerStatus: Sendable, Codable, Equatable {
    var name: String
    var address: String
    var asn: UInt32
    var state = "Idle"
    var localAddress: String?
    var establishedSince: Double?
    var families: [String] = []
    var lastError: String?
    var transitions = 0
    var messagesSent = 0
    var messagesReceived = 0
    var prefixesSent = 0
    var prefixesReceived = 0

    init(name: String, address: String, asn: UInt32) {
        self.name = name
        self.address = address
        self.asn = asn
    }

    mutating func established(families: [String]) {
        establishedSince = Date().timeIntervalSince1970
        self.families = families
    }

    mutating func down(reason: String) {
        establishedSince = nil
        lastError = reason
        prefixesSent = 0
    }
}
