import IronLBCore
import IronLBPluginAPI

/// Decodes a strategy's options from YAML text the way the host does for `strategy: {type: …, …}`.
enum PluginHarness {
    static func run<P: AllocationStrategyPlugin>(_ plugin: P.Type, _ yaml: String) -> (P.Options?, [String]) {
        guard case .success(let document) = ConfigDocument.parse(yaml, file: "t.yaml") else { return (nil, ["unparsable"]) }
        var diagnostics = Diagnostics()
        var mapping = ConfigMapping(document.root, &diagnostics)
        mapping?.declare("type")
        let options = P.decode(options: &mapping, &diagnostics)
        mapping?.finish(&diagnostics)
        return (options, diagnostics.errors.map(\.message))
    }

    static func decode<P: AllocationStrategyPlugin>(_ plugin: P.Type, _ yaml: String) -> P.Options? {
        let (options, errors) = run(plugin, yaml)
        return errors.isEmpty ? options : nil
    }

    static func errors<P: AllocationStrategyPlugin>(_ plugin: P.Type, _ yaml: String) -> [String] {
        run(plugin, yaml).1
    }
}
