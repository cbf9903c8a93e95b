import Foundation
import Logging

extension Daemon {
    /// Test hook: the journal socket path. Tests point it at their own socket; libsystemd offers no
    /// such override, which is why IronLB speaks the journal protocol itself (see ``JournalSocket``).
    static let journalSocketVariable = "IRONLB_JOURNAL_SOCKET"

    /// Sends every logger to the journal (structured fields) or to standard error (plain lines),
    /// as ``logTarget`` resolves; both follow the shared run-time level.
    func bootstrapLogging(_ levels: LogLevelControl) {
        let path = ProcessInfo.processInfo.environment[Self.journalSocketVariable] ?? JournalSocket.defaultPath
        if logTarget.resolved() == .journal, let socket = JournalSocket(path: path) {
            LoggingSystem.bootstrap { label in JournalLogHandler(label: label, socket: socket, control: levels) }
        } else {
            LoggingSystem.bootstrap { label in ControlledStreamLogHandler(label: label, control: levels) }
        }
    }
}
