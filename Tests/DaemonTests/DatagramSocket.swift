import Foundation

/// A bound Unix datagram socket in a scratch directory: stands in for systemd's notification
/// socket or the journal's socket, and collects what the daemon sends.
final class DatagramSocket: @unchecked Sendable {
    let path: String
    private let directory: URL
    private let descriptor: Int32

    init(name: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ironlb-sd-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent(name).path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        // The journal's datagrams can be large; make room so none is dropped.
        var size: Int32 = 4 << 20
        setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit {
        close(descriptor)
        try? FileManager.default.removeItem(at: directory)
    }

    /// The next datagram, or nil if none arrives within `timeout`.
    func receive(timeout: Duration) -> [UInt8]? {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&poller, 1, milliseconds) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        return count < 0 ? nil : Array(buffer[..<count])
    }

    /// Receives until `stop` holds for what was received, or `timeout` passes; returns everything.
    func collect(timeout: Duration, until stop: ([[UInt8]]) -> Bool) async -> [[UInt8]] {
        let deadline = ContinuousClock.now + timeout
        var received: [[UInt8]] = []
        while ContinuousClock.now < deadline, !stop(received) {
            if let datagram = receive(timeout: .milliseconds(50)) { received.append(datagram) } else { await Task.yield() }
        }
        return received
    }
}
