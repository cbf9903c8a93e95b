package import IronLBPluginAPI
package import Logging

/// The whole validated configuration of one daemon: what `ironlbd validate` checks and what a
/// reload diffs against the running one.
package struct IronLBConfig: Sendable, Equatable {
    /// The file it was read from.
    package var file: String
    /// This node's identity (`node:`).
    package var node: NodeSettings
    /// Where durable allocation state lives (`state-directory:`).
    package var stateDirectory: String
    /// The control socket (`control:`).
    package var control: ControlSettings
    /// The Prometheus listener (`metrics:`).
    package var metrics: MetricsSettings
    /// Logging (`logging:`).
    package var logging: LoggingSettings
    /// Watching the file for changes (`reload:`).
    package var reload: ReloadSettings = ReloadSettings()
    /// Address pools, in file order (`pools:`).
    package var pools: [PoolConfig]
    /// Configured announcers by name (`announcers:`).
    package var announcers: [String: PluginSection]
    /// Advertisements, in file order (`advertisements:`).
    package var advertisements: [AdvertisementConfig]
    /// Configured service sources by name (static services under `services:`, others under `sources:`).
    package var sources: [String: PluginSection]

    /// The pool named `name`.
    package func pool(named name: String) -> PoolConfig? {
        pools.first { $0.name == name }
    }

    /// The identity handed to plugins, with the host name filled in when `node.name` is not set.
    package func nodeIdentity(hostName: @autoclosure () -> String) -> NodeIdentity {
        NodeIdentity(name: node.name ?? hostName(), routerID: node.routerID, labels: node.labels)
    }
}

/// A plugin's configuration under its plugin name; equality compares the contents.
package struct PluginSection: Sendable, Equatable {
    /// The plugin's decoded configuration.
    package var configuration: any PluginConfiguration

    package static func == (lhs: PluginSection, rhs: PluginSection) -> Bool {
        lhs.configuration.isEqual(to: rhs.configuration)
    }
}

/// The `node:` section.
package struct NodeSettings: Sendable, Equatable {
    /// The node's name; nil means the host name.
    package var name: String?
    /// The router ID; nil lets announcers derive one.
    package var routerID: IPv4Address?
    /// Labels for node selectors.
    package var labels: [String: String] = [:]
}

/// The `control:` section.
package struct ControlSettings: Sendable, Equatable {
    /// The Unix socket of the control API.
    package var socket: String = "/run/ironlb/control.sock"
}

/// The `metrics:` section.
package struct MetricsSettings: Sendable, Equatable {
    /// Whether the Prometheus listener runs.
    package var enabled: Bool = true
    /// Host to listen on.
    package var host: String = "127.0.0.1"
    /// Port to listen on.
    package var port: Int = 9473
}

/// The `reload:` section.
package struct ReloadSettings: Sendable, Equatable {
    /// Whether the file's directory is watched with inotify (SIGHUP and `ironlbctl reload` always work).
    package var watch: Bool = true
    /// How long the file must be quiet after a change before it is reloaded.
    package var debounce: Duration = .milliseconds(100)
}

/// The `logging:` section.
package struct LoggingSettings: Sendable, Equatable {
    /// The minimum level logged.
    package var level: Logger.Level = .info
}

/// One advertisement: which pools go to which announcer, with the announcer's options.
package struct AdvertisementConfig: Sendable, Equatable {
    /// Unique name.
    package var name: String
    /// The announcer that carries it.
    package var announcer: String
    /// The pools whose addresses it announces.
    package var pools: [String]
    /// The announcer-specific options.
    package var options: PluginSection
}
