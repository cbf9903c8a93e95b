package import IronLBPluginAPI
import Foundation

/// The result of loading a configuration file: the configuration when it is valid, and every
/// diagnostic (errors and warnings) either way.
package struct ConfigLoadResult: Sendable {
    /// The validated configuration; nil when any error was found.
    package var config: IronLBConfig?
    /// Everything found, errors and warnings.
    package var diagnostics: Diagnostics
}

/// Reads, parses and validates a configuration file. Reading the file is its only I/O.
package struct ConfigLoader: Sendable {
    package let decoder: ConfigDecoder
    package let limits: ConfigLimits

    /// Creates a loader for the plugins in `registry`.
    package init(registry: PluginRegistry, limits: ConfigLimits = .standard) {
        self.decoder = ConfigDecoder(registry: registry)
        self.limits = limits
    }

    /// Loads the file at `path`; `displayName` is what diagnostics call it (the path by default).
    package func load(path: String, displayName: String? = nil) -> ConfigLoadResult {
        let name = displayName ?? path
        switch Self.read(path: path, limit: limits.maxFileBytes) {
        case .success(let bytes):
            return load(bytes: bytes, file: name)
        case .failure(let failure):
            let message = failure.description
            var diagnostics = Diagnostics()
            diagnostics.append(Diagnostic(severity: .error, location: SourceLocation(file: name, line: 1, column: 1), path: .root, message: message))
            return ConfigLoadResult(config: nil, diagnostics: diagnostics)
        }
    }

    /// Loads configuration from bytes already read.
    package func load(bytes: [UInt8], file: String) -> ConfigLoadResult {
        let text: String
        switch ConfigText.decode(bytes, file: file, limits: limits) {
        case .success(let decoded): text = decoded
        case .failure(let diagnostic):
            var diagnostics = Diagnostics()
            diagnostics.append(diagnostic)
            return ConfigLoadResult(config: nil, diagnostics: diagnostics)
        }
        switch ConfigDocument.parse(text, file: file, limits: limits) {
        case .failure(let diagnostics):
            return ConfigLoadResult(config: nil, diagnostics: diagnostics)
        case .success(let document):
            let (config, diagnostics) = decoder.decode(document)
            return ConfigLoadResult(config: config, diagnostics: diagnostics)
        }
    }

    /// Reads at most `limit + 1` bytes, so an oversized file is detected without reading all of it.
    private static func read(path: String, limit: Int) -> Result<[UInt8], ReadFailure> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(ReadFailure("cannot read the configuration: no such file"))
        }
        if isDirectory.boolValue { return .failure(ReadFailure("cannot read the configuration: it is a directory")) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(ReadFailure("cannot read the configuration: permission denied or unreadable"))
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            return .success([UInt8](data))
        } catch {
            return .failure(ReadFailure("cannot read the configuration: \(error.localizedDescription)"))
        }
    }

    private struct ReadFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
