package import ArgumentParser
import Logging

/// `ironlbd [run]`: runs the daemon in the foreground until SIGTERM or SIGINT.
package struct RunCommand: AsyncParsableCommand {
    package init() {}
    package static let configuration = CommandConfiguration(commandName: "run", abstract: "Run the daemon in the foreground (the default).")

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config: String = defaultConfigPath

    @Option(name: .long, help: "Where durable allocation state lives, overriding the configuration's state-directory (created if missing).")
    var stateDirectory: String?

    @Option(name: .long, help: "Log level, overriding the configuration: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String?

    @Option(name: .long, help: "Where logs go: journal (structured, under systemd), stderr, or auto (the journal when systemd connected stderr to it).")
    var logTarget: String = LogTarget.auto.rawValue

    package func validate() throws {
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("unknown log level '\(logLevel)'; use one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if LogTarget(rawValue: logTarget) == nil {
            throw ValidationError("unknown log target '\(logTarget)'; use one of \(LogTarget.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    package func run() async throws {
        var daemon = Daemon(
            configPath: config, logLevelOverride: logLevel.flatMap(Logger.Level.init(rawValue:)), stateDirectoryOverride: stateDirectory
        )
        daemon.logTarget = LogTarget(rawValue: logTarget) ?? .auto
        let status = await daemon.run()
        if status != 0 { throw ExitCode(status) }
    }
}
