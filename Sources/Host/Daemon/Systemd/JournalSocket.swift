import Glibc

/// Sends records to journald over its native Unix datagram socket.
///
/// IronLB speaks the native protocol itself rather than through libsystemd's `sd_journal_sendv(3)`
/// because libsystemd hard-codes the socket path (`/run/systemd/journal/socket`, no environment
/// override), so a test could not stand in for the journal. The protocol is small and stable
/// (systemd's "Native Journal Protocol" document). Records too large for one datagram (the
/// journal's receive buffer, about 8 MiB on a default system) are cut to fit, not sent through a
/// memfd as libsystemd would: IronLB does not log anything that large.
package final class JournalSocket: Sendable {
    /// journald's native socket.
    package static let defaultPath = "/run/systemd/journal/socket"

    private let descriptor: Int32
    private let address: sockaddr_un

    /// Opens an unconnected datagram socket aimed at `path`; nil if the path does not fit or no
    /// socket could be made.
    package init?(path: String = defaultPath) {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else { return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        self.address = address
    }

    deinit { close(descriptor) }

    /// Sends one record; returns false if the journal did not take it (not running, buffer full).
    @discardableResult
    package func send(_ record: JournalRecord) -> Bool {
        let bytes = record.encoded
        var address = self.address
        let sent = bytes.withUnsafeBytes { buffer in
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL), $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
        }
        return sent == bytes.count
    }
}
