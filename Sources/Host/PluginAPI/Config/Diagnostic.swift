/// One problem found in a configuration file, positioned so an operator can jump to it.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// How bad the problem is.
    public enum Severity: String, Hashable, Sendable, Comparable {
        /// The configuration cannot be used.
        case error
        /// The configuration works, but probably not as the operator meant.
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    /// Error or warning.
    public var severity: Severity
    /// Where in the file.
    public var location: SourceLocation
    /// Where in the tree.
    public var path: ConfigPath
    /// What is wrong, in words an operator understands.
    public var message: String

    /// Creates a diagnostic.
    public init(severity: Severity, location: SourceLocation, path: ConfigPath, message: String) {
        self.severity = severity
        self.location = location
        self.path = path
        self.message = message
    }

    /// `FILE:LINE:COLUMN: error: <key path>: <message>`.
    public var description: String {
        "\(location): \(severity.rawValue): \(path): \(message)"
    }
}
