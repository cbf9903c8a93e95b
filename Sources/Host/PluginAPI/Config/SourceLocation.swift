/// A position in a configuration file: what every diagnostic points at.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file as the operator named it (never made absolute behind their back).
    public var file: String
    /// Line number, starting from 1.
    public var line: Int
    /// Column number, starting from 1, counted in Unicode scalars as libyaml does.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `FILE:LINE:COLUMN`, the form compilers use and editors jump to.
    public var description: String { "\(file):\(line):\(column)" }
}
