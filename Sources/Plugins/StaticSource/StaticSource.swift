public import IronLBPluginAPI
import ServiceLifecycle

/// The static source: services declared under `services:` in the configuration file.
public enum StaticSourcePlugin: ServiceSourcePlugin {
    public typealias Configuration = StaticServices
    public static let name = "static"
    public static let summary = "services declared in the configuration file under 'services:'"
    public static let sectionPath = ["services"]

    public static func decode(section: ConfigNode?, context: ConfigContext, _ diagnostics: inout Diagnostics) -> StaticServices? {
        guard let section, let items = section.list(&diagnostics) else { return StaticServices(services: []) }
        var services: [ServiceDeclaration] = []
        var firstDefinition: [String: ConfigNode] = [:]
        for item in items {
            guard let declaration = ServiceDeclaration.decode(item, context: context, &diagnostics) else { continue }
            if let first = firstDefinition[declaration.name] {
                diagnostics.error(item, "duplicate service name '\(declaration.name)' (first defined at \(first.location))")
                continue
            }
            firstDefinition[declaration.name] = item
            services.append(declaration)
        }
        return StaticServices(services: services)
    }

    public static func isEnabled(_ configuration: StaticServices) -> Bool { true }

    public static func make(configuration: StaticServices, sink: any ServiceIntentSink, context: PluginContext) throws -> any ServiceSource {
        StaticSource(services: configuration, sink: sink)
    }
}

/// The static services of one configuration.
public struct StaticServices: PluginConfiguration {
    /// The declared services, in file order.
    public var services: [ServiceDeclaration]

    /// Creates the configuration.
    public init(services: [ServiceDeclaration]) {
        self.services = services
    }

    /// The intents these declarations stand for.
    public var intents: [ServiceIntent] {
        services.map { ServiceIntent(key: ServiceKey(source: StaticSourcePlugin.name, name: $0.name), request: $0.request, labels: $0.labels) }
    }

    public var rendered: RenderedValue { .list(services.map(\.rendered)) }
}

/// The running static source: hands its services to the controller, and again on every reconfigure.
actor StaticSource: ServiceSource {
    private var services: StaticServices
    private let sink: any ServiceIntentSink

    init(services: StaticServices, sink: any ServiceIntentSink) {
        self.services = services
        self.sink = sink
    }

    func run() async throws {
        await sink.replaceServices(from: StaticSourcePlugin.name, with: services.intents)
        try? await gracefulShutdown()
    }

    func reconfigure(to configuration: any PluginConfiguration) async -> ReconfigureOutcome {
        guard let next = configuration as? StaticServices else { return .needsRestart(reason: "configuration of another type") }
        services = next
        await sink.replaceServices(from: StaticSourcePlugin.name, with: next.intents)
        return .applied
    }
}
