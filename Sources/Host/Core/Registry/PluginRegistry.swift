package import IronLBPluginAPI

/// A registry problem: a duplicate or unknown plugin name, with the names that are known.
package struct RegistryError: Error, Sendable, Equatable, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}

/// Every plugin the daemon can use, by kind and name. A value built once from a list of built-in
/// plugins (compile-time registration); tests build their own with test plugins.
package struct PluginRegistry: Sendable {
    package private(set) var announcers: [String: AnnouncerDescriptor] = [:]
    package private(set) var strategies: [String: StrategyDescriptor] = [:]
    package private(set) var sources: [String: SourceDescriptor] = [:]

    /// Builds a registry; a name registered twice within a kind is an error.
    package init(
        announcers: [any AnnouncerPlugin.Type],
        strategies: [any AllocationStrategyPlugin.Type],
        sources: [any ServiceSourcePlugin.Type]
    ) throws(RegistryError) {
        for plugin in announcers {
            let descriptor = AnnouncerDescriptor(plugin)
            guard self.announcers[descriptor.name] == nil else { throw Self.duplicate("announcer", descriptor.name, self.announcers.keys) }
            self.announcers[descriptor.name] = descriptor
        }
        for plugin in strategies {
            let descriptor = StrategyDescriptor(plugin)
            guard self.strategies[descriptor.name] == nil else { throw Self.duplicate("allocation strategy", descriptor.name, self.strategies.keys) }
            self.strategies[descriptor.name] = descriptor
        }
        for plugin in sources {
            let descriptor = SourceDescriptor(plugin)
            guard self.sources[descriptor.name] == nil else { throw Self.duplicate("service source", descriptor.name, self.sources.keys) }
            self.sources[descriptor.name] = descriptor
        }
    }

    /// The announcer named `name`, or an error listing the known announcers.
    package func announcer(named name: String) throws(RegistryError) -> AnnouncerDescriptor {
        guard let descriptor = announcers[name] else { throw Self.unknown("announcer", name, announcers.keys) }
        return descriptor
    }

    /// The strategy named `name`, or an error listing the known strategies.
    package func strategy(named name: String) throws(RegistryError) -> StrategyDescriptor {
        guard let descriptor = strategies[name] else { throw Self.unknown("allocation strategy", name, strategies.keys) }
        return descriptor
    }

    /// The source named `name`, or an error listing the known sources.
    package func source(named name: String) throws(RegistryError) -> SourceDescriptor {
        guard let descriptor = sources[name] else { throw Self.unknown("service source", name, sources.keys) }
        return descriptor
    }

    private static func duplicate(_ kind: String, _ name: String, _ known: Dictionary<String, some Any>.Keys) -> RegistryError {
        RegistryError(message: "\(kind) '\(name)' is registered twice; registered \(kind)s: \(known.sorted().joined(separator: ", "))")
    }

    private static func unknown(_ kind: String, _ name: String, _ known: Dictionary<String, some Any>.Keys) -> RegistryError {
        let names = known.sorted()
        let hint = KeySuggestion.nearest(to: name, among: names).map { "; did you mean '\($0)'?" } ?? ""
        return RegistryError(message: "unknown \(kind) '\(name)'\(hint) (known: \(names.isEmpty ? "none" : names.joined(separator: ", ")))")
    }
}
