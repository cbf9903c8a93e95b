import BGPWire
import Testing
@testable import BGPFSM

/// Every event of RFC 4271 §8.1 that this FSM offers (plus ROUTE-REFRESH and the RFC 8326 drain),
/// in every state, with the actions and next state expected from §8.2.2.
@Suite("SessionStateMachine: every event in every state")
struct SessionStateMachineEventTableTests {
    /// The events, with payloads; `name` keys the tables below.
    static let events: [SessionEvent] = [
        .manualStart,
        .manualStop(.administrativeShutdown),
        .automaticStart,
        .manualStartWithPassiveTcpEstablishment,
        .automaticStartWithPassiveTcpEstablishment,
        .automaticStop(.otherConfigurationChange),
        .connectRetryTimerExpires,
        .holdTimerExpires,
        .keepaliveTimerExpires,
        .idleHoldTimerExpires,
        .tcpCRAcked,
        .tcpConnectionConfirmed,
        .tcpConnectionFails,
        .bgpOpen(Fixtures.peerOpen()),
        .bgpHeaderErr(Fixtures.headerError),
        .bgpOpenMsgErr(Fixtures.openError),
        .openCollisionDump,
        .notifMsgVerErr(Fixtures.versionNotification),
        .notifMsg(Fixtures.peerShutdown),
        .keepAliveMsg,
        .updateMsg,
        .updateMsgErr(Fixtures.updateError),
        .routeRefresh(BGPRouteRefresh(family: .ipv4Unicast)),
        .gracefulShutdown(communication: "maintenance"),
        .gracefulShutdownTimerExpires,
    ]

    struct Row: CustomTestStringConvertible, Sendable {
        var state: String
        var event: SessionEvent
        var expected: [String]
        var testDescription: String { "\(state) + \(event.name)" }
    }

    /// Expands a state's table; events it does not list must do nothing.
    static func rows(_ state: String, _ table: [String: [String]]) -> [Row] {
        precondition(Set(table.keys).isSubset(of: events.map(\.name)), "unknown event in \(state) table")
        return events.map { Row(state: state, event: $0, expected: table[$0.name] ?? []) }
    }

    // MARK: Idle, never started: only a manual start does anything; connections are refused.

    static let idle = rows("Idle", [
        "ManualStart": ["arm ConnectRetryTimer", "connect", "Idle→Connect"],
        "ManualStart_with_PassiveTcpEstablishment": ["Idle→Active"],
        "Tcp_CR_Acked": ["close"],
        "TcpConnectionConfirmed": ["close"],
    ])

    // MARK: Idle after a failure, waiting on the IdleHoldTimer back-off.

    static let idleBackingOff = rows("Idle (back-off)", [
        "ManualStart": ["cancel IdleHoldTimer", "arm ConnectRetryTimer", "connect", "Idle→Connect"],
        "ManualStop": ["cancel IdleHoldTimer"],
        "ManualStart_with_PassiveTcpEstablishment": ["cancel IdleHoldTimer", "Idle→Active"],
        "IdleHoldTimer_Expires": ["arm ConnectRetryTimer", "connect", "Idle→Connect"],
        "Tcp_CR_Acked": ["close"],
        "TcpConnectionConfirmed": ["close"],
        "GracefulShutdown": ["cancel IdleHoldTimer"],
    ])

    // MARK: Connect: ConnectRetryTimer armed, connection attempt in flight.

    static let connectError = ["close", "cancel ConnectRetryTimer", "arm IdleHoldTimer", "Connect→Idle"]
    static let connectOpen = ["cancel ConnectRetryTimer", "send OPEN", "arm HoldTimer", "Connect→OpenSent"]
    static let connect = rows("Connect", [
        "ManualStop": ["close", "cancel ConnectRetryTimer", "Connect→Idle"],
        "AutomaticStop": connectError,
        "ConnectRetryTimer_Expires": ["close", "arm ConnectRetryTimer", "connect"],
        "Tcp_CR_Acked": connectOpen,
        "TcpConnectionConfirmed": connectOpen,
        "TcpConnectionFails": connectError,
        "BGPOpen": connectError,
        "BGPHeaderErr": connectError,
        "BGPOpenMsgErr": connectError,
        "OpenCollisionDump": connectError,
        "NotifMsgVerErr": connectError,
        "NotifMsg": connectError,
        "KeepAliveMsg": connectError,
        "UpdateMsg": connectError,
        "UpdateMsgErr": connectError,
        "RouteRefresh": connectError,
        "GracefulShutdown": ["close", "cancel ConnectRetryTimer", "Connect→Idle"],
    ])

    // MARK: Active: ConnectRetryTimer armed, no connection.

    static let activeError = ["cancel ConnectRetryTimer", "arm IdleHoldTimer", "Active→Idle"]
    static let activeOpen = ["cancel ConnectRetryTimer", "send OPEN", "arm HoldTimer", "Active→OpenSent"]
    static let active = rows("Active", [
        "ManualStop": ["cancel ConnectRetryTimer", "Active→Idle"],
        "AutomaticStop": activeError,
        "ConnectRetryTimer_Expires": ["arm ConnectRetryTimer", "connect", "Active→Connect"],
        "Tcp_CR_Acked": activeOpen,
        "TcpConnectionConfirmed": activeOpen,
        "TcpConnectionFails": activeError,
        "BGPOpen": activeError,
        "BGPHeaderErr": activeError,
        "BGPOpenMsgErr": activeError,
        "OpenCollisionDump": activeError,
        "NotifMsgVerErr": activeError,
        "NotifMsg": activeError,
        "KeepAliveMsg": activeError,
        "UpdateMsg": activeError,
        "UpdateMsgErr": activeError,
        "RouteRefresh": activeError,
        "GracefulShutdown": ["cancel ConnectRetryTimer", "Active→Idle"],
    ])

    // MARK: OpenSent: our OPEN sent, the 4-minute HoldTimer armed.

    static func openSentError(_ notification: String?) -> [String] {
        (notification.map { ["send NOTIFICATION \($0)"] } ?? []) + ["close", "cancel HoldTimer", "arm IdleHoldTimer", "OpenSent→Idle"]
    }
    static let openSent = rows("OpenSent", [
        "ManualStop": ["send NOTIFICATION 6/2", "close", "cancel HoldTimer", "OpenSent→Idle"],
        "AutomaticStop": openSentError("6/6"),
        "HoldTimer_Expires": ["send NOTIFICATION 4/0", "close", "arm IdleHoldTimer", "OpenSent→Idle"],
        "TcpConnectionFails": ["close", "cancel HoldTimer", "arm ConnectRetryTimer", "OpenSent→Active"],
        "BGPOpen": ["send KEEPALIVE", "arm KeepaliveTimer", "arm HoldTimer", "OpenSent→OpenConfirm"],
        "BGPHeaderErr": openSentError("1/2"),
        "BGPOpenMsgErr": openSentError("2/4"),
        "OpenCollisionDump": ["send NOTIFICATION 6/7", "close", "cancel HoldTimer", "OpenSent→Idle"],
        "NotifMsgVerErr": openSentError(nil),
        "NotifMsg": openSentError(nil),
        "KeepAliveMsg": openSentError("5/1"),
        "UpdateMsg": openSentError("5/1"),
        "UpdateMsgErr": openSentError("5/1"),
        "RouteRefresh": openSentError("5/1"),
        "GracefulShutdown": ["send NOTIFICATION 6/2", "close", "cancel HoldTimer", "OpenSent→Idle"],
    ])

    // MARK: OpenConfirm: HoldTimer and KeepaliveTimer armed.

    static func openConfirmError(_ notification: String?) -> [String] {
        (notification.map { ["send NOTIFICATION \($0)"] } ?? [])
            + ["close", "cancel HoldTimer", "cancel KeepaliveTimer", "arm IdleHoldTimer", "OpenConfirm→Idle"]
    }
    static let openConfirm = rows("OpenConfirm", [
        "ManualStop": ["send NOTIFICATION 6/2", "close", "cancel HoldTimer", "cancel KeepaliveTimer", "OpenConfirm→Idle"],
        "AutomaticStop": openConfirmError("6/6"),
        "HoldTimer_Expires": ["send NOTIFICATION 4/0", "close", "cancel KeepaliveTimer", "arm IdleHoldTimer", "OpenConfirm→Idle"],
        "KeepaliveTimer_Expires": ["send KEEPALIVE", "arm KeepaliveTimer"],
        "TcpConnectionFails": openConfirmError(nil),
        "BGPOpen": openConfirmError("5/2"),
        "BGPHeaderErr": openConfirmError("1/2"),
        "BGPOpenMsgErr": openConfirmError("2/4"),
        "OpenCollisionDump": ["send NOTIFICATION 6/7", "close", "cancel HoldTimer", "cancel KeepaliveTimer", "OpenConfirm→Idle"],
        "NotifMsgVerErr": openConfirmError(nil),
        "NotifMsg": openConfirmError(nil),
        "KeepAliveMsg": ["arm HoldTimer", "established", "adj-rib-out", "OpenConfirm→Established"],
        "UpdateMsg": openConfirmError("5/2"),
        "UpdateMsgErr": openConfirmError("5/2"),
        "RouteRefresh": openConfirmError("5/2"),
        "GracefulShutdown": ["send NOTIFICATION 6/2", "close", "cancel HoldTimer", "cancel KeepaliveTimer", "OpenConfirm→Idle"],
    ])

    // MARK: Established: HoldTimer and KeepaliveTimer armed.

    static func establishedError(_ notification: String?) -> [String] {
        (notification.map { ["send NOTIFICATION \($0)"] } ?? [])
            + ["close", "cancel HoldTimer", "cancel KeepaliveTimer", "down", "arm IdleHoldTimer", "Established→Idle"]
    }
    static let established = rows("Established", [
        "ManualStop": ["send NOTIFICATION 6/2", "close", "cancel HoldTimer", "cancel KeepaliveTimer", "down", "Established→Idle"],
        "AutomaticStop": establishedError("6/6"),
        "HoldTimer_Expires": ["send NOTIFICATION 4/0", "close", "cancel KeepaliveTimer", "down", "arm IdleHoldTimer", "Established→Idle"],
        "KeepaliveTimer_Expires": ["send KEEPALIVE", "arm KeepaliveTimer"],
        "TcpConnectionFails": establishedError(nil),
        "BGPOpen": establishedError("5/3"),
        "BGPHeaderErr": establishedError("1/2"),
        "BGPOpenMsgErr": establishedError("5/3"),
        "OpenCollisionDump": ["send NOTIFICATION 6/7", "close", "cancel HoldTimer", "cancel KeepaliveTimer", "down", "Established→Idle"],
        "NotifMsgVerErr": establishedError(nil),
        "NotifMsg": establishedError(nil),
        "KeepAliveMsg": ["arm HoldTimer"],
        "UpdateMsg": ["arm HoldTimer"],
        "UpdateMsgErr": establishedError("3/1"),
        "RouteRefresh": ["adj-rib-out"],
        "GracefulShutdown": ["announce GRACEFUL_SHUTDOWN", "arm GracefulShutdownTimer"],
    ])

    static func machine(for state: String) -> Machine {
        switch state {
        case "Idle": return Fixtures.machine(in: .idle).0
        case "Idle (back-off)":
            var (machine, _) = Fixtures.machine(in: .connect)
            _ = machine.handle(.tcpConnectionFails)
            return machine
        case "Connect": return Fixtures.machine(in: .connect).0
        case "Active": return Fixtures.machine(in: .active).0
        case "OpenSent": return Fixtures.machine(in: .openSent).0
        case "OpenConfirm": return Fixtures.machine(in: .openConfirm).0
        default: return Fixtures.machine(in: .established).0
        }
    }

    @Test("Idle", arguments: idle + idleBackingOff)
    func idleState(row: Row) { check(row) }

    @Test("Connect", arguments: connect)
    func connectState(row: Row) { check(row) }

    @Test("Active", arguments: active)
    func activeState(row: Row) { check(row) }

    @Test("OpenSent", arguments: openSent)
    func openSentState(row: Row) { check(row) }

    @Test("OpenConfirm", arguments: openConfirm)
    func openConfirmState(row: Row) { check(row) }

    @Test("Established", arguments: established)
    func establishedState(row: Row) { check(row) }

    func check(_ row: Row) {
        var machine = Self.machine(for: row.state)
        let before = machine.stateName
        let actions = machine.handle(row.event)
        #expect(summary(actions) == row.expected)
        // The last action names the state change, and only a change has one.
        if case .transition(let from, let to, _)? = actions.last {
            #expect(from == before)
            #expect(to == machine.stateName)
        } else {
            #expect(machine.stateName == before)
        }
        #expect(actions.dropLast().allSatisfy { if case .transition = $0 { false } else { true } })
        // Every timer the driver was told about is exactly the set the machine thinks is armed.
        for case .arm(let timer, let deadline) in actions {
            #expect(machine.armedTimers[timer] == deadline)
        }
        if machine.stateName == .idle {
            #expect(Set(machine.armedTimers.keys).isSubset(of: [.idleHold]))
        }
    }
}
