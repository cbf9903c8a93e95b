/// Collects every problem of one validation pass, so the operator sees them all at once.
public struct Diagnostics: Error, Sendable, Equatable {
    /// Everything reported so far, in the order it was found.
    public private(set) var all: [Diagnostic] = []

    /// Creates an empty collection.
    public init() {}

    /// Whether any error (not just warnings) was reported.
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// The errors only.
    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }

    /// The warnings only.
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }

    /// Reports an error about `node`.
    public mutating func error(_ node: ConfigNode, _ message: String) {
        all.append(Diagnostic(severity: .error, location: node.location, path: node.path, message: message))
    }

    /// Reports a warning about `node`.
    public mutating func warning(_ node: ConfigNode, _ message: String) {
        all.append(Diagnostic(severity: .warning, location: node.location, path: node.path, message: message))
    }

    /// Adds a ready-made diagnostic.
    public mutating func append(_ diagnostic: Diagnostic) {
        all.append(diagnostic)
    }

    /// Adds everything from another collection.
    public mutating func append(contentsOf other: Diagnostics) {
        all.append(contentsOf: other.all)
    }

    /// The diagnostics sorted by file position, then path, for stable output.
    public var sorted: [Diagnostic] {
        all.enumerated().sorted { lhs, rhs in
            let (l, r) = (lhs.element, rhs.element)
            if l.location.file != r.location.file { return l.location.file < r.location.file }
            if l.location.line != r.location.line { return l.location.line < r.location.line }
            if l.location.column != r.location.column { return l.location.column < r.location.column }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}
