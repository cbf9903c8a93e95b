/// A plugin's decoded configuration: comparable (so a reload can tell what changed) and
/// printable in normalized form.
public protocol PluginConfiguration: Sendable, Equatable {
    /// The normalized form of this configuration, as a mapping.
    var rendered: RenderedValue { get }
}

extension PluginConfiguration {
    /// Whether `other` is a configuration of the same type with the same content.
    public func isEqual(to other: any PluginConfiguration) -> Bool {
        (other as? Self) == self
    }
}

/// The configuration of a plugin that has no settings.
public struct EmptyConfiguration: PluginConfiguration {
    /// Creates the empty configuration.
    public init() {}
    /// An empty mapping.
    public var rendered: RenderedValue { .mapping([]) }
}
