import IronLBBuiltins
import IronLBCore
import IronLBPluginAPI
import Logging
import Metrics
import ServiceLifecycle
import Foundation

/// Wires the daemon together: configuration, plugins, controller, and the service group that runs
/// them and shuts them down in reverse order on SIGTERM or SIGINT.
struct Daemon {
    let configPath: String
    let logLevelOverride: Logger.Level?
    /// `--state-directory`: replaces the configuration's `state-directory`.
    let stateDirectoryOverride: String?

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
        let level = logLevelOverride ?? config.logging.level
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "ironlbd")
        do {
            let services = try makeServices(config: config, registry: registry, logger: logger)
            logger.info("ironlbd \(IronLBVersion.current) starting", metadata: [
                "config": "\(configPath)", "pools": "\(config.pools.count)", "announcers": "\(config.announcers.keys.sorted())",
            ])
            let group = ServiceGroup(configuration: .init(
                services: services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            ))
            try await group.run()
            logger.info("ironlbd stopped")
            return 0
        } catch {
            fatalStartup("\(error)")
            return 1
        }
    }

    /// The services in start order: controller, sources, announcers. The group shuts them down in
    /// reverse, so announcers say goodbye first and the controller (and its allocator) goes last.
    private func makeServices(config: IronLBConfig, registry: PluginRegistry, logger: Logger) throws -> [any Service] {
        let node = config.nodeIdentity(hostName: ProcessInfo.processInfo.hostName)
        func context(_ label: String) -> PluginContext {
            PluginContext(logger: Logger(label: "ironlbd.\(label)"), metrics: MetricsSystem.factory, node: node)
        }
        var announcers: [String: any Announcer] = [:]
        for (name, section) in config.announcers.sorted(by: { $0.key < $1.key }) {
            let options = Dictionary(uniqueKeysWithValues: config.advertisements.filter { $0.announcer == name }.map { ($0.name, $0.options.configuration) })
            let setup = AnnouncerSetup(section: section.configuration, advertisements: options)
            announcers[name] = try registry.announcer(named: name).make(setup, context("announcer.\(name)"))
        }
        let stateDirectory = stateDirectoryOverride ?? config.stateDirectory
        let controller: Controller
        do {
            controller = try Controller(config: config, registry: registry, announcers: announcers, logger: logger, stateDirectory: stateDirectory)
        } catch let error as AllocationStoreError {
            throw StartupError(message: "\(error); choose a writable directory with state-directory: in the configuration or --state-directory")
        }
        var sources: [any Service] = []
        for (name, section) in config.sources.sorted(by: { $0.key < $1.key }) {
            sources.append(try registry.source(named: name).make(section.configuration, controller, context("source.\(name)")))
        }
        return [controller] + sources + announcers.sorted(by: { $0.key < $1.key }).map(\.value)
    }

    private func fatalStartup(_ message: String) {
        FileHandle.standardError.write(Data("ironlbd: \(message)\n".utf8))
    }
}

/// A start-up failure with its one-line explanation.
struct StartupError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
