package import IronLBPluginAPI
import Yams

/// A configuration file parsed into a positioned tree, or the reason it could not be.
package struct ConfigDocument: Sendable {
    /// The file name used in diagnostics.
    package var file: String
    /// The document root.
    package var root: ConfigNode

    /// Parses YAML text. A syntax error stops parsing (YAML cannot be read past it), so it yields one
    /// diagnostic; everything after parsing reports all problems at once.
    package static func parse(_ text: String, file: String, limits: ConfigLimits = .standard) -> Result<ConfigDocument, Diagnostics> {
        var diagnostics = Diagnostics()
        func fail(_ line: Int, _ column: Int, _ message: String) -> Result<ConfigDocument, Diagnostics> {
            diagnostics.append(Diagnostic(severity: .error, location: SourceLocation(file: file, line: line, column: column), path: .root, message: message))
            return .failure(diagnostics)
        }
        let node: Node?
        do {
            // The basic resolver: every plain scalar stays text (the decoders read scalars
            // themselves), so Yams's duplicate-key check compares keys as written instead of
            // matching each one against the default resolver's regular expressions, which was a
            // third of the time to read a file with 10,000 services.
            node = try Parser(yaml: text, resolver: .basic).singleRoot()
        } catch let error as YamlError {
            let (position, message) = describe(error)
            return fail(position.line, position.column, explainTab(message, text: text, at: position))
        } catch {
            return fail(1, 1, "cannot parse YAML: \(error)")
        }
        guard let node else {
            return fail(1, 1, "the file is empty; expected a mapping that starts with 'version: 1'")
        }
        var converter = Converter(file: file, limits: limits)
        guard let root = converter.convert(node, path: .root, depth: 0) else {
            diagnostics.append(converter.failure!)
            return .failure(diagnostics)
        }
        return .success(ConfigDocument(file: file, root: root))
    }

    /// The position and a one-line message of a Yams error.
    private static func describe(_ error: YamlError) -> (Position, String) {
        func join(_ context: YamlError.Context?, _ problem: String) -> String {
            guard let context, !context.text.isEmpty else { return "YAML syntax error: \(problem)" }
            return "YAML syntax error: \(problem) (\(context.text) at \(context.mark))"
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return (Position(mark), join(context, problem))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return (Position(context.mark), "key \(keys) appears more than once in this mapping (first occurrence here)")
        case .reader(let problem, let offset, _, _):
            return (Position(line: 1, column: (offset ?? 0) + 1), "cannot read the file: \(problem)")
        default:
            return (Position(line: 1, column: 1), "cannot parse YAML: \(error)")
        }
    }

    /// libyaml's message for a tab in indentation is cryptic; say what it is.
    private static func explainTab(_ message: String, text: String, at mark: Position) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count else { return message }
        let line = lines[mark.line - 1]
        let scalars = Array(line.unicodeScalars)
        let index = mark.column - 1
        if (index >= 0 && index < scalars.count && scalars[index] == "\t")
            || (line.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.contains("\t")) {
            return "tab characters cannot indent YAML; use spaces (\(message))"
        }
        return message
    }
}

/// A line and column, both from 1.
private struct Position {
    var line: Int
    var column: Int

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    init(_ mark: Mark) {
        self.init(line: mark.line, column: mark.column)
    }
}

/// Turns Yams nodes into positioned config nodes, within the node and depth limits.
private struct Converter {
    let file: String
    let limits: ConfigLimits
    var nodes = 0
    var failure: Diagnostic?

    init(file: String, limits: ConfigLimits) {
        self.file = file
        self.limits = limits
    }

    mutating func convert(_ node: Node, path: ConfigPath, depth: Int) -> ConfigNode? {
        let mark = node.mark.map(Position.init) ?? Position(line: 1, column: 1)
        let location = SourceLocation(file: file, line: mark.line, column: mark.column)
        nodes += 1
        if nodes > limits.maxNodes {
            fail(location, path, "the document expands to more than \(limits.maxNodes) nodes (counting YAML alias expansions); this is the loader's limit")
            return nil
        }
        if depth > limits.maxDepth {
            fail(location, path, "nesting deeper than \(limits.maxDepth) levels is not accepted")
            return nil
        }
        switch node {
        case .scalar(let scalar):
            let quoted = scalar.style != .plain && scalar.style != .any
            return ConfigNode(kind: .scalar(.init(text: scalar.string, isQuoted: quoted)), location: location, path: path)
        case .sequence(let sequence):
            var items: [ConfigNode] = []
            items.reserveCapacity(sequence.count)
            for (index, item) in sequence.enumerated() {
                guard let converted = convert(item, path: path.appending(index: index), depth: depth + 1) else { return nil }
                items.append(converted)
            }
            return ConfigNode(kind: .sequence(items), location: location, path: path)
        case .mapping(let mapping):
            var entries: [ConfigNode.Entry] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    let keyMark = key.mark.map(Position.init) ?? mark
                    fail(SourceLocation(file: file, line: keyMark.line, column: keyMark.column), path, "mapping keys must be plain strings, not lists or mappings")
                    return nil
                }
                let name = keyScalar.string
                let keyMark = keyScalar.mark.map(Position.init) ?? mark
                let keyLocation = SourceLocation(file: file, line: keyMark.line, column: keyMark.column)
                if name == "<<" {
                    fail(keyLocation, path, "YAML merge keys (<<) are not supported; write the keys out")
                    return nil
                }
                let keyPath = path.appending(key: name)
                let keyNode = ConfigNode(kind: .scalar(.init(text: name, isQuoted: false)), location: keyLocation, path: keyPath)
                guard let valueNode = convert(value, path: keyPath, depth: depth + 1) else { return nil }
                entries.append(ConfigNode.Entry(key: keyNode, value: valueNode))
            }
            return ConfigNode(kind: .mapping(entries), location: location, path: path)
        case .alias:
            fail(location, path, "unresolved YAML alias")
            return nil
        }
    }

    mutating func fail(_ location: SourceLocation, _ path: ConfigPath, _ message: String) {
        if failure == nil {
            failure = Diagnostic(severity: .error, location: location, path: path, message: message)
        }
    }
}
