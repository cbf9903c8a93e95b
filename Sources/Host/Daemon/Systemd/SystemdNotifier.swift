import CSystemd
import Glibc

/// Tells the service manager what the daemon is doing, through libsystemd's `sd_notify(3)`.
///
/// Every method is a no-op when the process was not started with `NOTIFY_SOCKET` (not under
/// systemd, or not `Type=notify`), so callers never need to check. The reload code calls
/// ``reloading()`` before it reads the file and ``reloaded(status:)`` when it is done, whatever the
/// outcome: systemd waits for READY=1 to finish `systemctl reload`.
package struct SystemdNotifier: Sendable {
    /// Whether a notification socket was given; false means every call does nothing.
    package let isEnabled: Bool
    /// How often systemd expects WATCHDOG=1 (`WatchdogSec=`), or nil when the watchdog is off.
    package let watchdogTimeout: Duration?

    /// Delivers one notification (newline-separated assignments).
    private let transport: @Sendable (String) -> Void

    /// Reads `NOTIFY_SOCKET` and the watchdog settings of this process; sends with `sd_pid_notify`.
    package init() {
        isEnabled = getenv("NOTIFY_SOCKET") != nil
        var usec: UInt64 = 0
        // > 0: enabled for this PID (WATCHDOG_USEC set, WATCHDOG_PID unset or ours).
        if sd_watchdog_enabled(0, &usec) > 0, usec > 0 {
            watchdogTimeout = .microseconds(Int64(clamping: usec))
        } else {
            watchdogTimeout = nil
        }
        transport = { state in _ = sd_pid_notify(0, 0, state) }
    }

    /// A notifier that hands each notification to `transport` (tests record them).
    package init(watchdogTimeout: Duration?, transport: @escaping @Sendable (String) -> Void) {
        isEnabled = true
        self.watchdogTimeout = watchdogTimeout
        self.transport = transport
    }

    /// The daemon is serving: READY=1, with a status line.
    package func ready(status: String) {
        send(["READY=1", "STATUS=\(status)"])
    }

    /// A reload begins: RELOADING=1 with the CLOCK_MONOTONIC time that systemd 253+ requires.
    package func reloading() {
        send(["RELOADING=1", "MONOTONIC_USEC=\(Self.monotonicMicroseconds())", "STATUS=reloading configuration"])
    }

    /// A reload ended (applied or rejected; the daemon keeps serving either way): READY=1.
    package func reloaded(status: String) {
        ready(status: status)
    }

    /// Shutdown begins: STOPPING=1.
    package func stopping() {
        send(["STOPPING=1", "STATUS=stopping: announcers withdraw, then the controller stops"])
    }

    /// Updates the one-line status shown by `systemctl status`.
    package func status(_ line: String) {
        send(["STATUS=\(line)"])
    }

    /// Tells the watchdog the daemon is alive: WATCHDOG=1.
    package func watchdogPing() {
        send(["WATCHDOG=1"])
    }

    private func send(_ assignments: [String]) {
        guard isEnabled else { return }
        // A status line must not smuggle in another assignment.
        let state = assignments.map { $0.replacingNewlines() }.joined(separator: "\n")
        transport(state)
    }

    private static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
