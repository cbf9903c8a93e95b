import BGPWire
import Testing
@testable import BGPFSM
import IronLBPluginAPI

@Suite("SessionStateMachine")
struct SessionStateMachineTests {
    @Test("The ordinary path to Established arms every timer at its absolute deadline")
    func happyPath() {
        let clock = ManualClock()
        var machine = Machine(configuration: Fixtures.configuration(), clock: clock, random: ZeroRandom())

        let start = machine.handle(.manualStart)
        #expect(start == [.arm(.connectRetry, ManualClock.at(.seconds(120))), .connect, .transition(from: .idle, to: .connect, reason: .manualStart)])

        clock.advance(by: .seconds(1))
        let connected = machine.handle(.tcpCRAcked)
        #expect(connected == [
            .cancel(.connectRetry),
            .send(.open(Fixtures.configuration().localOpen)),
            .arm(.hold, ManualClock.at(.seconds(241))),
            .transition(from: .connect, to: .openSent, reason: .tcpConnected(.outbound)),
        ])

        clock.advance(by: .seconds(1))
        let opened = machine.handle(.bgpOpen(Fixtures.peerOpen(holdTime: 30)))
        #expect(opened == [
            .send(.keepalive),
            .arm(.keepalive, ManualClock.at(.seconds(12))),
            .arm(.hold, ManualClock.at(.seconds(32))),
            .transition(from: .openSent, to: .openConfirm, reason: .openAccepted),
        ])

        clock.advance(by: .seconds(1))
        let session = machine.session!
        #expect(session.holdTime == 30 && session.keepaliveTime == 10)
        let established = machine.handle(.keepAliveMsg)
        #expect(established == [
            .arm(.hold, ManualClock.at(.seconds(33))),
            .sessionEstablished(session),
            .sendAdjRIBOut([.ipv4Unicast]),
            .transition(from: .openConfirm, to: .established, reason: .keepaliveReceived),
        ])
        guard case .established(let payload) = machine.state else {
            Issue.record("not Established")
            return
        }
        #expect(payload.since == ManualClock.at(.seconds(3)) && payload.direction == .outbound)

        clock.advance(by: .seconds(9))
        #expect(machine.handle(.keepaliveTimerExpires) == [.send(.keepalive), .arm(.keepalive, ManualClock.at(.seconds(22)))])
        clock.advance(by: .seconds(5))
        #expect(machine.handle(.updateMsg) == [.arm(.hold, ManualClock.at(.seconds(47)))])
    }

    @Test("Hold timer expiry sends NOTIFICATION 4/0, reports the session down and goes Idle")
    func holdTimerExpiry() {
        var (machine, clock) = Fixtures.machine(in: .established)
        clock.advance(by: .seconds(90))
        let actions = machine.handle(.holdTimerExpires)
        #expect(actions.notification == .holdTimerExpired)
        #expect(actions.contains(.sessionDown(.holdTimerExpired)))
        #expect(actions.transitionReason == .holdTimerExpired)
        #expect(machine.stateName == .idle)
        #expect(machine.connectRetryCounter == 1)
    }

    @Test("A negotiated hold time of 0 runs neither KEEPALIVEs nor a hold timer")
    func zeroHoldTime() {
        var (machine, _) = Fixtures.machine(in: .openSent)
        let actions = machine.handle(.bgpOpen(Fixtures.peerOpen(holdTime: 0)))
        #expect(summary(actions) == ["send KEEPALIVE", "cancel HoldTimer", "OpenSent→OpenConfirm"])
        #expect(machine.armedTimers.isEmpty)
        #expect(summary(machine.handle(.keepAliveMsg)) == ["established", "adj-rib-out", "OpenConfirm→Established"])
        #expect(machine.handle(.updateMsg).isEmpty)
        #expect(machine.handle(.keepAliveMsg).isEmpty)
        #expect(machine.handle(.holdTimerExpires).isEmpty)
        #expect(machine.stateName == .established)
    }

    @Test("A hold time of 1 or 2 s is refused with 2/6 and the session goes Idle", arguments: [UInt16(1), 2])
    func unacceptableHoldTime(holdTime: UInt16) {
        var (machine, _) = Fixtures.machine(in: .openSent)
        let actions = machine.handle(.bgpOpen(Fixtures.peerOpen(holdTime: holdTime)))
        #expect(actions.notification == .openMessageError(.unacceptableHoldTime))
        #expect(actions.transitionReason == .openRejected(.unacceptableHoldTime(holdTime)))
        #expect(machine.stateName == .idle)
    }

    @Test("The hold time is the smaller proposal and the keepalive a third of it")
    func holdTimeNegotiation() {
        var (mine, _) = Fixtures.machine(in: .openConfirm, configuration: Fixtures.configuration(holdTime: 9), peerOpen: Fixtures.peerOpen(holdTime: 180))
        #expect(mine.session?.holdTime == 9 && mine.session?.keepaliveTime == 3)
        _ = mine.handle(.keepAliveMsg)
        var (theirs, _) = Fixtures.machine(in: .openConfirm, peerOpen: Fixtures.peerOpen(holdTime: 3))
        #expect(theirs.session?.holdTime == 3 && theirs.session?.keepaliveTime == 1)
        _ = theirs.handle(.keepAliveMsg)
    }

    @Test("Failures back off 1, 2, 4, 8 s before each automatic restart")
    func backoffThroughTheMachine() {
        var (machine, clock) = Fixtures.machine(in: .connect)
        var delays: [Duration] = []
        for _ in 0..<5 {
            let down = machine.handle(.tcpConnectionFails)
            guard let deadline = down.deadline(of: .idleHold) else {
                Issue.record("no IdleHoldTimer armed")
                return
            }
            delays.append(clock.now.duration(to: deadline))
            clock.advance(by: clock.now.duration(to: deadline))
            #expect(summary(machine.handle(.idleHoldTimerExpires)) == ["arm ConnectRetryTimer", "connect", "Idle→Connect"])
        }
        #expect(delays == [1, 2, 4, 8, 16].map { Duration.seconds($0) })
        #expect(machine.connectRetryCounter == 5)
    }

    @Test("Jittered back-off from a seeded source is reproducible and never above the doubling")
    func seededBackoff() {
        func delays() -> [Duration] {
            let clock = ManualClock()
            var machine = Machine(configuration: Fixtures.configuration(jitter: 0.25), clock: clock, random: SeededRandom(seed: 7))
            _ = machine.handle(.manualStart)
            return (0..<4).map { _ in
                let deadline = machine.handle(.tcpConnectionFails).deadline(of: .idleHold)!
                _ = machine.handle(.idleHoldTimerExpires)
                return clock.now.duration(to: deadline)
            }
        }
        let first = delays()
        #expect(first == delays())
        for (delay, nominal) in zip(first, [1, 2, 4, 8].map { Duration.seconds($0) }) {
            #expect(delay <= nominal && delay > nominal * 0.75)
        }
    }

    @Test("A session that stayed Established long enough restarts fast again; a short one keeps backing off")
    func backoffReset() {
        for (uptime, expected) in [(Duration.seconds(61), Duration.seconds(1)), (.seconds(10), .seconds(4))] {
            var (machine, clock) = Fixtures.machine(in: .connect)
            // Two failures: the next delay would be 4 s.
            for _ in 0..<2 {
                _ = machine.handle(.tcpConnectionFails)
                _ = machine.handle(.idleHoldTimerExpires)
            }
            _ = machine.handle(.tcpCRAcked)
            _ = machine.handle(.bgpOpen(Fixtures.peerOpen()))
            _ = machine.handle(.keepAliveMsg)
            clock.advance(by: uptime)
            let down = machine.handle(.tcpConnectionFails)
            #expect(down.deadline(of: .idleHold).map { clock.now.duration(to: $0) } == expected)
        }
    }

    @Test("A manual start clears the back-off; a manual stop prevents the automatic restart")
    func manualCommandsAndBackoff() {
        var (machine, _) = Fixtures.machine(in: .connect)
        for _ in 0..<3 {
            _ = machine.handle(.tcpConnectionFails)
            _ = machine.handle(.idleHoldTimerExpires)
        }
        #expect(machine.backoff.attempts == 3)
        _ = machine.handle(.tcpConnectionFails)
        #expect(machine.handle(.manualStop(.administrativeShutdown)) == [.cancel(.idleHold)])
        #expect(machine.handle(.idleHoldTimerExpires).isEmpty)
        #expect(machine.handle(.automaticStart).isEmpty)
        _ = machine.handle(.manualStart)
        #expect(machine.backoff.attempts == 0 && machine.connectRetryCounter == 0)
    }

    @Test("An external AutomaticStart works only when enabled and not damped")
    func automaticStart() {
        var (machine, _) = Fixtures.machine(in: .connect)
        _ = machine.handle(.tcpConnectionFails)
        #expect(machine.handle(.automaticStart).isEmpty)
        _ = machine.handle(.idleHoldTimerExpires)
        _ = machine.handle(.tcpCRAcked)
        _ = machine.handle(.openCollisionDump)
        // After a collision dump no back-off runs, so an automatic start is taken at once.
        #expect(summary(machine.handle(.automaticStart)) == ["arm ConnectRetryTimer", "connect", "Idle→Connect"])
    }

    @Test("A passive session waits in Active, never connects, and accepts the peer's connection")
    func passive() {
        let clock = ManualClock()
        var machine = Machine(configuration: Fixtures.configuration(), clock: clock, random: ZeroRandom())
        #expect(machine.handle(.manualStartWithPassiveTcpEstablishment) == [.transition(from: .idle, to: .active, reason: .manualStart)])
        #expect(machine.armedTimers.isEmpty)
        #expect(machine.handle(.tcpConnectionConfirmed).transitionReason == .tcpConnected(.inbound))
        // Losing the connection in OpenSent goes back to Active without a ConnectRetryTimer.
        #expect(summary(machine.handle(.tcpConnectionFails)) == ["close", "cancel HoldTimer", "OpenSent→Active"])
        // After a failure the automatic restart stays passive.
        _ = machine.handle(.tcpConnectionFails)
        #expect(summary(machine.handle(.idleHoldTimerExpires)) == ["Idle→Active"])
    }

    @Test("An expiry for a timer that was cancelled is stale and ignored")
    func staleTimer() {
        var (machine, _) = Fixtures.machine(in: .connect)
        _ = machine.handle(.tcpCRAcked)
        // ConnectRetryTimer was cancelled on the way to OpenSent.
        #expect(machine.handle(.connectRetryTimerExpires).isEmpty)
        #expect(machine.stateName == .openSent)
    }

    @Test("ROUTE-REFRESH for a family that was not negotiated, or a BoRR marker, is ignored")
    func routeRefreshFiltering() {
        var (machine, _) = Fixtures.machine(in: .established)
        #expect(machine.handle(.routeRefresh(BGPRouteRefresh(family: .ipv6Unicast))).isEmpty)
        #expect(machine.handle(.routeRefresh(BGPRouteRefresh(family: .ipv4Unicast, subtype: 1))).isEmpty)
        #expect(machine.handle(.routeRefresh(BGPRouteRefresh(family: .ipv4Unicast))) == [.sendAdjRIBOut([.ipv4Unicast])])
    }

    @Test("Established sends the whole Adj-RIB-Out for every family in common")
    func adjRIBOutFamilies() {
        let configuration = Fixtures.configuration(families: [.ipv6Unicast, .ipv4Unicast])
        let open = Fixtures.peerOpen(capabilities: [.multiprotocol(.ipv6Unicast), .multiprotocol(.ipv4Unicast), .fourOctetAS(65002)])
        var (machine, _) = Fixtures.machine(in: .openConfirm, configuration: configuration, peerOpen: open)
        #expect(machine.handle(.keepAliveMsg).contains(.sendAdjRIBOut([.ipv4Unicast, .ipv6Unicast])))
    }

    @Test("Transitions carry the reason: the rejection, the codec's error, the peer's NOTIFICATION")
    func reasons() {
        var (a, _) = Fixtures.machine(in: .openSent)
        #expect(a.handle(.bgpOpen(Fixtures.peerOpen(myAS: 65009, capabilities: []))).transitionReason
            == .openRejected(.badPeerAS(received: 65009, expected: 65002)))
        var (b, _) = Fixtures.machine(in: .established)
        let down = b.handle(.updateMsgErr(Fixtures.updateError))
        #expect(down.transitionReason == .malformedMessage(Fixtures.updateError))
        #expect(down.contains(.sessionDown(.malformedMessage(Fixtures.updateError))))
        var (c, _) = Fixtures.machine(in: .established)
        #expect(c.handle(.notifMsg(Fixtures.peerShutdown)).transitionReason == .notificationReceived(Fixtures.peerShutdown))
        var (d, _) = Fixtures.machine(in: .openSent)
        #expect(d.handle(.keepAliveMsg).transitionReason == .unexpectedEvent("KeepAliveMsg"))
        #expect(SessionTransitionReason.unexpectedEvent("KeepAliveMsg").label == "unexpected_event")
    }

    @Test("Manual stop resets the ConnectRetryCounter; a collision dump does not restart")
    func counters() {
        var (machine, _) = Fixtures.machine(in: .openConfirm)
        let dump = machine.handle(.openCollisionDump)
        #expect(dump.notification == .cease(.connectionCollisionResolution))
        #expect(dump.deadline(of: .idleHold) == nil)
        #expect(machine.connectRetryCounter == 1)
        _ = machine.handle(.manualStop(.peerDeconfigured))
        var (other, _) = Fixtures.machine(in: .established)
        #expect(other.handle(.manualStop(.peerDeconfigured)).notification == .cease(.peerDeconfigured))
        #expect(other.connectRetryCounter == 0 && !other.isEnabled)
    }
}
