public import Logging
public import CoreMetrics

/// What the host gives a plugin instance: never more.
public struct PluginContext: Sendable {
    /// A logger already labelled with the plugin's name; the plugin never bootstraps logging.
    public var logger: Logger
    /// The metrics factory to create the plugin's metrics from; the plugin never bootstraps metrics.
    public var metrics: any MetricsFactory
    /// This node's identity.
    public var node: NodeIdentity

    /// Creates a context.
    public init(logger: Logger, metrics: any MetricsFactory, node: NodeIdentity) {
        self.logger = logger
        self.metrics = metrics
        self.node = node
    }
}

/// Who this node is: the `node` section of the configuration.
public struct NodeIdentity: Sendable, Hashable {
    /// The node's name (the host name unless configured).
    public var name: String
    /// The BGP router ID and default source of identity, if configured.
    public var routerID: IPv4Address?
    /// Labels, used by peers' and advertisements' node selectors.
    public var labels: [String: String]

    /// Creates an identity.
    public init(name: String, routerID: IPv4Address?, labels: [String: String]) {
        self.name = name
        self.routerID = routerID
        self.labels = labels
    }
}

/// The outcome of asking a running plugin instance to take a new configuration.
public enum ReconfigureOutcome: Sendable, Equatable {
    /// The change was applied in place.
    case applied
    /// The change cannot be applied in place; the host restarts this instance only.
    case needsRestart(reason: String)
}
