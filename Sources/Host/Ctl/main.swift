import ArgumentParser
import IronLBBuiltins
import IronLBPluginAPI

/// `ironlbctl`: the operator's window into ironlbd.
struct IronLBCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ironlbctl",
        abstract: "Inspect and control ironlbd.",
        version: IronLBVersion.current,
        subcommands: [Validate.self]
    )

    /// `ironlbctl validate FILE`: the same check as `ironlbd validate`.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a configuration file (the same check as ironlbd validate).")

        @Argument(help: "The configuration file.")
        var file: String = "/etc/ironlb/ironlb.yaml"

        @Flag(name: .long, help: "Print the normalized configuration when it is valid.")
        var print = false

        func run() throws {
            let status = ConfigValidation.run(path: file, printNormalized: print)
            if status != 0 { throw ExitCode(status) }
        }
    }
}

IronLBCtl.main()
