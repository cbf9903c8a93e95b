import Testing
@testable import IronLBBuiltins
@testable import IronLBCore
import IronLBPluginAPI

@Suite("Config diff")
struct ConfigDiffTests {
    let loader = ConfigLoader(registry: BuiltinPlugins.registry())

    func config(_ text: String) throws -> IronLBConfig {
        let result = loader.load(bytes: Array(text.utf8), file: "d.yaml")
        return try #require(result.config, "\(result.diagnostics.all)")
    }

    let base = """
    version: 1
    pools:
      - {name: a, addresses: [192.0.2.0/28]}
      - {name: b, addresses: [192.0.2.16/28]}
    announcers:
      dry-run: {}
    advertisements:
      - {name: ad, announcer: dry-run, pools: [a, b]}
    services:
      - {name: web, pool: a}
    """

    @Test("Identical files (comments and order of keys aside) give an empty diff")
    func unchanged() throws {
        let reordered = base.replacingOccurrences(of: "{name: a, addresses: [192.0.2.0/28]}", with: "{addresses: [192.0.2.0/28], name: a}") + "\n# a comment\n"
        #expect(ConfigDiff.between(try config(base), try config(reordered)).isEmpty)
    }

    @Test("Pools, announcers, advertisements and sources are diffed by name")
    func byName() throws {
        let edited = """
        version: 1
        pools:
          - {name: a, addresses: [192.0.2.0/27]}
          - {name: c, addresses: [198.51.100.0/28]}
        announcers:
          dry-run: {log-routes: false}
        advertisements:
          - {name: ad, announcer: dry-run, pools: [a, c]}
        services:
          - {name: web, pool: a}
          - {name: api, pool: c}
        logging: {level: debug}
        """
        let diff = ConfigDiff.between(try config(base), try config(edited))
        #expect(diff.pools == .init(added: ["c"], removed: ["b"], changed: ["a"]))
        #expect(diff.announcers == .init(added: [], removed: [], changed: ["dry-run"]))
        #expect(diff.advertisements == .init(added: [], removed: [], changed: ["ad"]))
        #expect(diff.sources == .init(added: [], removed: [], changed: ["static"]))
        #expect(diff.logLevelChanged)
        #expect(diff.unappliable.isEmpty)
        #expect(diff.summary == "pools +c -b ~a; announcers ~dry-run; advertisements ~ad; sources ~static; logging level")
    }

    @Test("Settings that cannot change live are listed with a reason")
    func unappliable() throws {
        let edited = base + "\ncontrol: {socket: /run/x.sock}\nstate-directory: /srv/ironlb\nnode: {name: other}\n"
        let diff = ConfigDiff.between(try config(base), try config(edited))
        #expect(diff.unappliable.count == 3)
        #expect(diff.unappliable.first?.hasPrefix("control.socket changed (/run/ironlb/control.sock → /run/x.sock)") == true)
    }
}
