import BGPWire
import Testing
@testable import BGPFSM

@Suite("SessionStateMachine: reconfiguration")
struct SessionStateMachineReconfigureTests {
    @Test("Timer and back-off settings apply in place without touching the session")
    func inPlace() {
        var (machine, _) = Fixtures.machine(in: .established)
        var configuration = machine.configuration
        configuration.gracefulShutdownWait = .seconds(120)
        configuration.connectRetryTime = .seconds(10)
        configuration.backoff = ConnectRetryBackoff(initialDelay: .seconds(3), jitter: 0)
        #expect(machine.reconfigure(to: configuration).isEmpty)
        #expect(machine.stateName == .established)
        #expect(machine.handle(.tcpConnectionFails).deadline(of: .idleHold) != nil)
        #expect(machine.backoff.initialDelay == .seconds(3))
    }

    @Test("A change to what the OPEN says resets an Established session with Cease 6/6")
    func reset() {
        var (machine, _) = Fixtures.machine(in: .established)
        var configuration = machine.configuration
        configuration.holdTime = 30
        let actions = machine.reconfigure(to: configuration)
        #expect(actions.notification == .cease(.otherConfigurationChange))
        #expect(actions.transitionReason == .automaticStop(.otherConfigurationChange))
        #expect(actions.deadline(of: .idleHold) != nil)
        #expect(machine.configuration.localOpen.holdTime == 30)
    }

    @Test("Before an OPEN is sent a change needs no reset")
    func beforeOpen() {
        var (machine, _) = Fixtures.machine(in: .connect)
        var configuration = machine.configuration
        configuration.peerAS = 65099
        #expect(machine.reconfigure(to: configuration).isEmpty)
        #expect(machine.stateName == .connect)
    }
}
