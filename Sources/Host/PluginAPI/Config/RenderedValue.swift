/// The normalized form of configuration, printed by `ironlbd validate --print` and `ironlbctl config`.
///
/// Every plugin renders its configuration into this tree; the host emits it as YAML. A rendered
/// configuration parses back into an equal model (the golden tests prove it).
public indirect enum RenderedValue: Sendable, Equatable {
    /// A string, emitted quoted when YAML would read it as something else.
    case string(String)
    /// An integer.
    case integer(Int)
    /// A boolean.
    case bool(Bool)
    /// A list.
    case list([RenderedValue])
    /// A mapping, in the given key order.
    case mapping([RenderedEntry])

    /// A duration in the configuration's notation.
    public static func duration(_ value: Duration) -> RenderedValue {
        .string(ConfigDuration.format(value))
    }

    /// A list of strings.
    public static func strings(_ values: [String]) -> RenderedValue {
        .list(values.map { .string($0) })
    }
}

/// One key of a rendered mapping.
public struct RenderedEntry: Sendable, Equatable {
    /// The key.
    public var key: String
    /// The value.
    public var value: RenderedValue

    /// Creates an entry.
    public init(_ key: String, _ value: RenderedValue) {
        self.key = key
        self.value = value
    }
}
