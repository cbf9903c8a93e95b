import Foundation
import KubernetesLab
import Testing

/// The fake API server's own JSON codec agrees with Foundation's on what it reads and writes.
@Suite("Fake API server JSON text")
struct JSONValueTextTests {
    @Test("Parsing agrees with JSONDecoder, and writing reads back the same value")
    func roundTrip() throws {
        let samples = [
            #"{"a": [1, 2.5, -3e2, true, false, null], "b": {"c": "d\"e\\f\n\u00e9\ud83d\ude00/"}, "": ""}"#,
            #"[]"#, #"{}"#, #" "x" "#, #"0"#, #"[{"ports": [{"port": 80, "protocol": "TCP"}]}]"#,
        ]
        for sample in samples {
            let parsed = try JSONValue(parsing: Array(sample.utf8))
            #expect(parsed == (try JSONDecoder().decode(JSONValue.self, from: Data(sample.utf8))), "\(sample)")
            #expect(try JSONValue(parsing: parsed.bytes) == parsed)
            #expect(try JSONDecoder().decode(JSONValue.self, from: Data(parsed.bytes)) == parsed)
        }
        #expect(JSONValue.parse(#"{"b": 1, "a": 80}"#).text == #"{"a":80,"b":1}"#)
    }

    @Test("Malformed text is refused with its offset", arguments: [#"{"a" 1}"#, #"[1,]"#, #""abc"#, #"{"a": tru}"#, #"1 2"#, #""\ud800""#])
    func refused(_ text: String) {
        #expect(throws: JSONTextError.self) { try JSONValue(parsing: Array(text.utf8)) }
    }
}
