import Testing
@testable import IronLBCore
import IronLBPluginAPI

@Suite("YAML emitter")
struct YAMLEmitterTests {
    @Test("Strings YAML would misread are quoted; plain names stay plain", arguments: [
        ("web", "web"), ("yes", "\"yes\""), ("10", "\"10\""), ("", "\"\""), ("a: b", "\"a: b\""), ("~", "\"~\""),
        ("2001:db8::/32", "\"2001:db8::/32\""), ("fe80-pool/a.b", "fe80-pool/a.b"), ("::1", "\"::1\""), ("line\nbreak", "\"line\\nbreak\""), ("say \"hi\"", "\"say \\\"hi\\\"\""),
    ])
    func quoting(text: String, emitted: String) {
        #expect(YAMLEmitter.scalar(text) == emitted)
    }

    @Test("Every string survives emit and parse unchanged")
    func roundTrip() throws {
        let strings = ["yes", "No", "null", "1e5", "0x1F", " lead", "trail ", "#hash", "a #b", "- dash", "[x]", "{y}", "é", "*star", "&amp", "!tag", "%pct", "@at", "`tick", "|", ">", "'", "\"", "\\", "\t", "1:30"]
        let value = RenderedValue.mapping(strings.enumerated().map { RenderedEntry("k\($0.offset)", .string($0.element)) })
        let text = YAMLEmitter.emit(value)
        let document = try ConfigDocument.parse(text, file: "e.yaml").get()
        guard case .mapping(let entries) = document.root.kind else { Issue.record("not a mapping"); return }
        #expect(entries.map { $0.value.scalar?.text } == strings)
        #expect(entries.allSatisfy { $0.value.scalar?.isQuoted == true || !["yes", "No", "null"].contains($0.value.scalar?.text) })
    }

    @Test("Nested lists and mappings emit as block YAML")
    func nesting() {
        let value = RenderedValue.mapping([
            RenderedEntry("list", .list([.mapping([RenderedEntry("a", .integer(1)), RenderedEntry("b", .list([.bool(true)]))]), .string("x")])),
            RenderedEntry("empty", .list([])),
            RenderedEntry("none", .mapping([])),
        ])
        #expect(YAMLEmitter.emit(value) == """
        list:
          - a: 1
            b:
              - true
          - x
        empty: []
        none: {}

        """)
    }
}
