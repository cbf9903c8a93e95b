/// A transport port a service listens on; IP sharing is allowed only when these do not collide.
public struct ServicePort: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// The transport protocol.
    public enum TransportProtocol: String, Hashable, Comparable, Sendable, Codable, CaseIterable {
        case tcp, udp, sctp
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The port number, 1...65535.
    public var port: Int
    /// The protocol.
    public var transport: TransportProtocol

    /// Creates a port.
    public init(port: Int, transport: TransportProtocol) {
        self.port = port
        self.transport = transport
    }

    /// Parses `443/tcp` (the protocol defaults to TCP when omitted).
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let first = parts.first, !first.isEmpty,
              first.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), first.first != "0",
              let number = Int(first), (1...65535).contains(number) else { return nil }
        let transport: TransportProtocol
        if parts.count == 2 {
            guard let parsed = TransportProtocol(rawValue: parts[1].lowercased()) else { return nil }
            transport = parsed
        } else {
            transport = .tcp
        }
        self.init(port: number, transport: transport)
    }

    /// `443/tcp`.
    public var description: String { "\(port)/\(transport.rawValue)" }

    public static func < (lhs: ServicePort, rhs: ServicePort) -> Bool {
        (lhs.port, lhs.transport) < (rhs.port, rhs.transport)
    }
}
