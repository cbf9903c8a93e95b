import BGPWire
@testable import BGPFSM
import IronLBPluginAPI

typealias Machine = SessionStateMachine<ManualClock>
typealias Action = SessionAction<ManualClock.Instant>

/// Shared values for the state machine tests: AS 65001 (10.0.0.1) talking to AS 65002 (10.0.0.2).
enum Fixtures {
    static let localID = IPv4Address(0x0A00_0001)
    static let peerID = IPv4Address(0x0A00_0002)

    static func configuration(
        localAS: UInt32 = 65001,
        peerAS: UInt32 = 65002,
        holdTime: UInt16 = 90,
        families: [RouteFamily] = [.ipv4Unicast],
        jitter: Double = 0
    ) -> SessionConfiguration {
        SessionConfiguration(
            localAS: localAS, peerAS: peerAS, routerID: localID, holdTime: holdTime, families: families,
            backoff: ConnectRetryBackoff(jitter: jitter)
        )
    }

    /// The OPEN a well-behaved peer sends.
    static func peerOpen(
        myAS: UInt16 = 65002,
        holdTime: UInt16 = 90,
        identifier: IPv4Address = peerID,
        capabilities: [BGPCapability] = [.multiprotocol(.ipv4Unicast), .routeRefresh, .fourOctetAS(65002)],
        version: UInt8 = 4
    ) -> BGPOpen {
        BGPOpen(version: version, myAS: myAS, holdTime: holdTime, bgpIdentifier: identifier, capabilities: capabilities)
    }

    static let headerError = BGPMessageError(.messageHeaderError(.badMessageLength, data: [0x10, 0x01]), reason: "length 4097")
    static let openError = BGPMessageError(.openMessageError(.unsupportedOptionalParameter), reason: "parameter 1")
    static let updateError = BGPMessageError(.updateMessageError(.malformedAttributeList), reason: "overrun")
    static let versionNotification = BGPNotification.openMessageError(.unsupportedVersionNumber, data: [0, 3])
    static let peerShutdown = BGPNotification.administrativeShutdown(communication: "bye")

    /// A machine and its clock, driven to `state` by the ordinary path.
    static func machine(
        in state: SessionStateName,
        configuration: SessionConfiguration = configuration(),
        peerOpen open: BGPOpen = peerOpen()
    ) -> (Machine, ManualClock) {
        let clock = ManualClock()
        var machine = Machine(configuration: configuration, clock: clock, random: ZeroRandom())
        let path: [SessionEvent]
        switch state {
        case .idle: path = []
        case .connect: path = [.manualStart]
        // Active the way RFC 4271 reaches it: a connection that failed in OpenSent.
        case .active: path = [.manualStart, .tcpCRAcked, .tcpConnectionFails]
        case .openSent: path = [.manualStart, .tcpCRAcked]
        case .openConfirm: path = [.manualStart, .tcpCRAcked, .bgpOpen(open)]
        case .established: path = [.manualStart, .tcpCRAcked, .bgpOpen(open), .keepAliveMsg]
        }
        for event in path { _ = machine.handle(event) }
        precondition(machine.stateName == state, "fixture did not reach \(state)")
        return (machine, clock)
    }
}

/// Actions as short words, so tables of expectations stay readable; deadlines are left out and
/// checked by the tests that care about them.
func summary(_ actions: [Action]) -> [String] {
    actions.map { action in
        switch action {
        case .connect: "connect"
        case .closeConnection: "close"
        case .send(.open): "send OPEN"
        case .send(.keepalive): "send KEEPALIVE"
        case .send(.notification(let notification)): "send NOTIFICATION \(notification.code.rawValue)/\(notification.subcode)"
        case .send(let message): "send \(message.type)"
        case .arm(let timer, _): "arm \(timer)"
        case .cancel(let timer): "cancel \(timer)"
        case .sessionEstablished: "established"
        case .sessionDown: "down"
        case .sendAdjRIBOut: "adj-rib-out"
        case .announceGracefulShutdown: "announce GRACEFUL_SHUTDOWN"
        case .withdrawAll: "withdraw all"
        case .transition(let from, let to, _): "\(from)→\(to)"
        }
    }
}

extension Array where Element == Action {
    /// The deadline of the first `arm` of `timer`.
    func deadline(of timer: SessionTimer) -> ManualClock.Instant? {
        for case .arm(timer, let deadline) in self { return deadline }
        return nil
    }

    /// The first NOTIFICATION sent.
    var notification: BGPNotification? {
        for case .send(.notification(let notification)) in self { return notification }
        return nil
    }

    /// The reason of the state change.
    var transitionReason: SessionTransitionReason? {
        for case .transition(_, _, let reason) in self { return reason }
        return nil
    }
}
