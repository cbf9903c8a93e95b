import IronLBCore
import Logging
import ServiceLifecycle
import Synchronization

/// The daemon's side of `Type=notify`: READY=1 once the service group is up and the controller
/// answers, STATUS= lines as things change, WATCHDOG=1 while the controller keeps answering, and
/// STOPPING=1 as soon as shutdown begins.
///
/// It runs last in the service group, so on SIGTERM it is the first to hear of the shutdown and
/// says STOPPING=1 before the announcers start withdrawing.
final class SystemdService: Service {
    /// How often the status line is refreshed when the watchdog is off.
    static let statusInterval: Duration = .seconds(10)
    /// How long READY=1 waits for the sources' first reports. A source that cannot report (an
    /// unreachable API server) must not keep the daemon from serving everything else.
    static let readinessGrace: Duration = .seconds(5)

    private let notifier: SystemdNotifier
    /// Asks the controller for its status line; answering is the liveness check.
    private let statusLine: @Sendable () async -> String
    private let logger: Logger
    /// The controller's latest line, and a note about the latest reload if it needs attention.
    private let state = Mutex<(line: String, reloadNote: String?, sent: String)>(("starting", nil, ""))

    /// The sources started with the daemon and the sink that sees their first reports.
    private let startup: (sink: StartupSink, sources: Set<String>)?

    convenience init(notifier: SystemdNotifier, controller: Controller, logger: Logger, startup: (sink: StartupSink, sources: Set<String>)? = nil) {
        self.init(notifier: notifier, statusLine: { await controller.snapshot().statusLine }, logger: logger, startup: startup)
    }

    /// A service whose liveness check and status line come from `statusLine` (tests wedge it).
    init(notifier: SystemdNotifier, statusLine: @escaping @Sendable () async -> String, logger: Logger,
         startup: (sink: StartupSink, sources: Set<String>)? = nil) {
        self.notifier = notifier
        self.statusLine = statusLine
        self.logger = logger
        self.startup = startup
    }

    /// The interval between ticks: half the watchdog timeout (as sd_watchdog_enabled(3) advises),
    /// or ``statusInterval`` without a watchdog.
    var tick: Duration {
        notifier.watchdogTimeout.map { $0 / 2 } ?? Self.statusInterval
    }

    func run() async throws {
        await waitForFirstReports()
        let first = await refreshedLine()
        notifier.ready(status: first)
        state.withLock { $0.sent = first }
        logger.debug("told systemd READY=1", metadata: ["status": "\(first)"])
        if let timeout = notifier.watchdogTimeout {
            logger.info("systemd watchdog enabled: pinging every \(timeout / 2) after the controller answers")
        }
        await cancelWhenGracefulShutdown { await self.tickUntilCancelled() }
        notifier.stopping()
    }

    /// Waits until every source started with the daemon has delivered its services (and they have
    /// been allocated and announced), or ``readinessGrace`` has passed.
    private func waitForFirstReports() async {
        guard let startup else { return }
        let deadline = ContinuousClock.now + Self.readinessGrace
        while !startup.sink.haveReported(startup.sources) {
            guard ContinuousClock.now < deadline else {
                logger.warning("not every source reported within \(Self.readinessGrace); telling systemd READY=1 anyway")
                return
            }
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Each tick asks the controller, then pings the watchdog, then updates the status if it changed.
    private func tickUntilCancelled() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: tick)
            if Task.isCancelled { break }
            let line = await refreshedLine()
            if notifier.watchdogTimeout != nil { notifier.watchdogPing() }
            let changed = state.withLock { state in
                defer { state.sent = line }
                return state.sent != line
            }
            if changed { notifier.status(line) }
        }
    }

    /// Called by the reload code before it reads the file.
    func reloadStarted() {
        notifier.reloading()
    }

    /// Called by the reload code when a reload ended, applied or rejected.
    func reloadFinished(_ status: ReloadStatus) {
        let note: String? = switch status.outcome {
        case .rejected: "last reload rejected, generation \(status.generation) keeps running"
        case .none, .applied, .unchanged: nil
        }
        let line = state.withLock { state in
            state.reloadNote = note
            state.sent = Self.compose(state.line, note)
            return state.sent
        }
        notifier.reloaded(status: line)
    }

    /// Asks the controller (the liveness check) and composes the status line.
    private func refreshedLine() async -> String {
        let line = await statusLine()
        return state.withLock { state in
            state.line = line
            return Self.compose(line, state.reloadNote)
        }
    }

    private static func compose(_ line: String, _ note: String?) -> String {
        guard let note else { return line }
        return "\(line); \(note)"
    }
}
