/// Where a value sits in the configuration tree, e.g. `pools[0].addresses[2]`.
public struct ConfigPath: Hashable, Sendable, CustomStringConvertible {
    /// One step down the tree.
    public enum Component: Hashable, Sendable {
        /// A mapping key.
        case key(String)
        /// A sequence index.
        case index(Int)
    }

    /// The steps from the document root.
    public var components: [Component]

    /// The document root.
    public static let root = ConfigPath(components: [])

    /// Creates a path from its components.
    public init(components: [Component]) {
        self.components = components
    }

    /// This path extended by a mapping key.
    public func appending(key: String) -> ConfigPath {
        ConfigPath(components: components + [.key(key)])
    }

    /// This path extended by a sequence index.
    public func appending(index: Int) -> ConfigPath {
        ConfigPath(components: components + [.index(index)])
    }

    /// The dotted form; the root prints as `(root)`.
    public var description: String {
        if components.isEmpty { return "(root)" }
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += key
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }
}
