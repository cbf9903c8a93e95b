package import IronLBCore
import BGPAnnouncer
import IronLBAllocators
import IronLBDryRun
import IronLBKubernetes
import IronLBStaticSource

/// The plugins compiled into ironlbd: the one list every registry of the daemon is built from.
package enum BuiltinPlugins {
    /// The registry of every built-in plugin.
    package static func registry() -> PluginRegistry {
        do {
            return try PluginRegistry(
                announcers: [DryRunAnnouncerPlugin.self, BGPAnnouncerPlugin.self],
                strategies: [
                    SequentialStrategyPlugin.self, RandomStrategyPlugin.self, HashStrategyPlugin.self,
                    StickyStrategyPlugin.self, BalancedStrategyPlugin.self,
                ],
                sources: [StaticSourcePlugin.self, KubernetesSourcePlugin.self]
            )
        } catch {
            // The list above is fixed at compile time; a duplicate is a programming error caught by tests.
            preconditionFailure("built-in plugin list is inconsistent: \(error)")
        }
    }
}
