package import IronLBPluginAPI

extension IronLBConfig {
    /// The normalized form: every default spelled out, keys in a fixed order, one notation per value.
    package var rendered: RenderedValue {
        var top: [RenderedEntry] = [RenderedEntry("version", .integer(1))]
        var nodeEntries: [RenderedEntry] = []
        if let name = node.name { nodeEntries.append(RenderedEntry("name", .string(name))) }
        if let routerID = node.routerID { nodeEntries.append(RenderedEntry("router-id", .string(routerID.description))) }
        if !node.labels.isEmpty { nodeEntries.append(RenderedEntry("labels", Self.labels(node.labels))) }
        top.append(RenderedEntry("node", .mapping(nodeEntries)))
        top.append(RenderedEntry("state-directory", .string(stateDirectory)))
        top.append(RenderedEntry("control", .mapping([RenderedEntry("socket", .string(control.socket))])))
        top.append(RenderedEntry("metrics", .mapping([
            RenderedEntry("enabled", .bool(metrics.enabled)),
            RenderedEntry("listen", .string(HostPort(host: metrics.host, port: metrics.port).description)),
        ])))
        top.append(RenderedEntry("logging", .mapping([RenderedEntry("level", .string(logging.level.rawValue))])))
        top.append(RenderedEntry("reload", .mapping([
            RenderedEntry("watch", .bool(reload.watch)), RenderedEntry("debounce", .duration(reload.debounce)),
        ])))
        top.append(RenderedEntry("pools", .list(pools.map(\.rendered))))
        top.append(RenderedEntry("announcers", .mapping(announcers.sorted { $0.key < $1.key }.map {
            RenderedEntry($0.key, $0.value.configuration.rendered)
        })))
        top.append(RenderedEntry("advertisements", .list(advertisements.map(\.rendered))))
        var nested: [RenderedEntry] = []
        for (name, section) in sources.sorted(by: { $0.key < $1.key }) {
            if name == "static" {
                top.append(RenderedEntry("services", section.configuration.rendered))
            } else {
                nested.append(RenderedEntry(name, section.configuration.rendered))
            }
        }
        if !nested.isEmpty { top.append(RenderedEntry("sources", .mapping(nested))) }
        return .mapping(top)
    }

    /// The normalized YAML text.
    package var normalizedYAML: String { YAMLEmitter.emit(rendered) }

    static func labels(_ labels: [String: String]) -> RenderedValue {
        .mapping(labels.sorted { $0.key < $1.key }.map { RenderedEntry($0.key, .string($0.value)) })
    }
}

extension PoolConfig {
    /// The normalized form of one pool.
    package var rendered: RenderedValue {
        var entries = [
            RenderedEntry("name", .string(name)),
            RenderedEntry("addresses", .strings(addresses.map(\.description))),
        ]
        var strategyEntries = [RenderedEntry("type", .string(strategy))]
        if case .mapping(let options) = strategyOptions.configuration.rendered { strategyEntries += options }
        entries.append(RenderedEntry("strategy", strategyEntries.count == 1 ? .string(strategy) : .mapping(strategyEntries)))
        entries.append(RenderedEntry("auto-assign", .bool(autoAssign)))
        entries.append(RenderedEntry("avoid-buggy-ips", .bool(avoidBuggyIPs)))
        if !reserved.isEmpty { entries.append(RenderedEntry("reserved", .strings(reserved.map(\.description)))) }
        entries.append(RenderedEntry("priority", .integer(priority)))
        if !namespaces.isEmpty { entries.append(RenderedEntry("namespaces", .strings(namespaces))) }
        if let selector = serviceSelector.rendered { entries.append(RenderedEntry("service-selector", selector)) }
        entries.append(RenderedEntry("draining", .bool(draining)))
        entries.append(RenderedEntry("orphans", .string(orphans.rawValue)))
        return .mapping(entries)
    }
}

extension AdvertisementConfig {
    /// The normalized form: generic keys first, then the announcer's options.
    package var rendered: RenderedValue {
        var entries = [
            RenderedEntry("name", .string(name)),
            RenderedEntry("announcer", .string(announcer)),
            RenderedEntry("pools", .strings(pools)),
        ]
        if case .mapping(let options) = options.configuration.rendered { entries += options }
        return .mapping(entries)
    }
}
