package import IronLBCore
import IronLBPluginAPI
import IronLBStaticSource
import Foundation

/// The validation that `ironlbd validate` and `ironlbctl validate` share, output included.
package enum ConfigValidation {
    /// What a validation run prints and returns.
    package struct Report: Sendable, Equatable {
        /// 0 when valid, 1 when not.
        package var status: Int32
        /// Standard output: the summary line, or the normalized configuration.
        package var output: String
        /// Standard error: every diagnostic, then (when invalid) a count.
        package var errors: String
    }

    /// Validates the file at `path` and prints the report; returns the exit status.
    package static func run(path: String, printNormalized: Bool) -> Int32 {
        let report = validate(path: path, printNormalized: printNormalized)
        FileHandle.standardError.write(Data(report.errors.utf8))
        print(report.output, terminator: "")
        return report.status
    }

    /// Validates the file at `path` without printing anything.
    package static func validate(path: String, printNormalized: Bool = false, registry: PluginRegistry = BuiltinPlugins.registry()) -> Report {
        let result = ConfigLoader(registry: registry).load(path: path)
        var errors = result.diagnostics.sorted.map { $0.description + "\n" }.joined()
        guard let config = result.config else {
            let errorCount = result.diagnostics.errors.count, warnings = result.diagnostics.warnings.count
            errors += "\(path): invalid: \(plural(errorCount, "error"))\(warnings > 0 ? ", \(plural(warnings, "warning"))" : "")\n"
            return Report(status: 1, output: "", errors: errors)
        }
        let output = printNormalized ? config.normalizedYAML : summary(config, warnings: result.diagnostics.warnings.count) + "\n"
        return Report(status: 0, output: output, errors: errors)
    }

    /// The one-line summary of a valid configuration.
    package static func summary(_ config: IronLBConfig, warnings: Int) -> String {
        let services = (config.sources[StaticSourcePlugin.name]?.configuration as? StaticServices)?.services.count ?? 0
        let announcerNames = config.announcers.keys.sorted().joined(separator: ", ")
        var parts = [
            plural(config.pools.count, "pool"),
            plural(config.announcers.count, "announcer") + (config.announcers.isEmpty ? "" : " (\(announcerNames))"),
            plural(config.advertisements.count, "advertisement"),
            plural(services, "static service"),
        ]
        if warnings > 0 { parts.append(plural(warnings, "warning")) }
        return "\(config.file): valid: \(parts.joined(separator: ", "))"
    }

    private static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
