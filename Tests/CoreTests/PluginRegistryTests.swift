import Testing
@testable import IronLBCore
import IronLBAllocators
import IronLBPluginAPI
import IronLBStaticSource

@Suite("Plugin registry")
struct PluginRegistryTests {
    @Test("A duplicate plugin name is an error that lists the registered names")
    func duplicateName() {
        #expect(throws: RegistryError(message: "announcer 'recording' is registered twice; registered announcers: recording")) {
            try PluginRegistry(announcers: [RecordingAnnouncerPlugin.self, DuplicateRecordingPlugin.self], strategies: [], sources: [])
        }
    }

    @Test("An unknown name is an error that suggests and lists the known names")
    func unknownName() throws {
        let registry = try PluginRegistry(announcers: [RecordingAnnouncerPlugin.self], strategies: [SequentialStrategyPlugin.self], sources: [])
        #expect(throws: RegistryError(message: "unknown announcer 'recordin'; did you mean 'recording'? (known: recording)")) {
            try registry.announcer(named: "recordin")
        }
        #expect(throws: RegistryError(message: "unknown service source 'kubernetes' (known: none)")) {
            try registry.source(named: "kubernetes")
        }
        #expect(try registry.strategy(named: "sequential").name == "sequential")
    }

    @Test("A test registry decodes configuration for its own plugins, strictly")
    func testRegistryDecodes() throws {
        let registry = try PluginRegistry(announcers: [RecordingAnnouncerPlugin.self], strategies: [SequentialStrategyPlugin.self], sources: [StaticSourcePlugin.self])
        let text = """
        version: 1
        pools:
          - name: p
            addresses: [192.0.2.0/30]
        announcers:
          recording: {}
        advertisements:
          - name: ad
            announcer: recording
            pools: [p]
            tag: blue
            colour: red
        """
        let result = ConfigLoader(registry: registry).load(bytes: Array(text.utf8), file: "t.yaml")
        #expect(result.diagnostics.all.map(\.description) == ["t.yaml:12:5: error: advertisements[0].colour: unknown key 'colour'; valid keys here: 'announcer', 'name', 'pools', 'tag'"])
    }
}
