public import ServiceLifecycle

/// Where sources deliver service intents: the controller.
public protocol ServiceIntentSink: Sendable {
    /// Replaces everything `source` has declared with `intents` (a full resync).
    func replaceServices(from source: String, with intents: [ServiceIntent]) async
    /// Adds or changes one service.
    func upsert(_ intent: ServiceIntent) async
    /// Removes one service.
    func remove(_ key: ServiceKey) async
    /// Tells `observer` the assignments of `source`'s services now and after every change; nil stops.
    /// Optional: sinks that cannot report assignments ignore it.
    func observeAssignments(of source: String, by observer: (any AssignmentObserver)?) async
}

/// A running source of services. `run()` delivers intents to its sink until graceful shutdown.
public protocol ServiceSource: Service {
    /// Takes a new configuration in place, or says that this instance must be restarted.
    func reconfigure(to configuration: any PluginConfiguration) async -> ReconfigureOutcome
}

/// A service source plugin (static services, Kubernetes, the local API).
public protocol ServiceSourcePlugin: SendableMetatype {
    /// The source's configuration.
    associatedtype Configuration: PluginConfiguration

    /// The name used in service keys and under `sources:`.
    static var name: String { get }
    /// One line for `ironlbd plugins`.
    static var summary: String { get }
    /// Where the source's section lives: `["sources", name]` for most, `["services"]` for static services.
    static var sectionPath: [String] { get }
    /// Decodes the section (nil when absent; a source decides whether absence means "off").
    static func decode(section: ConfigNode?, context: ConfigContext, _ diagnostics: inout Diagnostics) -> Configuration?
    /// Whether a decoded configuration means the source should run at all.
    static func isEnabled(_ configuration: Configuration) -> Bool
    /// Makes an instance. No side effects: I/O starts in `run()`.
    static func make(configuration: Configuration, sink: any ServiceIntentSink, context: PluginContext) throws -> any ServiceSource
}
