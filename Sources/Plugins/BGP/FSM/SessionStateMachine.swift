import BGPWire

/// The BGP finite state machine of one connection to a peer (RFC 4271 §8), as a pure value.
///
/// The driver feeds it `SessionEvent`s — administrative commands, timer expiries, TCP events,
/// decoded messages — and carries out the `SessionAction`s it returns, in order. It owns no
/// socket and no task, reads time only from the injected clock, and draws jitter only from the
/// injected random source, so tests drive it with a manual clock and a seeded generator.
///
/// One instance runs per TCP connection. When both speakers connect at once, the driver runs a
/// second instance for the second connection and settles the collision with
/// `ConnectionCollision`, sending `openCollisionDump` to the loser.
package struct SessionStateMachine<C: Clock>: Sendable where C.Duration == Duration {
    /// The actions of this machine, with deadlines in the clock's instants.
    package typealias Action = SessionAction<C.Instant>

    /// A state with what the machine knows in it (RFC 4271 §8.2.2).
    package enum State: Hashable, Sendable {
        /// Idle: no connection; an automatic restart may be pending on the IdleHoldTimer.
        case idle
        /// Connect: an outbound connection attempt is in flight.
        case connect
        /// Active: waiting for the peer to connect.
        case active
        /// OpenSent: our OPEN is sent on a connection opened in `direction`.
        case openSent(direction: ConnectionDirection)
        /// OpenConfirm: both OPENs are exchanged and `session` is what they agreed.
        case openConfirm(direction: ConnectionDirection, session: NegotiatedSession)
        /// Established.
        case established(Established)
    }

    /// What an Established session carries.
    package struct Established: Hashable, Sendable {
        /// Who opened the connection.
        package var direction: ConnectionDirection
        /// What the OPENs agreed.
        package var session: NegotiatedSession
        /// When the session became Established; the back-off resets after a long enough stay.
        package var since: C.Instant
        /// The shutdown communication while an RFC 8326 graceful shutdown drains the session.
        package var gracefulShutdown: String?
    }

    /// The settings the session runs with.
    package internal(set) var configuration: SessionConfiguration
    /// The current state.
    package internal(set) var state: State = .idle
    /// ConnectRetryCounter (RFC 4271 §8): failures since the last manual start or stop.
    package internal(set) var connectRetryCounter = 0
    /// AllowAutomaticStart: set by a manual start, cleared by a manual stop or graceful shutdown.
    package internal(set) var isEnabled = false
    /// PassiveTcpEstablishment, as chosen by the last start event.
    package internal(set) var isPassive = false
    /// The back-off between automatic restarts.
    package internal(set) var backoff: ConnectRetryBackoff
    /// The timers that are armed, with their deadlines.
    package internal(set) var armedTimers: [SessionTimer: C.Instant] = [:]

    let clock: C
    var random: any RandomNumberGenerator & Sendable

    /// Creates a machine in Idle. Nothing happens until a start event.
    ///
    /// - Parameters:
    ///   - configuration: the session's settings, already validated (`problems` is empty).
    ///   - clock: where deadlines come from; a manual clock in tests.
    ///   - random: the source of jitter; a seeded generator in tests.
    package init(
        configuration: SessionConfiguration,
        clock: C,
        random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()
    ) {
        self.configuration = configuration
        self.backoff = configuration.backoff
        self.clock = clock
        self.random = random
    }

    /// The state without its payload.
    package var stateName: SessionStateName {
        switch state {
        case .idle: .idle
        case .connect: .connect
        case .active: .active
        case .openSent: .openSent
        case .openConfirm: .openConfirm
        case .established: .established
        }
    }

    /// The negotiated parameters in OpenConfirm and Established.
    package var session: NegotiatedSession? {
        switch state {
        case .openConfirm(_, let session): session
        case .established(let established): established.session
        case .idle, .connect, .active, .openSent: nil
        }
    }

    /// Processes one event and returns what the driver must do, in order.
    ///
    /// Outer switch on the state, inner switch on the event, as OpenBGPD's `bgp_fsm()`.
    package mutating func handle(_ event: SessionEvent) -> [Action] {
        // A timer that is not armed was cancelled while its expiry was on the way: stale.
        if let timer = event.expiredTimer, armedTimers.removeValue(forKey: timer) == nil {
            return []
        }
        switch state {
        case .idle: return handleInIdle(event)
        case .connect: return handleInConnect(event)
        case .active: return handleInActive(event)
        case .openSent(let direction): return handleInOpenSent(event, direction: direction)
        case .openConfirm(let direction, let session): return handleInOpenConfirm(event, direction: direction, session: session)
        case .established(let established): return handleInEstablished(event, established)
        }
    }
}
