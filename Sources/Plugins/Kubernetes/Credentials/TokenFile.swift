import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A bearer token kept in a file that is replaced when the token rotates (a service account's
/// projected token, which kubelet swaps in atomically; a kubeconfig's `tokenFile`).
///
/// The file is read again only when `stat` says it changed (another file, size, modification or
/// change time), so a rotation is picked up by the very next request at the cost of one `stat`
/// instead of an open, a read and a close per request (three per Service in a burst of them).
/// File times advance in clock ticks of a few milliseconds, so two same-sized writes in one tick
/// look alike: a file changed less than a second before it was read is read again each time until
/// it is older (git's "racily clean" index entries, the same problem).
final class TokenFile: Sendable {
    let path: String
    private struct Stamp: Equatable {
        var device: UInt64, inode: UInt64, size: Int64
        var modified: timespec, changed: timespec

        static func == (lhs: Stamp, rhs: Stamp) -> Bool {
            lhs.device == rhs.device && lhs.inode == rhs.inode && lhs.size == rhs.size
                && lhs.modified.tv_sec == rhs.modified.tv_sec && lhs.modified.tv_nsec == rhs.modified.tv_nsec
                && lhs.changed.tv_sec == rhs.changed.tv_sec && lhs.changed.tv_nsec == rhs.changed.tv_nsec
        }
    }
    private struct State {
        var cached: (stamp: Stamp, token: String)?
        /// How often the file was read (tests check that an unchanged file is not).
        var reads = 0
    }
    private let state = Mutex(State())
    /// How long after a change the file is read again on every request regardless.
    private let racyWindow: Duration

    init(path: String, racyWindow: Duration = .seconds(1)) {
        self.path = path
        self.racyWindow = racyWindow
    }

    /// How many times the file was read.
    var reads: Int { state.withLock { $0.reads } }

    /// The token the file holds now, without surrounding whitespace.
    func token() throws(ConnectionError) -> String {
        var status = stat()
        guard stat(path, &status) == 0 else { throw ConnectionError("cannot read \(path): \(String(cString: strerror(errno)))") }
        // Stamped before reading: a change during the read changes the next stamp, so it is read again.
        let stamp = Stamp(
            device: UInt64(status.st_dev), inode: UInt64(status.st_ino), size: Int64(status.st_size),
            modified: status.st_mtim, changed: status.st_ctim
        )
        if let cached = state.withLock({ $0.cached }), cached.stamp == stamp { return cached.token }
        let token = String(decoding: try ClusterConnection.readFile(path), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let age = Duration.seconds(now.tv_sec - stamp.changed.tv_sec) + .nanoseconds(now.tv_nsec - stamp.changed.tv_nsec)
        state.withLock { state in
            state.reads += 1
            state.cached = age > racyWindow ? (stamp, token) : nil
        }
        return token
    }
}
