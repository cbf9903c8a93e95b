import Testing
import IronLBPluginAPI

/// Strict reading of configuration nodes, independent of YAML: nodes are built by hand here.
@Suite("Config reading")
struct ConfigReadingTests {
    func scalar(_ text: String, quoted: Bool = false, path: String = "k") -> ConfigNode {
        ConfigNode(kind: .scalar(.init(text: text, isQuoted: quoted)), location: SourceLocation(file: "f.yaml", line: 3, column: 7), path: ConfigPath.root.appending(key: path))
    }

    func mapping(_ entries: [(String, ConfigNode)]) -> ConfigNode {
        ConfigNode(
            kind: .mapping(entries.enumerated().map { index, entry in
                ConfigNode.Entry(
                    key: ConfigNode(kind: .scalar(.init(text: entry.0, isQuoted: false)), location: SourceLocation(file: "f.yaml", line: index + 1, column: 1), path: ConfigPath.root.appending(key: entry.0)),
                    value: entry.1
                )
            }),
            location: SourceLocation(file: "f.yaml", line: 1, column: 1), path: .root
        )
    }

    @Test("Unknown keys are reported with the nearest known key, or the list of valid keys")
    func unknownKeys() {
        var diagnostics = Diagnostics()
        var reader = ConfigMapping(mapping([("adress", scalar("x")), ("zzz", scalar("y")), ("port", scalar("1"))]), &diagnostics)!
        _ = reader.value("address")
        _ = reader.value("port")
        reader.finish(&diagnostics)
        #expect(diagnostics.all.map(\.description) == [
            "f.yaml:1:1: error: adress: unknown key 'adress'; did you mean 'address'?",
            "f.yaml:2:1: error: zzz: unknown key 'zzz'; valid keys here: 'address', 'port'",
        ])
    }

    @Test("A missing required key is reported at the mapping")
    func missingRequired() {
        var diagnostics = Diagnostics()
        var reader = ConfigMapping(mapping([]), &diagnostics)!
        #expect(reader.require("name", &diagnostics) == nil)
        #expect(diagnostics.all.map(\.message) == ["missing required key 'name'"])
    }

    @Test("Integers must be plain, decimal and in range")
    func integers() {
        var diagnostics = Diagnostics()
        #expect(scalar("42").integer(in: 0...100, &diagnostics) == 42)
        #expect(scalar("-3").integer(in: -5...5, &diagnostics) == -3)
        #expect(scalar("42", quoted: true).integer(in: 0...100, &diagnostics) == nil)
        #expect(scalar("0x10").integer(in: 0...100, &diagnostics) == nil)
        #expect(scalar("101").integer(in: 0...100, &diagnostics) == nil)
        #expect(diagnostics.all.map(\.message) == [
            "expected an integer, found \"42\" (quoted, so a string)",
            "expected a decimal integer, found \"0x10\"",
            "101 is out of range 0...100",
        ])
    }

    @Test("Booleans are true or false only")
    func booleans() {
        var diagnostics = Diagnostics()
        #expect(scalar("true").bool(&diagnostics) == true)
        #expect(scalar("false").bool(&diagnostics) == false)
        #expect(scalar("yes").bool(&diagnostics) == nil)
        #expect(scalar("true", quoted: true).bool(&diagnostics) == nil)
        #expect(diagnostics.all.count == 2)
        #expect(diagnostics.all.first?.message == "\"yes\" is ambiguous between YAML versions; write true or false")
    }

    @Test("AS numbers: asplain, never 0, AS_TRANS or the reserved last ones")
    func asNumbers() {
        var diagnostics = Diagnostics()
        #expect(scalar("64512").asn(&diagnostics) == 64512)
        #expect(scalar("4200000000").asn(&diagnostics) == 4_200_000_000)
        for bad in ["0", "23456", "65535", "4294967295", "4294967296", "1.10"] {
            #expect(scalar(bad).asn(&diagnostics) == nil, "\(bad)")
        }
        #expect(diagnostics.all.map(\.message).last == "asdot notation is not accepted; write 65546")
        #expect(diagnostics.all.count == 6)
    }

    @Test("Durations need units and print back in the same notation", arguments: [
        ("100ms", Duration.milliseconds(100), "100ms"), ("3s", .seconds(3), "3s"), ("1m30s", .seconds(90), "1m30s"),
        ("2h", .seconds(7200), "2h"), ("90s", .seconds(90), "1m30s"), ("0", .zero, "0s"), ("1h1s", .seconds(3601), "1h1s"),
    ])
    func durations(text: String, value: Duration, printed: String) {
        #expect(ConfigDuration.parse(text) == value)
        #expect(ConfigDuration.format(value) == printed)
    }

    @Test("Malformed durations are refused", arguments: ["", "90", "s", "1.5s", "1d", "-1s", "1m30", "99999999999999999h"])
    func badDurations(text: String) {
        #expect(ConfigDuration.parse(text) == nil)
        var diagnostics = Diagnostics()
        #expect(scalar(text).duration(&diagnostics) == nil)
        #expect(diagnostics.hasErrors)
    }

    @Test("Choices suggest the nearest valid value")
    func choices() {
        var diagnostics = Diagnostics()
        #expect(scalar("debg").choice(["debug", "info"], &diagnostics) == nil)
        #expect(diagnostics.all.first?.message == "\"debg\" is not one of 'debug', 'info'; did you mean 'debug'?")
    }

    @Test("Edit distance counts transpositions as one edit")
    func editDistance() {
        #expect(KeySuggestion.nearest(to: "sequentail", among: ["sequential", "random"]) == "sequential")
        #expect(KeySuggestion.nearest(to: "xyz", among: ["sequential", "random"]) == nil)
    }

    @Test("Ports parse as PORT/PROTOCOL with TCP by default")
    func ports() {
        #expect(ServicePort(parsing: "443") == ServicePort(port: 443, transport: .tcp))
        #expect(ServicePort(parsing: "53/UDP") == ServicePort(port: 53, transport: .udp))
        for bad in ["0", "65536", "08", "80/quic", "/tcp", "80/tcp/x", ""] {
            #expect(ServicePort(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test("Diagnostics print as FILE:LINE:COLUMN: severity: path: message and sort by position")
    func diagnosticFormat() {
        var diagnostics = Diagnostics()
        diagnostics.warning(scalar("x", path: "b"), "later")
        diagnostics.error(ConfigNode(kind: .scalar(.init(text: "", isQuoted: false)), location: SourceLocation(file: "f.yaml", line: 1, column: 2), path: .root), "first")
        #expect(diagnostics.sorted.map(\.description) == ["f.yaml:1:2: error: (root): first", "f.yaml:3:7: warning: b: later"])
        #expect(diagnostics.hasErrors)
        #expect(diagnostics.warnings.count == 1)
    }
}
