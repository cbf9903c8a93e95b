import IronLBPluginAPI

extension ConfigDecoder {
    /// Decodes `pools:`: names unique, addresses valid and not overlapping anywhere, strategies known.
    ///
    /// Returns the valid pools, and every named pool with the addresses that parsed, so references to a
    /// pool that has an error elsewhere are not reported a second time as unknown.
    func decodePools(_ node: ConfigNode?, _ diagnostics: inout Diagnostics) -> (pools: [PoolConfig], named: [String: [IPRange]]) {
        guard let node, let items = node.list(&diagnostics) else { return ([], [:]) }
        var pools: [PoolConfig] = []
        var named: [String: [IPRange]] = [:]
        var firstDefinition: [String: ConfigNode] = [:]
        var blocks: [(range: IPRange, pool: String, node: ConfigNode)] = []
        for item in items {
            guard var mapping = ConfigMapping(item, &diagnostics) else { continue }
            defer { mapping.finish(&diagnostics) }
            let nameNode = mapping.require("name", &diagnostics)
            var name = nameNode?.name(&diagnostics)
            if let current = name, let nameNode {
                if let first = firstDefinition[current] {
                    diagnostics.error(nameNode, "duplicate pool name '\(current)' (first defined at \(first.location))")
                    name = nil
                } else {
                    firstDefinition[current] = nameNode
                }
            }
            var addresses: [IPRange] = []
            if let addressesNode = mapping.require("addresses", &diagnostics), let entries = addressesNode.list(&diagnostics) {
                if entries.isEmpty { diagnostics.error(addressesNode, "a pool needs at least one address range") }
                for entry in entries {
                    guard let range = entry.addressRange(&diagnostics) else { continue }
                    addresses.append(range)
                    blocks.append((range, name ?? "", entry))
                }
            }
            if let name { named[name] = addresses }
            let (strategy, options) = decodeStrategy(mapping.value("strategy"), &diagnostics)
            var pool = PoolConfig(
                name: name ?? "", addresses: addresses, strategy: strategy,
                strategyOptions: PluginSection(configuration: options ?? EmptyConfiguration())
            )
            pool.autoAssign = mapping.value("auto-assign")?.bool(&diagnostics) ?? true
            pool.avoidBuggyIPs = mapping.value("avoid-buggy-ips")?.bool(&diagnostics) ?? false
            pool.reserved = mapping.value("reserved")?.list(&diagnostics) { entry, diagnostics -> IPRange? in
                guard let range = entry.addressRange(&diagnostics) else { return nil }
                if !addresses.contains(where: { $0.overlaps(range) }) {
                    diagnostics.warning(entry, "reserved \(range) is outside the pool's addresses and has no effect")
                }
                return range
            } ?? []
            pool.priority = mapping.value("priority")?.integer(in: -1000...1000, &diagnostics) ?? 0
            pool.namespaces = mapping.value("namespaces")?.list(&diagnostics) { $0.name(&$1) } ?? []
            if let selector = mapping.value("service-selector") {
                pool.serviceSelector = LabelSelector.decode(selector, &diagnostics) ?? .everything
            }
            pool.draining = mapping.value("draining")?.bool(&diagnostics) ?? false
            if let policy = mapping.value("orphans")?.choice(OrphanPolicy.allCases.map(\.rawValue), &diagnostics) {
                pool.orphans = OrphanPolicy(rawValue: policy) ?? .keep
            }
            if name != nil, options != nil { pools.append(pool) }
        }
        reportOverlaps(blocks, &diagnostics)
        return (pools, named)
    }

    /// `strategy: NAME` or `strategy: {type: NAME, …options}`; defaults to sequential.
    private func decodeStrategy(_ node: ConfigNode?, _ diagnostics: inout Diagnostics) -> (String, (any PluginConfiguration)?) {
        guard let node else {
            guard let descriptor = try? registry.strategy(named: "sequential") else { return ("sequential", EmptyConfiguration()) }
            var none: ConfigMapping? = nil
            return ("sequential", descriptor.decode(&none, &diagnostics))
        }
        var mapping: ConfigMapping?
        let typeNode: ConfigNode?
        if node.scalar != nil {
            typeNode = node
        } else {
            mapping = ConfigMapping(node, &diagnostics)
            typeNode = mapping?.require("type", &diagnostics)
        }
        guard let typeNode, let name = typeNode.string(&diagnostics) else { return ("", nil) }
        let descriptor: StrategyDescriptor
        do {
            descriptor = try registry.strategy(named: name)
        } catch {
            diagnostics.error(typeNode, error.description)
            return (name, nil)
        }
        let options = descriptor.decode(&mapping, &diagnostics)
        mapping?.finish(&diagnostics)
        return (name, options)
    }

    /// Reports every pair of overlapping address blocks, within a pool or across pools.
    private func reportOverlaps(_ blocks: [(range: IPRange, pool: String, node: ConfigNode)], _ diagnostics: inout Diagnostics) {
        let sorted = blocks.sorted { ($0.range.first, $0.range.last) < ($1.range.first, $1.range.last) }
        var widest: (range: IPRange, pool: String, node: ConfigNode)?
        for block in sorted {
            if let previous = widest, previous.range.overlaps(block.range) {
                let (earlier, later) = (previous.node.location.line, previous.node.location.column) <= (block.node.location.line, block.node.location.column)
                    ? (previous, block) : (block, previous)
                let owner = earlier.pool == later.pool ? "the same pool" : "pool '\(earlier.pool)'"
                diagnostics.error(later.node, "\(later.range) overlaps \(earlier.range) of \(owner) (\(earlier.node.location))")
            }
            if widest == nil || widest!.range.family != block.range.family || block.range.last > widest!.range.last {
                widest = block
            }
        }
    }
}
