import Foundation

/// A bound Unix datagram socket in a scratch directory: stands in for systemd's notification
/// socket or the journal's socket, and collects what the daemon sends.
///
/// A dedicated thread (not the tests' cooperative pool, which parallel suites keep busy) receives
/// and timestamps each datagram as it arrives; tests read them in order through a cursor.
final class DatagramSocket: @unchecked Sendable {
    /// One received datagram and when it arrived.
    struct Datagram {
        let at: ContinuousClock.Instant
        let bytes: [UInt8]
    }

    let path: String
    private let directory: URL
    private let state = Received()
    private var cursor = 0

    /// What the receiving thread shares with the tests.
    private final class Received: @unchecked Sendable {
        let lock = NSLock()
        var datagrams: [Datagram] = []
        var stopped = false
    }

    init(name: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ironlb-sd-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent(name).path
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { close(descriptor); throw POSIXError(.EADDRINUSE) }
        // The journal's datagrams can be large; make room so none is dropped.
        var size: Int32 = 4 << 20
        setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        let state = self.state
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while !state.lock.withLock({ state.stopped }) {
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 50) == 1 else { continue }
                let count = recv(descriptor, &buffer, buffer.count, 0)
                guard count >= 0 else { continue }
                let datagram = Datagram(at: .now, bytes: Array(buffer[..<count]))
                state.lock.withLock { state.datagrams.append(datagram) }
            }
            close(descriptor)
        }
    }

    deinit {
        state.lock.withLock { state.stopped = true }
        try? FileManager.default.removeItem(at: directory)
    }

    /// The next unread datagram, or nil if none arrives within `timeout`.
    func next(timeout: Duration) async -> Datagram? {
        let deadline = ContinuousClock.now + timeout
        while true {
            let datagram: Datagram? = state.lock.withLock { cursor < state.datagrams.count ? state.datagrams[cursor] : nil }
            if let datagram {
                cursor += 1
                return datagram
            }
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// The next unread datagram's bytes, or nil if none arrives within `timeout`.
    func receive(timeout: Duration) async -> [UInt8]? {
        await next(timeout: timeout)?.bytes
    }

    /// Reads until `stop` holds for what was read, or `timeout` passes; returns what was read.
    func collect(timeout: Duration, until stop: ([Datagram]) -> Bool) async -> [Datagram] {
        let deadline = ContinuousClock.now + timeout
        var read: [Datagram] = []
        while !stop(read), let datagram = await next(timeout: deadline - .now) { read.append(datagram) }
        return read
    }
}
