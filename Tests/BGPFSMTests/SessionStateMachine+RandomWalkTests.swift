import BGPWire
import Testing
@testable import BGPFSM

/// Long seeded random walks through the machine, checking what must hold after every event.
@Suite("SessionStateMachine: random walks")
struct SessionStateMachineRandomWalkTests {
    @Test("Timers, connections and up/down reports stay consistent over 20,000 random events", arguments: [UInt64(1), 2, 3])
    func walk(seed: UInt64) {
        let clock = ManualClock()
        var machine = Machine(configuration: Fixtures.configuration(jitter: 0.25), clock: clock, random: SeededRandom(seed: seed))
        var random = SeededRandom(seed: seed &+ 100)
        let events = SessionStateMachineEventTableTests.events + [.bgpOpen(Fixtures.peerOpen(holdTime: 0))]
        let progress: [SessionEvent] = [.tcpCRAcked, .tcpConnectionConfirmed, .bgpOpen(Fixtures.peerOpen()), .keepAliveMsg, .updateMsg]
        // What a driver would believe from the actions alone.
        var driverTimers: [SessionTimer: ManualClock.Instant] = [:]
        var up = false
        var visited: Set<SessionStateName> = []

        for _ in 0..<20_000 {
            clock.advance(by: .milliseconds(Int64(random.next() % 5_000)))
            // Half the events push towards Established, so every state is visited often.
            let pool = random.next() % 2 == 0 ? progress : events
            var event = pool[Int(random.next() % UInt64(pool.count))]
            // Mostly deliver a timer that is really due, as a driver would.
            if random.next() % 2 == 0, let (timer, deadline) = driverTimers.min(by: { $0.value < $1.value }) {
                clock.advance(by: max(.zero, clock.now.duration(to: deadline)))
                event = SessionEvent.expiry(of: timer)
            }
            if let timer = event.expiredTimer { driverTimers[timer] = nil }
            let before = machine.stateName
            let actions = machine.handle(event)

            for action in actions {
                switch action {
                case .arm(let timer, let deadline):
                    #expect(deadline >= clock.now)
                    driverTimers[timer] = deadline
                case .cancel(let timer):
                    #expect(driverTimers[timer] != nil, "cancel of a timer that was not armed")
                    driverTimers[timer] = nil
                case .sessionEstablished:
                    #expect(!up)
                    up = true
                case .sessionDown:
                    #expect(up)
                    up = false
                case .send(.open):
                    #expect(machine.stateName == .openSent)
                default:
                    break
                }
            }
            #expect(driverTimers == machine.armedTimers, "after \(event.name) in \(before)")
            #expect(up == (machine.stateName == .established))
            visited.insert(machine.stateName)
            switch machine.stateName {
            case .idle:
                #expect(Set(machine.armedTimers.keys).isSubset(of: [.idleHold]))
            case .connect:
                #expect(machine.armedTimers[.connectRetry] != nil)
            case .openSent:
                #expect(machine.armedTimers[.hold] != nil)
            case .openConfirm, .established:
                let hold = machine.session?.holdTime ?? 0
                #expect((machine.armedTimers[.hold] != nil) == (hold != 0))
                #expect((machine.armedTimers[.keepalive] != nil) == (hold != 0))
            case .active:
                #expect(machine.armedTimers[.idleHold] == nil)
            }
            // Keep the walk moving: re-enable a stopped session now and then.
            if !machine.isEnabled && machine.stateName == .idle && random.next() % 4 == 0 {
                _ = machine.handle(.manualStart)
                for (timer, deadline) in machine.armedTimers { driverTimers[timer] = deadline }
                up = false
            }
        }
        // A walk that never reached Established would prove little.
        #expect(visited == Set(SessionStateName.allCases))
    }
}

extension SessionEvent {
    /// The expiry event of `timer`.
    static func expiry(of timer: SessionTimer) -> SessionEvent {
        switch timer {
        case .connectRetry: .connectRetryTimerExpires
        case .hold: .holdTimerExpires
        case .keepalive: .keepaliveTimerExpires
        case .idleHold: .idleHoldTimerExpires
        case .gracefulShutdown: .gracefulShutdownTimerExpires
        }
    }
}
