package import IronLBPluginAPI
import ServiceLifecycle
package import Logging
import CoreMetrics
import Foundation

/// Reloads the configuration on request (file change, SIGHUP, `ironlbctl reload`): read, validate
/// fully, check that it can be applied live, diff, apply only what changed, commit. Single-flight:
/// requests that arrive during a reload collapse into one more reload of the latest file.
package actor ReloadCoordinator: Service {
    /// Callbacks around each reload, for systemd's RELOADING=1 / READY=1 and the status line.
    package struct Hooks: Sendable {
        package var willReload: @Sendable () -> Void = {}
        package var didReload: @Sendable (ReloadStatus, IronLBConfig) -> Void = { _, _ in }
        package var applyLogLevel: @Sendable (Logger.Level) -> Void = { _ in }
        package init() {}
    }

    private let path: String
    private let loader: ConfigLoader
    private let registry: PluginRegistry
    private let controller: Controller
    private let announcerSupervisor: ServiceSupervisor
    private let sourceSupervisor: ServiceSupervisor
    private let makeContext: @Sendable (String) -> PluginContext
    private let logger: Logger
    private let hooks: Hooks
    private var current: IronLBConfig
    private var announcers: [String: any Announcer]
    private var sources: [String: any ServiceSource]
    package private(set) var status: ReloadStatus
    private let requests: AsyncStream<String>
    private let requestContinuation: AsyncStream<String>.Continuation
    private let lastSuccessful = Gauge(label: "ironlb_config_last_reload_successful")
    private let lastSuccessTime = Gauge(label: "ironlb_config_last_reload_success_timestamp_seconds")

    /// Creates a coordinator for the running configuration `current` and its plugin instances.
    package init(
        path: String, current: IronLBConfig, registry: PluginRegistry, controller: Controller,
        announcerSupervisor: ServiceSupervisor, announcers: [String: any Announcer],
        sourceSupervisor: ServiceSupervisor, sources: [String: any ServiceSource],
        makeContext: @escaping @Sendable (String) -> PluginContext, logger: Logger, hooks: Hooks = Hooks()
    ) {
        self.path = path
        self.loader = ConfigLoader(registry: registry)
        self.registry = registry
        self.controller = controller
        self.announcerSupervisor = announcerSupervisor
        self.sourceSupervisor = sourceSupervisor
        self.makeContext = makeContext
        self.logger = logger
        self.hooks = hooks
        self.current = current
        self.announcers = announcers
        self.sources = sources
        let now = Date().timeIntervalSince1970
        self.status = ReloadStatus(generation: 1, outcome: .none, attemptedAt: nil, lastSuccessAt: now)
        // Keep only the newest request: a burst of edits becomes one reload of the latest file.
        (requests, requestContinuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(1))
        lastSuccessful.record(1)
        lastSuccessTime.record(now)
    }

    /// Asks for a reload; `reason` is logged ("file changed", "SIGHUP", "ironlbctl").
    package nonisolated func requestReload(_ reason: String) {
        requestContinuation.yield(reason)
    }

    /// The running configuration.
    package func runningConfig() -> IronLBConfig { current }

    /// Every announcer's status, by name order.
    package func announcerStatuses() async -> [AnnouncerStatus] {
        var result: [AnnouncerStatus] = []
        for name in announcers.keys.sorted() {
            if let announcer = announcers[name] { result.append(await announcer.status()) }
        }
        return result
    }

    /// What every announcer's neighbours hold now.
    package func exportedRoutes() async -> [ExportedRoute] {
        var result: [ExportedRoute] = []
        for name in announcers.keys.sorted() {
            if let announcer = announcers[name] { result += await announcer.exportedRoutes() }
        }
        return result
    }

    package func run() async throws {
        await cancelWhenGracefulShutdown {
            for await reason in self.requests {
                await self.reload(reason: reason)
            }
        }
    }

    /// Performs one reload now and returns its status.
    @discardableResult
    package func reload(reason: String) async -> ReloadStatus {
        hooks.willReload()
        logger.info("reloading configuration (\(reason))", metadata: ["config": "\(path)"])
        let result = loader.load(path: path)
        for diagnostic in result.diagnostics.sorted { logger.log(level: diagnostic.severity == .error ? .error : .warning, "\(diagnostic)") }
        guard let next = result.config else {
            return finish(.rejected(reasons: result.diagnostics.errors.map(\.description)), config: current)
        }
        let diff = ConfigDiff.between(current, next)
        if !diff.unappliable.isEmpty {
            for reason in diff.unappliable { logger.error("reload refused: \(reason)") }
            return finish(.rejected(reasons: diff.unappliable), config: current)
        }
        if diff.isEmpty {
            logger.info("configuration unchanged")
            current = next
            return finish(.unchanged, config: current)
        }
        do {
            try await apply(diff, next: next)
        } catch {
            logger.error("reload failed while applying: \(error)")
            return finish(.rejected(reasons: ["\(error)"]), config: current)
        }
        current = next
        status.generation += 1
        logger.info("configuration generation \(status.generation) applied: \(diff.summary)")
        return finish(.applied(summary: diff.summary), config: next)
    }

    private func finish(_ outcome: ReloadStatus.Outcome, config: IronLBConfig) -> ReloadStatus {
        let now = Date().timeIntervalSince1970
        if case .rejected = outcome {
            logger.error("reload rejected; configuration generation \(status.generation) keeps running")
        }
        status.outcome = outcome
        status.attemptedAt = now
        if status.lastSucceeded { status.lastSuccessAt = now; lastSuccessTime.record(now) }
        lastSuccessful.record(status.lastSucceeded ? 1 : 0)
        Counter(label: "ironlb_config_reloads_total", dimensions: [("outcome", status.report.outcome)]).increment()
        hooks.didReload(status, config)
        return status
    }

    /// Applies `diff`: new instances are made before anything is touched, so a plugin that refuses its
    /// configuration leaves everything as it was.
    private func apply(_ diff: ConfigDiff, next: IronLBConfig) async throws {
        let setups = next.announcerSetups
        var fresh: [String: any Announcer] = [:]
        for name in diff.announcers.added {
            fresh[name] = try registry.announcer(named: name).make(setups[name]!, makeContext("announcer.\(name)"))
        }
        var freshSources: [String: any ServiceSource] = [:]
        for name in diff.sources.added {
            freshSources[name] = try registry.source(named: name).make(next.sources[name]!.configuration, controller, makeContext("source.\(name)"))
        }

        for name in diff.announcers.removed {
            await announcerSupervisor.stop(name)
            announcers[name] = nil
            logger.info("announcer \(name) stopped")
        }
        for name in diff.announcers.changed {
            guard let instance = announcers[name], let setup = setups[name] else { continue }
            switch await instance.reconfigure(to: setup) {
            case .applied:
                logger.info("announcer \(name) reconfigured in place")
            case .needsRestart(let reason):
                logger.info("announcer \(name) restarts: \(reason)")
                let replacement = try registry.announcer(named: name).make(setup, makeContext("announcer.\(name)"))
                await announcerSupervisor.stop(name)
                announcerSupervisor.start(name, replacement)
                announcers[name] = replacement
            }
        }
        for (name, instance) in fresh {
            announcerSupervisor.start(name, instance)
            announcers[name] = instance
            logger.info("announcer \(name) started")
        }
        if diff.logLevelChanged { hooks.applyLogLevel(next.logging.level) }
        try await controller.reconfigure(to: next, announcers: announcers)

        for name in diff.sources.removed {
            await sourceSupervisor.stop(name)
            sources[name] = nil
            await controller.replaceServices(from: name, with: [])
        }
        for name in diff.sources.changed {
            guard let instance = sources[name], let section = next.sources[name] else { continue }
            if case .needsRestart(let reason) = await instance.reconfigure(to: section.configuration) {
                logger.info("source \(name) restarts: \(reason)")
                let replacement = try registry.source(named: name).make(section.configuration, controller, makeContext("source.\(name)"))
                await sourceSupervisor.stop(name)
                sourceSupervisor.start(name, replacement)
                sources[name] = replacement
            }
        }
        for (name, instance) in freshSources {
            sourceSupervisor.start(name, instance)
            sources[name] = instance
        }
    }
}
