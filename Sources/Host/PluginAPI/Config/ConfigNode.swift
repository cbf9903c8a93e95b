/// A node of the parsed configuration document, carrying its position and key path.
///
/// The host builds this tree from YAML once; plugins read their own sections from it with
/// ``ConfigMapping`` and the typed accessors in `ConfigNode+Scalars.swift`, so every problem they find
/// is reported with the same `file:line:column` and key path as the host's own.
public struct ConfigNode: Sendable {
    /// A scalar as written: its text, and whether it was quoted.
    public struct Scalar: Sendable, Hashable {
        /// The scalar's text after YAML unescaping.
        public var text: String
        /// Whether the scalar was quoted (`"80"` is a string, `80` is a number).
        public var isQuoted: Bool

        /// Creates a scalar.
        public init(text: String, isQuoted: Bool) {
            self.text = text
            self.isQuoted = isQuoted
        }

        /// Whether this is YAML's null (`~`, `null`, or nothing at all).
        public var isNull: Bool {
            !isQuoted && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL")
        }
    }

    /// One key/value pair of a mapping, in document order.
    public struct Entry: Sendable {
        /// The key node (its position is where "unknown key" points).
        public var key: ConfigNode
        /// The value node.
        public var value: ConfigNode

        /// Creates an entry.
        public init(key: ConfigNode, value: ConfigNode) {
            self.key = key
            self.value = value
        }

        /// The key's text.
        public var name: String { key.scalar?.text ?? "" }
    }

    /// What kind of node this is.
    public enum Kind: Sendable {
        /// A string, number, boolean or null, as text.
        case scalar(Scalar)
        /// A YAML sequence.
        case sequence([ConfigNode])
        /// A YAML mapping whose keys are scalars.
        case mapping([Entry])
    }

    /// The node's content.
    public var kind: Kind
    /// Where the node starts in the file.
    public var location: SourceLocation
    /// Where the node sits in the tree.
    public var path: ConfigPath

    /// Creates a node.
    public init(kind: Kind, location: SourceLocation, path: ConfigPath) {
        self.kind = kind
        self.location = location
        self.path = path
    }

    /// The scalar, if this node is one.
    public var scalar: Scalar? {
        if case .scalar(let scalar) = kind { return scalar }
        return nil
    }

    /// Whether this node is YAML's null.
    public var isNull: Bool { scalar?.isNull ?? false }

    /// A short description of the node's kind for error messages: "a mapping", "a list", "null", `"text"`.
    public var kindDescription: String {
        switch kind {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            if scalar.isNull { return "null" }
            let text = scalar.text.count > 40 ? String(scalar.text.prefix(40)) + "…" : scalar.text
            return "\"\(text)\""
        }
    }
}
