import Glibc

/// Where log records go: the systemd journal (structured fields) or standard error (plain lines).
package enum LogTarget: String, CaseIterable, Sendable {
    /// The journal when standard error is connected to it, standard error otherwise.
    case auto
    /// The journal's native socket.
    case journal
    /// Plain lines on standard error.
    case stderr

    /// Resolves ``auto``: the journal exactly when systemd connected standard error to it, which it
    /// says by setting `JOURNAL_STREAM` to the `DEVICE:INODE` of that stream (systemd.exec(5)).
    package func resolved(journalStream: String? = getenv("JOURNAL_STREAM").map { String(cString: $0) }) -> LogTarget {
        guard self == .auto else { return self }
        guard let journalStream else { return .stderr }
        var info = stat()
        guard fstat(STDERR_FILENO, &info) == 0 else { return .stderr }
        return journalStream == "\(info.st_dev):\(info.st_ino)" ? .journal : .stderr
    }
}
