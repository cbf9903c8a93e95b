import Foundation
import IronLBPluginAPI
import Testing

@Suite("IPFamily")
struct IPFamilyTests {
    @Test("Knows its bit width and operator-facing name")
    func widthAndName() {
        #expect(IPFamily.ipv4.bitWidth == 32)
        #expect(IPFamily.ipv6.bitWidth == 128)
        #expect(IPFamily.ipv4.description == "IPv4")
        #expect(IPFamily.ipv6.description == "IPv6")
    }

    @Test("Sorts IPv4 before IPv6")
    func ordering() {
        #expect(IPFamily.ipv4 < .ipv6)
        #expect(!(IPFamily.ipv6 < .ipv4))
        #expect(IPFamily.allCases.sorted() == [.ipv4, .ipv6])
    }

    @Test("Encodes as its lowercase raw value")
    func codable() throws {
        let json = try JSONEncoder().encode([IPFamily.ipv4, .ipv6])
        #expect(String(decoding: json, as: UTF8.self) == #"["ipv4","ipv6"]"#)
        #expect(try JSONDecoder().decode([IPFamily].self, from: json) == [.ipv4, .ipv6])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([IPFamily].self, from: Data(#"["IPv4"]"#.utf8))
        }
    }
}
