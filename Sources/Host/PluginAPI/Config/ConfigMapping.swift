/// Strict reading of one YAML mapping: every key a reader asks for becomes known, and
/// ``finish(_:)`` reports every other key as unknown, with the nearest known key suggested.
///
/// A plugin and the host can share one mapping (an advertisement's generic keys are the host's,
/// its attributes the announcer's): both read from the same value, and whoever finishes it reports
/// the keys nobody asked for.
public struct ConfigMapping: Sendable {
    /// The mapping node itself.
    public let node: ConfigNode
    private let entries: [ConfigNode.Entry]
    private var knownKeys: [String] = []

    /// Reads `node` as a mapping; null counts as an empty mapping. Reports and returns nil otherwise.
    public init?(_ node: ConfigNode, _ diagnostics: inout Diagnostics) {
        switch node.kind {
        case .mapping(let entries):
            self.node = node
            self.entries = entries
        case .scalar(let scalar) where scalar.isNull:
            self.node = node
            self.entries = []
        default:
            diagnostics.error(node, "expected a mapping, found \(node.kindDescription)")
            return nil
        }
    }

    /// The keys present, in document order.
    public var keys: [String] { entries.map(\.name) }

    /// Whether `key` is present (null values count as present).
    public func contains(_ key: String) -> Bool {
        entries.contains { $0.name == key }
    }

    /// The value of `key`, or nil when it is absent or null. Marks `key` as known.
    public mutating func value(_ key: String) -> ConfigNode? {
        declare(key)
        guard let entry = entries.first(where: { $0.name == key }), !entry.value.isNull else { return nil }
        return entry.value
    }

    /// The value of `key`; reports a missing required key at the mapping's position.
    public mutating func require(_ key: String, _ diagnostics: inout Diagnostics) -> ConfigNode? {
        if let value = value(key) { return value }
        if let entry = entries.first(where: { $0.name == key }) {
            diagnostics.error(entry.value, "'\(key)' must have a value")
        } else {
            diagnostics.error(node, "missing required key '\(key)'")
        }
        return nil
    }

    /// Marks keys as known without reading them (someone else reads them).
    public mutating func declare(_ keys: String...) {
        for key in keys where !knownKeys.contains(key) { knownKeys.append(key) }
    }

    /// Reports every key nobody asked for, with the nearest known key when one is close.
    public func finish(_ diagnostics: inout Diagnostics) {
        for entry in entries where !knownKeys.contains(entry.name) {
            let name = entry.name
            if let suggestion = KeySuggestion.nearest(to: name, among: knownKeys) {
                diagnostics.error(entry.key, "unknown key '\(name)'; did you mean '\(suggestion)'?")
            } else if knownKeys.isEmpty {
                diagnostics.error(entry.key, "unknown key '\(name)'; no keys are valid here")
            } else {
                let valid = knownKeys.sorted().map { "'\($0)'" }.joined(separator: ", ")
                diagnostics.error(entry.key, "unknown key '\(name)'; valid keys here: \(valid)")
            }
        }
    }
}
