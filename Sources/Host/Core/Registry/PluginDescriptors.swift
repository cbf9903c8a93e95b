package import IronLBPluginAPI

/// An announcer plugin with its type erased, so the registry can hold many kinds in one table.
package struct AnnouncerDescriptor: Sendable {
    package let name: String
    package let summary: String
    package let decode: @Sendable (ConfigNode, ConfigContext, inout Diagnostics) -> (any PluginConfiguration)?
    package let decodeAdvertisement: @Sendable (inout ConfigMapping, (any PluginConfiguration)?, inout Diagnostics) -> (any PluginConfiguration)?
    package let make: @Sendable (AnnouncerSetup, PluginContext) throws -> any Announcer

    /// Erases `plugin`.
    package init<P: AnnouncerPlugin>(_ plugin: P.Type) {
        name = P.name
        summary = P.summary
        decode = { node, context, diagnostics in P.decode(section: node, context: context, &diagnostics) }
        decodeAdvertisement = { mapping, section, diagnostics in
            P.decodeAdvertisement(&mapping, announcer: section as? P.Configuration, &diagnostics)
        }
        make = { setup, context in try P.make(setup: setup, context: context) }
    }
}

/// An allocation strategy plugin with its type erased.
package struct StrategyDescriptor: Sendable {
    package let name: String
    package let summary: String
    package let decode: @Sendable (inout ConfigMapping?, inout Diagnostics) -> (any PluginConfiguration)?
    package let make: @Sendable (any PluginConfiguration) -> (any AllocationStrategy)?

    /// Erases `plugin`.
    package init<P: AllocationStrategyPlugin>(_ plugin: P.Type) {
        name = P.name
        summary = P.summary
        decode = { mapping, diagnostics in P.decode(options: &mapping, &diagnostics) }
        make = { options in (options as? P.Options).map(P.make(options:)) }
    }
}

/// A service source plugin with its type erased.
package struct SourceDescriptor: Sendable {
    package let name: String
    package let summary: String
    package let sectionPath: [String]
    package let decode: @Sendable (ConfigNode?, ConfigContext, inout Diagnostics) -> (any PluginConfiguration)?
    package let isEnabled: @Sendable (any PluginConfiguration) -> Bool
    package let make: @Sendable (any PluginConfiguration, any ServiceIntentSink, PluginContext) throws -> any ServiceSource

    /// Erases `plugin`.
    package init<P: ServiceSourcePlugin>(_ plugin: P.Type) {
        name = P.name
        summary = P.summary
        sectionPath = P.sectionPath
        decode = { node, context, diagnostics in P.decode(section: node, context: context, &diagnostics) }
        isEnabled = { configuration in (configuration as? P.Configuration).map(P.isEnabled) ?? false }
        make = { configuration, sink, context in
            guard let typed = configuration as? P.Configuration else {
                throw RegistryError(message: "source '\(P.name)' was given a configuration of another plugin")
            }
            return try P.make(configuration: typed, sink: sink, context: context)
        }
    }
}
