import BGPWire
import Testing
@testable import BGPFSM

@Suite("SessionStateMachine: graceful shutdown (RFC 8326)")
struct SessionStateMachineGracefulShutdownTests {
    @Test("Drain: re-announce with GRACEFUL_SHUTDOWN, wait, withdraw, Cease 6/2 with the communication, Idle")
    func sequence() {
        var (machine, clock) = Fixtures.machine(in: .established)
        let begin = machine.handle(.gracefulShutdown(communication: "upgrade to 2.1"))
        #expect(begin == [.announceGracefulShutdown, .arm(.gracefulShutdown, clock.now.advanced(by: .seconds(30)))])
        #expect(machine.stateName == .established)
        // Asking twice changes nothing.
        #expect(machine.handle(.gracefulShutdown(communication: "again")).isEmpty)
        // The session keeps running while it drains.
        #expect(summary(machine.handle(.keepAliveMsg)) == ["arm HoldTimer"])

        clock.advance(by: .seconds(30))
        let end = machine.handle(.gracefulShutdownTimerExpires)
        #expect(summary(end) == [
            "withdraw all", "send NOTIFICATION 6/2", "close", "cancel HoldTimer", "cancel KeepaliveTimer", "down", "Established→Idle",
        ])
        #expect(end.notification == .administrativeShutdown(communication: "upgrade to 2.1"))
        #expect(end.notification?.shutdownCommunication == "upgrade to 2.1")
        #expect(end.transitionReason == .gracefulShutdownCompleted(communication: "upgrade to 2.1"))
        #expect(!machine.isEnabled && machine.armedTimers.isEmpty)
    }

    @Test("A failure while draining does not reconnect")
    func failureWhileDraining() {
        var (machine, _) = Fixtures.machine(in: .established)
        _ = machine.handle(.gracefulShutdown(communication: ""))
        let down = machine.handle(.tcpConnectionFails)
        #expect(summary(down) == ["close", "cancel HoldTimer", "cancel KeepaliveTimer", "cancel GracefulShutdownTimer", "down", "Established→Idle"])
    }

    @Test("A manual stop while draining closes at once")
    func stopWhileDraining() {
        var (machine, _) = Fixtures.machine(in: .established)
        _ = machine.handle(.gracefulShutdown(communication: ""))
        let stop = machine.handle(.manualStop(.administrativeShutdown(communication: "now")))
        #expect(stop.notification?.shutdownCommunication == "now")
        #expect(stop.contains(.cancel(.gracefulShutdown)))
        #expect(machine.handle(.gracefulShutdownTimerExpires).isEmpty)
    }

    @Test("With no wait configured the routes are withdrawn at once")
    func zeroWait() {
        var configuration = Fixtures.configuration()
        configuration.gracefulShutdownWait = .zero
        var (machine, _) = Fixtures.machine(in: .established, configuration: configuration)
        let actions = machine.handle(.gracefulShutdown(communication: ""))
        #expect(summary(actions).prefix(2) == ["withdraw all", "send NOTIFICATION 6/2"])
        #expect(machine.stateName == .idle)
    }

    @Test("Before Established there is nothing to drain: a plain Cease 6/2")
    func beforeEstablished() {
        var (machine, _) = Fixtures.machine(in: .openConfirm)
        let actions = machine.handle(.gracefulShutdown(communication: "bye"))
        #expect(!actions.contains(.announceGracefulShutdown))
        #expect(actions.notification == .administrativeShutdown(communication: "bye"))
        #expect(actions.transitionReason == .manualStop(.administrativeShutdown(communication: "bye")))
    }
}
