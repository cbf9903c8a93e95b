import Foundation
import Testing
@testable import IronLBBuiltins
@testable import IronLBCore
import IronLBPluginAPI

/// Hostile and broken input: each gets one clear positioned error, bounded in time and memory.
@Suite("Config loader limits")
struct ConfigLoaderTests {
    let loader = ConfigLoader(registry: BuiltinPlugins.registry())

    @Test("A 50 MB file is refused by its size without being parsed")
    func oversizedFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ironlb-huge-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        var text = "version: 1\nnode:\n  labels:\n"
        let line = String(repeating: "x", count: 90)
        for index in 0..<(50 << 20) / 100 { text += "    k\(index): \(line)\n" }
        try text.write(to: url, atomically: false, encoding: .utf8)
        let result = loader.load(path: url.path, displayName: "huge.yaml")
        #expect(result.config == nil)
        #expect(result.diagnostics.all.map(\.description) == ["huge.yaml:1:1: error: (root): the file is \(min(text.utf8.count, ConfigLimits.standard.maxFileBytes + 1)) bytes; the limit is \(ConfigLimits.standard.maxFileBytes) bytes"])
    }

    @Test("Alias expansion beyond the node limit is refused with a position")
    func aliasBomb() {
        var text = "version: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...12 { text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let result = loader.load(bytes: Array(text.utf8), file: "bomb.yaml")
        #expect(result.config == nil)
        #expect(result.diagnostics.errors.count == 1)
        #expect(result.diagnostics.errors.first?.message.contains("expands to more than") == true)
    }

    @Test("Deep nesting is refused, not recursed into")
    func deepNesting() {
        let text = "version: 1\nx: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"
        let result = loader.load(bytes: Array(text.utf8), file: "deep.yaml")
        #expect(result.config == nil)
        #expect(result.diagnostics.errors.count == 1)
    }

    @Test("A limit set lower is honoured")
    func customLimits() {
        let small = ConfigLoader(registry: BuiltinPlugins.registry(), limits: ConfigLimits(maxFileBytes: 8))
        let result = small.load(bytes: Array("version: 1\n".utf8), file: "f.yaml")
        #expect(result.diagnostics.errors.first?.message == "the file is 11 bytes; the limit is 8 bytes")
    }

    @Test("A missing file and a directory are reported, not crashed on")
    func unreadable() {
        let missing = loader.load(path: "/nonexistent/ironlb.yaml")
        #expect(missing.diagnostics.errors.first?.description == "/nonexistent/ironlb.yaml:1:1: error: (root): cannot read the configuration: no such file")
        let directory = loader.load(path: "/tmp")
        #expect(directory.diagnostics.errors.first?.message == "cannot read the configuration: it is a directory")
    }

    @Test("A UTF-8 byte-order mark is accepted")
    func byteOrderMark() {
        let result = loader.load(bytes: [0xEF, 0xBB, 0xBF] + Array("version: 1\n".utf8), file: "bom.yaml")
        #expect(result.config != nil)
    }

    @Test("Every problem of a file is reported in one pass")
    func allProblemsAtOnce() {
        let text = """
        version: 1
        pools:
          - name: a
            addresses: [192.0.2.1/24, 198.51.100.300]
            priority: high
        logging:
          levle: info
        """
        let result = loader.load(bytes: Array(text.utf8), file: "c.yaml")
        #expect(Diagnostics.sortedPaths(result.diagnostics) == ["pools[0].addresses[0]", "pools[0].addresses[1]", "pools[0].priority", "logging.levle"])
    }
}

extension Diagnostics {
    /// The key paths of the errors in file order.
    static func sortedPaths(_ diagnostics: Diagnostics) -> [String] {
        diagnostics.sorted.filter { $0.severity == .error }.map(\.path.description)
    }
}
