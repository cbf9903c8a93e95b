public import IronLBPluginAPI
import ServiceLifecycle
import Logging

/// `announcers: dry-run`: announces nothing, logs every route it would announce or withdraw and
/// reports them in its status. Operators use it to try a configuration; tests use it as a real announcer.
public enum DryRunAnnouncerPlugin: AnnouncerPlugin {
    public typealias Configuration = DryRunConfiguration
    public typealias AdvertisementOptions = EmptyConfiguration
    public static let name = "dry-run"
    public static let summary = "announces nothing; logs and reports the routes it would announce"

    public static func decode(section: ConfigNode, context: ConfigContext, _ diagnostics: inout Diagnostics) -> DryRunConfiguration? {
        guard var mapping = ConfigMapping(section, &diagnostics) else { return nil }
        defer { mapping.finish(&diagnostics) }
        let logRoutes = mapping.value("log-routes")?.bool(&diagnostics) ?? true
        return DryRunConfiguration(logRoutes: logRoutes)
    }

    public static func decodeAdvertisement(
        _ mapping: inout ConfigMapping,
        announcer: DryRunConfiguration?,
        _ diagnostics: inout Diagnostics
    ) -> EmptyConfiguration? {
        EmptyConfiguration()
    }

    public static func make(setup: AnnouncerSetup, context: PluginContext) throws -> any Announcer {
        DryRunAnnouncer(configuration: setup.section as? DryRunConfiguration ?? DryRunConfiguration(logRoutes: true), logger: context.logger)
    }
}

/// The dry-run announcer's section.
public struct DryRunConfiguration: PluginConfiguration {
    /// Whether each route change is logged at info level (else debug).
    public var logRoutes: Bool

    /// Creates the section.
    public init(logRoutes: Bool) {
        self.logRoutes = logRoutes
    }

    public var rendered: RenderedValue { .mapping([RenderedEntry("log-routes", .bool(logRoutes))]) }
}

/// A dry-run instance: remembers the desired routes and logs the differences.
actor DryRunAnnouncer: Announcer {
    private var configuration: DryRunConfiguration
    private let logger: Logger
    private var routes: [IPPrefix: DesiredRoute] = [:]
    private var maintenance = Maintenance.normal

    init(configuration: DryRunConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    func run() async throws {
        logger.info("dry-run announcer started; nothing will be sent to any router")
        try? await gracefulShutdown()
        announceNothing()
    }

    func announce(_ desired: [DesiredRoute]) {
        let next = Dictionary(desired.map { ($0.prefix, $0) }, uniquingKeysWith: { first, _ in first })
        let level: Logger.Level = configuration.logRoutes ? .info : .debug
        for (prefix, route) in next.sorted(by: { $0.key < $1.key }) where routes[prefix] != route {
            logger.log(level: level, "would announce \(route)", metadata: ["prefix": "\(prefix)", "advertisement": "\(route.advertisement)"])
        }
        for prefix in routes.keys.sorted() where next[prefix] == nil {
            logger.log(level: level, "would withdraw \(prefix)", metadata: ["prefix": "\(prefix)"])
        }
        routes = next
    }

    func reconfigure(to setup: AnnouncerSetup) -> ReconfigureOutcome {
        if let section = setup.section as? DryRunConfiguration { configuration = section }
        return .applied
    }

    func status() -> AnnouncerStatus {
        AnnouncerStatus(
            name: DryRunAnnouncerPlugin.name, healthy: true,
            summary: "\(routes.count) routes (dry run: nothing sent)" + (maintenance == .normal ? "" : ", drain: \(maintenance.rawValue)"),
            announced: routes.values.sorted(), maintenance: maintenance
        )
    }

    /// A dry run has no neighbours, so it sends nothing to anyone.
    func exportedRoutes() -> [ExportedRoute] { [] }

    func setMaintenance(_ next: Maintenance) {
        guard next != maintenance else { return }
        maintenance = next
        let level: Logger.Level = configuration.logRoutes ? .info : .debug
        switch next {
        case .normal: logger.log(level: level, "drain ended; would announce \(routes.count) routes again")
        case .gracefulShutdown: logger.log(level: level, "would re-announce \(routes.count) routes with GRACEFUL_SHUTDOWN")
        case .withdrawn: logger.log(level: level, "would withdraw \(routes.count) routes (drained)")
        }
    }

    private func announceNothing() {
        if !routes.isEmpty {
            logger.info("dry-run announcer stopping; would withdraw \(routes.count) routes")
        }
        routes = [:]
    }
}
