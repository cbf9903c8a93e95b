/// Which side opened a TCP connection; connection collision resolution keeps one of each pair.
package enum ConnectionDirection: String, Hashable, Sendable, CustomStringConvertible {
    /// This speaker connected to the peer (Tcp_CR_Acked).
    case outbound
    /// The peer connected to this speaker (TcpConnectionConfirmed).
    case inbound

    /// "outbound" or "inbound".
    package var description: String { rawValue }
}
