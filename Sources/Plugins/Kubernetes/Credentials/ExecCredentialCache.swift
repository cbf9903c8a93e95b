import Foundation
import Logging

/// The credential a plugin issued, shared by every request of one API client: the plugin runs when
/// there is none yet, when it is about to expire, and when the API server refused it (see
/// ``CredentialRefreshSchedule``). Requests that need a credential while the plugin runs wait for
/// that one run.
actor ExecCredentialCache {
    /// A credential with the number of the run that issued it, so that a refusal is counted
    /// against the credential it was for, not against its successor.
    struct Issued: Sendable {
        var credential: ExecCredential
        var generation: Int
    }

    typealias Run = @Sendable () async throws(ConnectionError) -> ExecCredential

    private let describe: String
    private let runPlugin: Run
    private let logger: Logger
    private let clock = ContinuousClock()
    private var schedule: CredentialRefreshSchedule
    private var current: (issued: Issued, refreshAt: ContinuousClock.Instant?)?
    private var lastFailure: ConnectionError?
    private var generation = 0
    private var running = false
    private var waiting: [CheckedContinuation<Result<Issued, ConnectionError>, Never>] = []

    /// A cache of `plugin`'s credentials, run with `timing`'s plugin timeout and backoff.
    init(plugin: CredentialPlugin, timing: KubernetesTiming, logger: Logger) {
        let timeout = timing.credentialPluginTimeout
        self.init(name: plugin.name, timing: timing, logger: logger) { () async throws(ConnectionError) -> ExecCredential in
            try await plugin.run(timeout: timeout)
        }
    }

    /// A cache of what `run` returns; `name` names the plugin in messages.
    init(name: String, timing: KubernetesTiming, logger: Logger, run: @escaping Run) {
        describe = name
        runPlugin = run
        self.logger = logger
        schedule = CredentialRefreshSchedule(initialBackoff: timing.credentialInitialBackoff, maximumBackoff: timing.credentialMaximumBackoff)
    }

    /// The credential to send now: the cached one while it is fresh, otherwise a new one. Throws
    /// the plugin's failure, which stands for a backoff delay before the plugin is tried again.
    func credential() async throws(ConnectionError) -> Issued {
        let now = clock.now
        if let current, current.refreshAt.map({ now < $0 }) ?? true { return current.issued }
        if let failedUntil = schedule.failedUntil, now < failedUntil, let lastFailure { throw lastFailure }
        if running {
            return try await withCheckedContinuation { waiting.append($0) }.get()
        }
        running = true
        let result = await refresh()
        running = false
        for waiter in waiting { waiter.resume(returning: result) }
        waiting = []
        return try result.get()
    }

    /// Reports that the API server answered 401 to a request sent with `used`. Returns whether a
    /// retry would carry another credential: a new one is issued on the next request, unless
    /// refusals came too fast (then the caller's own backoff applies).
    func refused(_ used: Issued) -> Bool {
        guard let current, current.issued.generation == used.generation else { return true }
        guard schedule.mayReplaceRefused(at: clock.now) else {
            logger.debug("the API server refused the credential of \(describe) again; waiting before running it again")
            return false
        }
        logger.info("the API server refused the credential of \(describe) (401 Unauthorized); running it again")
        self.current = nil
        return true
    }

    private func refresh() async -> Result<Issued, ConnectionError> {
        logger.debug("running \(describe)")
        do {
            let credential = try await runPlugin()
            let now = clock.now
            generation += 1
            let issued = Issued(credential: credential, generation: generation)
            let lifetime = credential.expiry.map { Duration.seconds($0.timeIntervalSinceNow) }
            current = (issued, schedule.refreshTime(issued: now, lifetime: lifetime))
            schedule.succeeded()
            lastFailure = nil
            let kind = if case .token = credential.secret { "a token" } else { "a client certificate" }
            let until = credential.expiry.map { " valid until \($0.formatted(.iso8601))" } ?? " without expiry"
            logger.info("\(describe) issued \(kind)\(until)")
            return .success(issued)
        } catch {
            current = nil
            // A cancelled run (shutdown) says nothing about the plugin.
            if !Task.isCancelled {
                schedule.failed(at: clock.now)
                lastFailure = error
            }
            return .failure(error)
        }
    }
}
