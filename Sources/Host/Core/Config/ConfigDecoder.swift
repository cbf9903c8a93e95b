package import IronLBPluginAPI
import Logging

/// Turns a parsed document into a validated ``IronLBConfig``, reporting every problem in one pass.
///
/// Host sections are decoded here; each plugin decodes its own section through the registry. The
/// same code serves `ironlbd validate`, `ironlbctl validate`, start-up and reload.
package struct ConfigDecoder: Sendable {
    /// The plugins that may be named in the file.
    package let registry: PluginRegistry

    /// Creates a decoder for `registry`.
    package init(registry: PluginRegistry) {
        self.registry = registry
    }

    /// The top-level keys, in the order the normalized form prints them.
    package static let topLevelKeys = [
        "version", "node", "state-directory", "control", "metrics", "logging", "reload",
        "pools", "announcers", "advertisements", "services", "sources",
    ]

    /// Decodes `document`; the configuration is nil when any error was reported.
    package func decode(_ document: ConfigDocument) -> (config: IronLBConfig?, diagnostics: Diagnostics) {
        var diagnostics = Diagnostics()
        guard var root = ConfigMapping(document.root, &diagnostics) else { return (nil, diagnostics) }
        if document.root.isNull {
            diagnostics.error(document.root, "the file has no content; expected a mapping that starts with 'version: 1'")
            return (nil, diagnostics)
        }
        root.declare(contentsOf: Self.topLevelKeys)

        if let version = root.require("version", &diagnostics), let number = version.integer(in: Int.min...Int.max, &diagnostics), number != 1 {
            diagnostics.error(version, "unsupported configuration version \(number); this ironlbd reads version 1")
        }
        let node = decodeNode(root.value("node"), &diagnostics)
        let stateDirectory = root.value("state-directory").flatMap { absolutePath($0, &diagnostics) } ?? "/var/lib/ironlb"
        let control = decodeControl(root.value("control"), &diagnostics)
        let metrics = decodeMetrics(root.value("metrics"), &diagnostics)
        let logging = decodeLogging(root.value("logging"), &diagnostics)
        let reload = decodeReload(root.value("reload"), &diagnostics)
        let (pools, namedPools) = decodePools(root.value("pools"), &diagnostics)

        let context = ConfigContext(
            pools: namedPools,
            node: NodeIdentity(name: node.name ?? "", routerID: node.routerID, labels: node.labels)
        )
        let announcers = decodeAnnouncers(root.value("announcers"), context: context, &diagnostics)
        let advertisements = decodeAdvertisements(root.value("advertisements"), announcers: announcers, context: context, &diagnostics)
        let sources = decodeSources(&root, context: context, &diagnostics)
        root.finish(&diagnostics)

        warnAboutUnusedParts(pools: pools, announcers: announcers, advertisements: advertisements, document: document, &diagnostics)
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        let config = IronLBConfig(
            file: document.file, node: node, stateDirectory: stateDirectory, control: control, metrics: metrics,
            logging: logging, reload: reload, pools: pools, announcers: announcers.mapValues(PluginSection.init),
            advertisements: advertisements, sources: sources
        )
        return (config, diagnostics)
    }

    private func decodeNode(_ node: ConfigNode?, _ diagnostics: inout Diagnostics) -> NodeSettings {
        var settings = NodeSettings()
        guard let node, var mapping = ConfigMapping(node, &diagnostics) else { return settings }
        settings.name = mapping.value("name")?.name(&diagnostics)
        settings.routerID = mapping.value("router-id")?.ipv4Address(&diagnostics)
        settings.labels = mapping.value("labels")?.labels(&diagnostics) ?? [:]
        mapping.finish(&diagnostics)
        return settings
    }

    private func decodeControl(_ node: ConfigNode?, _ diagnostics: inout Diagnostics) -> ControlSettings {
        var settings = ControlSettings()
        guard let node, var mapping = ConfigMapping(node, &diagnostics) else { return settings }
        if let socket = mapping.value("socket"), let path = absolutePath(socket, &diagnostics) {
            // sun_path holds 108 bytes including the terminating NUL.
            if path.utf8.count > 107 {
                diagnostics.error(socket, "a Unix socket path can be at most 107 bytes; this one is \(path.utf8.count)")
            } else {
                settings.socket = path
            }
        }
        mapping.finish(&diagnostics)
        return settings
    }

    private func decodeMetrics(_ node: ConfigNode?, _ diagnostics: inout Diagnostics) -> MetricsSettings {
        var settings = MetricsSettings()
        guard let node, var mapping = ConfigMapping(node, &diagnostics) else { return settings }
        settings.enabled = mapping.value("enabled")?.bool(&diagnostics) ?? true
        if let listen = mapping.value("listen"), let endpoint = HostPort.decode(listen, &diagnostics) {
            settings.host = endpoint.host
            settings.port = endpoint.port
        }
        mapping.finish(&diagnostics)
        return settings
    }

    private func decodeLogging(_ node: ConfigNode?, _ diagnostics: inout Diagnostics) -> LoggingSettings {
        var settings = LoggingSettings()
        guard let node, var mapping = ConfigMapping(node, &diagnostics) else { return settings }
        if let level = mapping.value("level"),
           let text = level.choice(Logger.Level.allCases.map(\.rawValue), &diagnostics) {
            settings.level = Logger.Level(rawValue: text) ?? .info
        }
        mapping.finish(&diagnostics)
        return settings
    }

    private func decodeReload(_ node: ConfigNode?, _ diagnostics: inout Diagnostics) -> ReloadSettings {
        var settings = ReloadSettings()
        guard let node, var mapping = ConfigMapping(node, &diagnostics) else { return settings }
        settings.watch = mapping.value("watch")?.bool(&diagnostics) ?? true
        settings.debounce = mapping.value("debounce")?.duration(in: .zero...Duration.seconds(60), &diagnostics) ?? .milliseconds(100)
        mapping.finish(&diagnostics)
        return settings
    }

    private func absolutePath(_ node: ConfigNode, _ diagnostics: inout Diagnostics) -> String? {
        guard let path = node.string(&diagnostics) else { return nil }
        guard path.hasPrefix("/"), !path.contains("\0") else {
            diagnostics.error(node, "expected an absolute path, found \"\(path)\"")
            return nil
        }
        return path
    }
}

extension ConfigMapping {
    /// Marks every key of `keys` as known.
    package mutating func declare(contentsOf keys: [String]) {
        for key in keys { declare(key) }
    }
}
