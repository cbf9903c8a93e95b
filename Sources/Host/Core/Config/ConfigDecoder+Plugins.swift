import IronLBPluginAPI

extension ConfigDecoder {
    /// Decodes `announcers:`: each key names an announcer plugin, whose section it is.
    func decodeAnnouncers(_ node: ConfigNode?, context: ConfigContext, _ diagnostics: inout Diagnostics) -> [String: any PluginConfiguration] {
        guard let node, case .mapping(let entries) = node.kind else {
            if let node, !node.isNull { diagnostics.error(node, "expected a mapping of announcer names to their settings, found \(node.kindDescription)") }
            return [:]
        }
        var result: [String: any PluginConfiguration] = [:]
        for entry in entries {
            do {
                let descriptor = try registry.announcer(named: entry.name)
                if let section = descriptor.decode(entry.value, context, &diagnostics) { result[entry.name] = section }
            } catch {
                diagnostics.error(entry.key, error.description)
            }
        }
        return result
    }

    /// Decodes `advertisements:`: the host reads the generic keys, the announcer its own, and
    /// whatever nobody read is reported as unknown.
    func decodeAdvertisements(
        _ node: ConfigNode?,
        announcers: [String: any PluginConfiguration],
        context: ConfigContext,
        _ diagnostics: inout Diagnostics
    ) -> [AdvertisementConfig] {
        guard let node, let items = node.list(&diagnostics) else { return [] }
        var result: [AdvertisementConfig] = []
        var firstDefinition: [String: ConfigNode] = [:]
        for item in items {
            guard var mapping = ConfigMapping(item, &diagnostics) else { continue }
            let nameNode = mapping.require("name", &diagnostics)
            var name = nameNode?.name(&diagnostics)
            if let current = name, let nameNode {
                if let first = firstDefinition[current] {
                    diagnostics.error(nameNode, "duplicate advertisement name '\(current)' (first defined at \(first.location))")
                    name = nil
                } else {
                    firstDefinition[current] = nameNode
                }
            }
            var valid = name != nil
            let pools = mapping.require("pools", &diagnostics)?.list(&diagnostics) { item, diagnostics -> String? in
                guard let pool = item.name(&diagnostics) else { return nil }
                if context.pools[pool] == nil {
                    ServiceDeclaration.report(unknownPool: pool, at: item, context: context, &diagnostics)
                    return nil
                }
                return pool
            }
            if pools == nil { valid = false }
            guard let announcerNode = mapping.require("announcer", &diagnostics), let announcer = announcerNode.string(&diagnostics) else {
                continue  // the announcer's keys cannot be told from unknown ones, so don't finish
            }
            let descriptor: AnnouncerDescriptor
            do {
                descriptor = try registry.announcer(named: announcer)
            } catch {
                diagnostics.error(announcerNode, error.description)
                continue
            }
            if announcers[announcer] == nil {
                diagnostics.error(announcerNode, "announcer '\(announcer)' is not configured; add it under 'announcers:'")
                valid = false
            }
            let options = descriptor.decodeAdvertisement(&mapping, announcers[announcer], &diagnostics)
            mapping.finish(&diagnostics)
            guard valid, let name, let pools, let options else { continue }
            result.append(AdvertisementConfig(name: name, announcer: announcer, pools: pools, options: PluginSection(configuration: options)))
        }
        return result
    }

    /// Decodes every source's section: top-level ones (static `services:`) and those under `sources:`.
    func decodeSources(_ root: inout ConfigMapping, context: ConfigContext, _ diagnostics: inout Diagnostics) -> [String: PluginSection] {
        var result: [String: PluginSection] = [:]
        var nested: ConfigMapping?
        if let node = root.value("sources") { nested = ConfigMapping(node, &diagnostics) }
        for descriptor in registry.sources.values.sorted(by: { $0.name < $1.name }) {
            let node: ConfigNode?
            switch descriptor.sectionPath.count {
            case 1: node = root.value(descriptor.sectionPath[0])
            case 2 where descriptor.sectionPath[0] == "sources": node = nested?.value(descriptor.sectionPath[1])
            default: continue
            }
            if let configuration = descriptor.decode(node, context, &diagnostics), descriptor.isEnabled(configuration) {
                result[descriptor.name] = PluginSection(configuration: configuration)
            }
        }
        nested?.finish(&diagnostics)
        return result
    }

    /// Warnings for parts that are valid but probably not what the operator meant.
    func warnAboutUnusedParts(
        pools: [PoolConfig],
        announcers: [String: any PluginConfiguration],
        advertisements: [AdvertisementConfig],
        document: ConfigDocument,
        _ diagnostics: inout Diagnostics
    ) {
        guard case .mapping(let entries) = document.root.kind else { return }
        let advertised = Set(advertisements.flatMap(\.pools))
        // Without any announcer the operator is using IronLB for allocation only; don't nag.
        if !announcers.isEmpty, let poolsNode = entries.first(where: { $0.name == "pools" })?.value, case .sequence(let items) = poolsNode.kind {
            let valid = Set(pools.map(\.name))
            for item in items {
                guard case .mapping(let fields) = item.kind,
                      let name = fields.first(where: { $0.name == "name" })?.value.scalar?.text,
                      valid.contains(name), !advertised.contains(name) else { continue }
                diagnostics.warning(item, "pool '\(name)' is in no advertisement: its addresses are allocated but never announced")
            }
        }
        let used = Set(advertisements.map(\.announcer))
        if let announcersNode = entries.first(where: { $0.name == "announcers" })?.value, case .mapping(let sections) = announcersNode.kind {
            for section in sections where announcers[section.name] != nil && !used.contains(section.name) {
                diagnostics.warning(section.key, "announcer '\(section.name)' is in no advertisement and will announce nothing")
            }
        }
    }
}
