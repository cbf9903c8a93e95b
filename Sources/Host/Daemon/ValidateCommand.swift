package import ArgumentParser
import IronLBBuiltins
import IronLBCore
import IronLBPluginAPI

/// `ironlbd validate`: checks a configuration file and does nothing else (no I/O beyond reading it).
package struct ValidateCommand: ParsableCommand {
    package init() {}
    package static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a configuration file; print every problem as FILE:LINE:COLUMN and exit 1 if there is an error."
    )

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config: String = defaultConfigPath

    @Flag(name: .long, help: "Print the normalized configuration when it is valid.")
    var print = false

    package func run() throws {
        let status = ConfigValidation.run(path: config, printNormalized: print)
        if status != 0 { throw ExitCode(status) }
    }
}

/// `ironlbd plugins`: lists the built-in plugins.
package struct PluginsCommand: ParsableCommand {
    package init() {}
    package static let configuration = CommandConfiguration(commandName: "plugins", abstract: "List the built-in plugins.")

    package func run() {
        let registry = BuiltinPlugins.registry()
        Swift.print("announcers:")
        for plugin in registry.announcers.values.sorted(by: { $0.name < $1.name }) { Swift.print("  \(plugin.name)  \(plugin.summary)") }
        Swift.print("allocation strategies:")
        for plugin in registry.strategies.values.sorted(by: { $0.name < $1.name }) { Swift.print("  \(plugin.name)  \(plugin.summary)") }
        Swift.print("service sources:")
        for plugin in registry.sources.values.sorted(by: { $0.name < $1.name }) { Swift.print("  \(plugin.name)  \(plugin.summary)") }
    }
}
