import ArgumentParser
import IronLBDaemon
import IronLBPluginAPI

/// `ironlbd`: the IronLB daemon. Runs by default; `validate` checks a configuration file.
@main
struct IronLBD: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ironlbd",
        abstract: "IronLB: external addresses for bare-metal services, announced to routers.",
        version: IronLBVersion.current,
        subcommands: [RunCommand.self, ValidateCommand.self, PluginsCommand.self],
        defaultSubcommand: RunCommand.self
    )
}
