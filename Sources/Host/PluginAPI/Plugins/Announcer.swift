public import ServiceLifecycle

/// A route an announcer should make the network aware of.
public struct DesiredRoute: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The prefix to announce (a /32 or /128, or a covering prefix when aggregating).
    public var prefix: IPPrefix
    /// The advertisement that asked for it; its options (communities, …) belong to the announcer.
    public var advertisement: String
    /// The services behind the prefix, for status and `explain`.
    public var services: [ServiceKey]

    /// Creates a route.
    public init(prefix: IPPrefix, advertisement: String, services: [ServiceKey]) {
        self.prefix = prefix
        self.advertisement = advertisement
        self.services = services
    }

    /// `203.0.113.5/32 via public-bgp (static/web)`.
    public var description: String {
        "\(prefix) via \(advertisement) (\(services.map(\.description).joined(separator: ", ")))"
    }

    public static func < (lhs: DesiredRoute, rhs: DesiredRoute) -> Bool {
        (lhs.prefix, lhs.advertisement) < (rhs.prefix, rhs.advertisement)
    }
}

/// An announcer's whole configuration: its own section and the options of every advertisement that uses it.
public struct AnnouncerSetup: Sendable {
    /// The announcer's section.
    public var section: any PluginConfiguration
    /// Advertisement options by advertisement name.
    public var advertisements: [String: any PluginConfiguration]

    /// Creates a setup.
    public init(section: any PluginConfiguration, advertisements: [String: any PluginConfiguration]) {
        self.section = section
        self.advertisements = advertisements
    }

    /// Whether two setups are equal in every part.
    public func isEqual(to other: AnnouncerSetup) -> Bool {
        guard section.isEqual(to: other.section), advertisements.count == other.advertisements.count else { return false }
        return advertisements.allSatisfy { name, options in
            other.advertisements[name].map(options.isEqual(to:)) ?? false
        }
    }
}

/// What an announcer reports about itself for status output.
public struct AnnouncerStatus: Sendable, Codable, Equatable {
    /// The announcer's name.
    public var name: String
    /// Whether it is doing its job (e.g. every session established).
    public var healthy: Bool
    /// One line for the operator, e.g. "2/2 sessions established".
    public var summary: String
    /// The routes it is asked to announce (while drained, it sends none of them).
    public var announced: [DesiredRoute]
    /// Its neighbours (BGP peers; empty for announcers without sessions).
    public var peers: [AnnouncerPeer]
    /// Where it stands in a maintenance drain.
    public var maintenance: Maintenance

    /// Creates a status.
    public init(name: String, healthy: Bool, summary: String, announced: [DesiredRoute], peers: [AnnouncerPeer] = [], maintenance: Maintenance = .normal) {
        self.name = name
        self.healthy = healthy
        self.summary = summary
        self.announced = announced
        self.peers = peers
        self.maintenance = maintenance
    }
}

/// A running announcer instance: makes the outside network aware of the routes it is given.
///
/// `run()` (from `Service`) does the I/O until graceful shutdown, then says goodbye (withdraws,
/// closes sessions) before returning.
public protocol Announcer: Service {
    /// Replaces the whole set of routes to announce; the announcer sends only the difference.
    func announce(_ routes: [DesiredRoute]) async
    /// Takes a new configuration in place, or says that this instance must be restarted.
    func reconfigure(to setup: AnnouncerSetup) async -> ReconfigureOutcome
    /// The current status.
    func status() async -> AnnouncerStatus
    /// Enters or leaves a maintenance drain (see `Maintenance`). Returns once the change has been
    /// handed to every neighbour that is up (for `.withdrawn`: the withdrawals are written).
    func setMaintenance(_ maintenance: Maintenance) async
    /// What each neighbour holds from this announcer now (empty for announcers without neighbours).
    func exportedRoutes() async -> [ExportedRoute]
}

/// An announcer plugin: decodes its section and its advertisement options, and makes instances.
public protocol AnnouncerPlugin: SendableMetatype {
    /// The announcer's own section, `announcers.<name>`.
    associatedtype Configuration: PluginConfiguration
    /// The announcer-specific keys of an advertisement (communities, peers, …).
    associatedtype AdvertisementOptions: PluginConfiguration

    /// The name used in `announcers:` and in advertisements' `announcer:`.
    static var name: String { get }
    /// One line for `ironlbd plugins`.
    static var summary: String { get }
    /// Decodes the announcer's section strictly, reporting every problem.
    static func decode(section: ConfigNode, context: ConfigContext, _ diagnostics: inout Diagnostics) -> Configuration?
    /// Reads this announcer's keys from an advertisement; the host reports any key nobody read.
    static func decodeAdvertisement(
        _ mapping: inout ConfigMapping,
        announcer: Configuration?,
        _ diagnostics: inout Diagnostics
    ) -> AdvertisementOptions?
    /// Makes an instance. No side effects: I/O starts in `run()`.
    static func make(setup: AnnouncerSetup, context: PluginContext) throws -> any Announcer
}
