import IronLBPluginAPI
import ServiceLifecycle

/// A test announcer that records every route set it is given.
enum RecordingAnnouncerPlugin: AnnouncerPlugin {
    typealias Configuration = EmptyConfiguration
    typealias AdvertisementOptions = RecordingOptions
    static let name = "recording"
    static let summary = "records routes for tests"

    static func decode(section: ConfigNode, context: ConfigContext, _ diagnostics: inout Diagnostics) -> EmptyConfiguration? {
        guard let mapping = ConfigMapping(section, &diagnostics) else { return nil }
        mapping.finish(&diagnostics)
        return EmptyConfiguration()
    }

    static func decodeAdvertisement(_ mapping: inout ConfigMapping, announcer: EmptyConfiguration?, _ diagnostics: inout Diagnostics) -> RecordingOptions? {
        RecordingOptions(tag: mapping.value("tag")?.string(&diagnostics) ?? "")
    }

    static func make(setup: AnnouncerSetup, context: PluginContext) throws -> any Announcer {
        RecordingAnnouncer()
    }
}

/// The recording announcer's advertisement options: one free-form tag.
struct RecordingOptions: PluginConfiguration {
    var tag: String
    var rendered: RenderedValue { .mapping(tag.isEmpty ? [] : [RenderedEntry("tag", .string(tag))]) }
}

/// Remembers what it was asked to announce.
actor RecordingAnnouncer: Announcer {
    private(set) var history: [[DesiredRoute]] = []

    func run() async throws { try? await gracefulShutdown() }
    func announce(_ routes: [DesiredRoute]) { history.append(routes) }
    func reconfigure(to setup: AnnouncerSetup) -> ReconfigureOutcome { .applied }
    func status() -> AnnouncerStatus {
        AnnouncerStatus(name: "recording", healthy: true, summary: "", announced: history.last ?? [])
    }
    var latest: [DesiredRoute] { history.last ?? [] }
    private(set) var maintenanceHistory: [Maintenance] = []
    func setMaintenance(_ maintenance: Maintenance) { maintenanceHistory.append(maintenance) }
    func exportedRoutes() -> [ExportedRoute] { [] }
}

/// A second plugin named like the first, to prove duplicates are refused.
enum DuplicateRecordingPlugin: AnnouncerPlugin {
    typealias Configuration = EmptyConfiguration
    typealias AdvertisementOptions = EmptyConfiguration
    static let name = "recording"
    static let summary = "a duplicate"
    static func decode(section: ConfigNode, context: ConfigContext, _ diagnostics: inout Diagnostics) -> EmptyConfiguration? { EmptyConfiguration() }
    static func decodeAdvertisement(_ mapping: inout ConfigMapping, announcer: EmptyConfiguration?, _ diagnostics: inout Diagnostics) -> EmptyConfiguration? { EmptyConfiguration() }
    static func make(setup: AnnouncerSetup, context: PluginContext) throws -> any Announcer { RecordingAnnouncer() }
}
