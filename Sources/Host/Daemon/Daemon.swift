import IronLBBuiltins
import IronLBCore
import IronLBPluginAPI
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import UnixSignals
import Foundation

/// Wires the daemon together: configuration, plugins, controller, reload, and the service group that
/// runs them and shuts them down in reverse order on SIGTERM or SIGINT.
struct Daemon {
    let configPath: String
    let logLevelOverride: Logger.Level?
    /// `--state-directory`: replaces the configuration's `state-directory`.
    let stateDirectoryOverride: String?
    var logTarget: LogTarget = .auto

    /// Runs until shutdown; returns the process exit status.
    func run() async -> Int32 {
        let registry = BuiltinPlugins.registry()
        let result = ConfigLoader(registry: registry).load(path: configPath)
        for diagnostic in result.diagnostics.sorted {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
        guard let config = result.config else {
            fatalStartup("configuration \(configPath) has \(result.diagnostics.errors.count) error(s); not starting")
            return 1
        }
        let levels = LogLevelControl(logLevelOverride ?? config.logging.level)
        bootstrapLogging(levels)
        let metricsRegistry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metricsRegistry))
        let logger = Logger(label: "ironlbd")
        do {
            var services = try makeServices(config: config, registry: registry, levels: levels, logger: logger)
            if config.metrics.enabled {
                services.insert(MetricsServer(host: config.metrics.host, port: config.metrics.port, registry: metricsRegistry, logger: logger), at: 0)
            }
            logger.info("ironlbd \(IronLBVersion.current) starting", metadata: [
                "config": "\(configPath)", "pools": "\(config.pools.count)", "announcers": "\(config.announcers.keys.sorted())",
            ])
            let group = ServiceGroup(configuration: .init(
                services: services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            ))
            // Until the reload trigger traps SIGHUP, one arriving (systemctl reload right after
            // READY=1) must not kill the daemon with the default action.
            signal(SIGHUP, SIG_IGN)
            try await group.run()
            logger.info("ironlbd stopped")
            return 0
        } catch {
            fatalStartup("\(error)")
            return 1
        }
    }

    /// The services in start order: controller, sources, announcers, then the reload machinery. The
    /// group shuts them down in reverse: reloads stop first, announcers say goodbye before the
    /// sources and the controller (and its allocator) go.
    private func makeServices(config: IronLBConfig, registry: PluginRegistry, levels: LogLevelControl, logger: Logger) throws -> [any Service] {
        let node = config.nodeIdentity(hostName: ProcessInfo.processInfo.hostName)
        let makeContext: @Sendable (String) -> PluginContext = { label in
            PluginContext(logger: Logger(label: "ironlbd.\(label)"), metrics: MetricsSystem.factory, node: node)
        }
        let announcerSupervisor = ServiceSupervisor(label: "announcers", logger: logger)
        let sourceSupervisor = ServiceSupervisor(label: "sources", logger: logger)
        var announcers: [String: any Announcer] = [:]
        for (name, setup) in config.announcerSetups.sorted(by: { $0.key < $1.key }) {
            let instance = try registry.announcer(named: name).make(setup, makeContext("announcer.\(name)"))
            announcers[name] = instance
            announcerSupervisor.start(name, instance)
        }
        let stateDirectory = stateDirectoryOverride ?? config.stateDirectory
        let controller: Controller
        do {
            controller = try Controller(config: config, registry: registry, announcers: announcers, logger: logger, stateDirectory: stateDirectory)
        } catch let error as AllocationStoreError {
            throw StartupError(message: "\(error); choose a writable directory with state-directory: in the configuration or --state-directory")
        }
        let startupSink = StartupSink(controller: controller)
        var sources: [String: any ServiceSource] = [:]
        for (name, section) in config.sources.sorted(by: { $0.key < $1.key }) {
            let instance = try registry.source(named: name).make(section.configuration, startupSink, makeContext("source.\(name)"))
            sources[name] = instance
            sourceSupervisor.start(name, instance)
        }
        let local = LocalSource(stateDirectory: stateDirectory, sink: startupSink, logger: Logger(label: "ironlbd.source.local"))
        var hooks = ReloadCoordinator.Hooks()
        let override = logLevelOverride
        hooks.applyLogLevel = { level in if override == nil { levels.set(level) } }
        let systemd = SystemdService(
            notifier: SystemdNotifier(), controller: controller, logger: logger,
            startup: (startupSink, Set(config.sources.keys).union([Controller.localSource]))
        )
        hooks.willReload = { systemd.reloadStarted() }
        hooks.didReload = { status, _ in systemd.reloadFinished(status) }
        let coordinator = ReloadCoordinator(
            path: configPath, current: config, registry: registry, controller: controller,
            announcerSupervisor: announcerSupervisor, announcers: announcers,
            sourceSupervisor: sourceSupervisor, sources: sources,
            makeContext: makeContext, logger: logger, hooks: hooks
        )
        var services: [any Service] = [controller, local, sourceSupervisor, announcerSupervisor, coordinator]
        services.append(ControlServer(path: config.control.socket, api: ControlAPI(controller: controller, coordinator: coordinator, local: local), logger: logger))
        services.append(SignalReloadTrigger(coordinator: coordinator))
        services.append(HeapTrimmer(logger: logger))
        if config.reload.watch {
            services.append(ConfigWatcher(path: configPath, debounce: config.reload.debounce, logger: logger) { reason in
                coordinator.requestReload(reason)
            })
        }
        // Last, so that it hears of a shutdown first and says STOPPING=1 before anything stops.
        services.append(systemd)
        return services
    }

    private func fatalStartup(_ message: String) {
        FileHandle.standardError.write(Data("ironlbd: \(message)\n".utf8))
    }
}

/// Turns SIGHUP into a reload request.
struct SignalReloadTrigger: Service {
    let coordinator: ReloadCoordinator

    func run() async throws {
        await cancelWhenGracefulShutdown {
            for await _ in await UnixSignalsSequence(trapping: .sighup) {
                coordinator.requestReload("SIGHUP")
            }
        }
    }
}

/// A start-up failure with its one-line explanation.
struct StartupError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
