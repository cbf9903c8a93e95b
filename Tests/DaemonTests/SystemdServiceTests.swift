@testable import IronLBDaemon
import Logging
import Synchronization
import Testing

@Suite("SystemdService watchdog")
struct SystemdServiceTests {
    /// Records what the service would send to systemd.
    final class Recorder: Sendable {
        let sent = Mutex<[String]>([])
        var pings: Int { sent.withLock { $0.filter { $0 == "WATCHDOG=1" }.count } }
        func record(_ state: String) { sent.withLock { $0.append(state) } }
    }

    /// A controller stand-in that answers until wedged, and hangs (until released) while wedged.
    actor Controller {
        private var wedged = false
        private var waiting: [CheckedContinuation<Void, Never>] = []

        func statusLine() async -> String {
            if wedged { await withCheckedContinuation { waiting.append($0) } }
            return "1 pool, 1 service"
        }

        func wedge() { wedged = true }

        /// Whether a status request is hanging right now.
        var isHanging: Bool { !waiting.isEmpty }

        func release() {
            wedged = false
            for continuation in waiting { continuation.resume() }
            waiting = []
        }
    }

    /// Generous: parallel suites can keep the cooperative pool busy for seconds.
    func waitUntil(_ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(60)
        while !(await condition()) {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    @Test("WATCHDOG=1 stops while the controller does not answer, and resumes when it does")
    func wedgedControllerStopsPings() async throws {
        let recorder = Recorder()
        let controller = Controller()
        let notifier = SystemdNotifier(watchdogTimeout: .milliseconds(40)) { recorder.record($0) }
        let service = SystemdService(notifier: notifier, statusLine: { await controller.statusLine() }, logger: Logger(label: "test"))
        let running = Task { try await service.run() }

        #expect(await waitUntil { recorder.pings >= 3 })
        #expect(recorder.sent.withLock { $0.first } == "READY=1\nSTATUS=1 pool, 1 service")

        // Once a request hangs, every earlier answer's ping has been sent (one tick at a time).
        await controller.wedge()
        #expect(await waitUntil { await controller.isHanging })
        let whileWedged = recorder.pings
        try await Task.sleep(for: .milliseconds(300))  // 15 ticks
        #expect(recorder.pings == whileWedged, "pinged while the controller hung")

        await controller.release()
        #expect(await waitUntil { recorder.pings >= whileWedged + 2 })
        running.cancel()
        _ = try? await running.value
        #expect(recorder.sent.withLock { $0.last }?.hasPrefix("STOPPING=1") == true)
    }
}
