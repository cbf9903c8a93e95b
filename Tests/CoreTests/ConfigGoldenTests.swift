import Foundation
import Testing
@testable import IronLBBuiltins
@testable import IronLBCore

/// Every broken fixture prints exactly its golden diagnostics and fails; the example is valid and
/// its normalized form is stable and re-parses to the same model.
@Suite("Config golden files")
struct ConfigGoldenTests {
    static let invalidFixtures: [String] = {
        let directory = TestPaths.fixtures.appendingPathComponent("invalid")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test("The corpus of broken configurations is large enough")
    func corpusSize() {
        #expect(Self.invalidFixtures.count >= 30)
    }

    @Test("Broken configuration prints its golden diagnostics and exits 1", arguments: invalidFixtures)
    func invalidFixture(name: String) throws {
        let relative = "Tests/Fixtures/invalid/\(name)"
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(TestPaths.root.path)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        let report = ConfigValidation.validate(path: relative)
        #expect(report.status == 1)
        #expect(report.output.isEmpty)
        let errorLines = report.errors.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(!errorLines.isEmpty, "a broken fixture must produce at least one error")
        for line in errorLines {
            #expect(line.hasPrefix("\(relative):"), "every error is positioned in the file: \(line)")
        }
        let golden = TestPaths.fixtures.appendingPathComponent("invalid/\(name.dropLast(5)).expected")
        if TestPaths.updateGolden {
            try report.errors.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(report.errors == expected)
    }

    @Test("The shipped example validates and prints a one-line summary")
    func exampleIsValid() {
        let report = ConfigValidation.validate(path: TestPaths.example.path)
        #expect(report.status == 0)
        #expect(report.errors.isEmpty)
        #expect(report.output == "\(TestPaths.example.path): valid: 2 pools, 1 announcer (dry-run), 2 advertisements, 4 static services\n")
    }

    @Test("The normalized example matches its golden file and re-parses to an equal model")
    func normalizedRoundTrip() throws {
        let loader = ConfigLoader(registry: BuiltinPlugins.registry())
        let original = try #require(loader.load(path: TestPaths.example.path, displayName: "ironlb.yaml").config)
        let normalized = original.normalizedYAML
        let golden = TestPaths.fixtures.appendingPathComponent("valid/ironlb.normalized.yaml")
        if TestPaths.updateGolden {
            try normalized.write(to: golden, atomically: true, encoding: .utf8)
        }
        #expect(normalized == (try String(contentsOf: golden, encoding: .utf8)))
        let reparsed = loader.load(bytes: Array(normalized.utf8), file: "ironlb.yaml")
        #expect(reparsed.diagnostics.errors.isEmpty, "\(reparsed.diagnostics.all)")
        #expect(reparsed.config == original)
        #expect(reparsed.config?.normalizedYAML == normalized)
    }

    @Test("Every valid fixture round-trips through its normalized form")
    func validFixturesRoundTrip() throws {
        let loader = ConfigLoader(registry: BuiltinPlugins.registry())
        let directory = TestPaths.fixtures.appendingPathComponent("valid")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.count >= 2)
        for name in names {
            let result = loader.load(path: directory.appendingPathComponent(name).path, displayName: name)
            let config = try #require(result.config, "\(name): \(result.diagnostics.all)")
            let reparsed = loader.load(bytes: Array(config.normalizedYAML.utf8), file: name)
            #expect(reparsed.config == config, "\(name) did not round-trip")
        }
    }
}
