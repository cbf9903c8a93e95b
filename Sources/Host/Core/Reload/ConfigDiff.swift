package import IronLBPluginAPI

/// What changed between two valid configurations, keyed by kind and name — the plan of a reload.
package struct ConfigDiff: Sendable, Equatable {
    /// Added, removed and changed names of one kind.
    package struct Changes: Sendable, Equatable {
        package var added: [String] = []
        package var removed: [String] = []
        package var changed: [String] = []

        /// Whether nothing changed.
        package var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

        /// Compares two name-keyed collections.
        static func between<Value>(_ old: [String: Value], _ new: [String: Value], equal: (Value, Value) -> Bool) -> Changes {
            var changes = Changes()
            changes.added = new.keys.filter { old[$0] == nil }.sorted()
            changes.removed = old.keys.filter { new[$0] == nil }.sorted()
            changes.changed = new.keys.filter { key in old[key].map { !equal($0, new[key]!) } ?? false }.sorted()
            return changes
        }

        /// One line for logs: "+a -b ~c".
        var summary: String {
            (added.map { "+\($0)" } + removed.map { "-\($0)" } + changed.map { "~\($0)" }).joined(separator: " ")
        }
    }

    /// Pools.
    package var pools = Changes()
    /// Announcer instances: changed when their section or any advertisement they carry changed.
    package var announcers = Changes()
    /// Advertisements.
    package var advertisements = Changes()
    /// Service sources.
    package var sources = Changes()
    /// Whether the logging level changed.
    package var logLevelChanged = false
    /// Changes that cannot be applied while running, each with its reason.
    package var unappliable: [String] = []

    /// Whether anything at all changed.
    package var isEmpty: Bool {
        pools.isEmpty && announcers.isEmpty && advertisements.isEmpty && sources.isEmpty && !logLevelChanged && unappliable.isEmpty
    }

    /// Computes the diff from `old` to `new`.
    package static func between(_ old: IronLBConfig, _ new: IronLBConfig) -> ConfigDiff {
        var diff = ConfigDiff()
        diff.pools = .between(Dictionary(uniqueKeysWithValues: old.pools.map { ($0.name, $0) }),
                              Dictionary(uniqueKeysWithValues: new.pools.map { ($0.name, $0) }), equal: ==)
        diff.advertisements = .between(Dictionary(uniqueKeysWithValues: old.advertisements.map { ($0.name, $0) }),
                                       Dictionary(uniqueKeysWithValues: new.advertisements.map { ($0.name, $0) }), equal: ==)
        let oldSetups = old.announcerSetups, newSetups = new.announcerSetups
        diff.announcers = .between(oldSetups, newSetups) { $0.isEqual(to: $1) }
        diff.sources = .between(old.sources, new.sources, equal: ==)
        diff.logLevelChanged = old.logging.level != new.logging.level
        if old.control != new.control {
            diff.unappliable.append("control.socket changed (\(old.control.socket) → \(new.control.socket)); restart ironlbd to move the control socket")
        }
        if old.stateDirectory != new.stateDirectory {
            diff.unappliable.append("state-directory changed (\(old.stateDirectory) → \(new.stateDirectory)); restart ironlbd to move durable state")
        }
        if old.metrics != new.metrics {
            diff.unappliable.append("metrics changed; restart ironlbd to move the metrics listener")
        }
        if old.reload != new.reload {
            diff.unappliable.append("reload settings changed; restart ironlbd to change how the file is watched")
        }
        if old.node != new.node {
            diff.unappliable.append("node changed; restart ironlbd to change this node's identity")
        }
        return diff
    }

    /// One line for logs.
    package var summary: String {
        var parts: [String] = []
        if !pools.isEmpty { parts.append("pools \(pools.summary)") }
        if !announcers.isEmpty { parts.append("announcers \(announcers.summary)") }
        if !advertisements.isEmpty { parts.append("advertisements \(advertisements.summary)") }
        if !sources.isEmpty { parts.append("sources \(sources.summary)") }
        if logLevelChanged { parts.append("logging level") }
        return parts.isEmpty ? "no changes" : parts.joined(separator: "; ")
    }
}

extension IronLBConfig {
    /// Each configured announcer's whole setup: its section and the options of the advertisements it carries.
    package var announcerSetups: [String: AnnouncerSetup] {
        Dictionary(uniqueKeysWithValues: announcers.map { name, section in
            let options = Dictionary(uniqueKeysWithValues: advertisements.filter { $0.announcer == name }.map { ($0.name, $0.options.configuration) })
            return (name, AnnouncerSetup(section: section.configuration, advertisements: options))
        })
    }
}
