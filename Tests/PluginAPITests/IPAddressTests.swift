import Foundation
import IronLBPluginAPI
import Testing

@Suite("IPAddress")
struct IPAddressTests {
    @Test("Picks the family from the text: a colon means IPv6")
    func familyFromText() throws {
        #expect(try IPAddress(parsing: "192.0.2.1") == .v4(IPv4Address(0xC000_0201)))
        #expect(try IPAddress(parsing: "2001:db8::1") == .v6(IPv6Address(0x2001_0DB8 << 96 | 1)))
        #expect(try IPAddress(parsing: "::ffff:192.0.2.1").family == .ipv6)
        #expect(IPAddress("192.0.2.1")?.description == "192.0.2.1")
        #expect(IPAddress("2001:DB8::1")?.description == "2001:db8::1")
        #expect(IPAddress("192.0.2.256") == nil)
    }

    @Test("Keeps an IPv4 address and its IPv4-mapped IPv6 form apart")
    func mappedIsDistinct() throws {
        let v4 = try IPAddress(parsing: "192.0.2.1")
        let mapped = try IPAddress(parsing: "::ffff:192.0.2.1")
        #expect(v4 != mapped)
        #expect(v4 < mapped)
        #expect(Set([v4, mapped]).count == 2)
    }

    @Test(
        "Names the family it expected in errors",
        arguments: [
            ("", #""" is not a valid IP address: the string is empty"#),
            ("hello", #""hello" is not a valid IP address: expected an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1"#),
            ("192.0.2.256", #""192.0.2.256" is not a valid IPv4 address: octet "256" is greater than 255"#),
            ("192.0.2.1 ", #""192.0.2.1 " is not a valid IPv4 address: whitespace is not allowed"#),
            ("2001:db8::g", #""2001:db8::g" is not a valid IPv6 address: group "g" is not hexadecimal"#),
            ("fe80::1%eth0", #""fe80::1%eth0" is not a valid IPv6 address: zone IDs are not allowed"#),
        ])
    func errorsNameTheFamily(input: String, description: String) {
        let error = #expect(throws: AddressParseError.self) { try IPAddress(parsing: input) }
        #expect(error?.description == description)
    }

    @Test("Builds addresses from a family and zero-extended bits")
    func familyAndBits() throws {
        let v4 = IPAddress(family: .ipv4, bits: 0xC000_0201)
        #expect(v4 == .v4(IPv4Address(0xC000_0201)))
        #expect(v4.family == .ipv4)
        #expect(v4.bits == 0xC000_0201)
        let v6 = IPAddress(family: .ipv6, bits: .max)
        #expect(v6.description == "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
        #expect(IPAddress(family: .ipv4, bits: 0xFFFF_FFFF).description == "255.255.255.255")
        #expect(IPAddress(family: .ipv6, bits: 0xFFFF_FFFF).description == "::ffff:ffff")
        #expect(try IPAddress(parsing: "::1").bits == 1)
    }

    @Test("Refuses bits that do not fit the family")
    func bitsMustFit() async {
        await #expect(processExitsWith: .failure) {
            _ = IPAddress(family: .ipv4, bits: 1 << 32)
        }
    }

    @Test("Advances within the family and returns nil past its end")
    func advanced() throws {
        let nearEnd = try IPAddress(parsing: "255.255.255.254")
        #expect(nearEnd.advanced(by: 0) == nearEnd)
        #expect(nearEnd.advanced(by: 1)?.description == "255.255.255.255")
        #expect(nearEnd.advanced(by: 2) == nil)
        #expect(try IPAddress(parsing: "0.0.0.0").advanced(by: 1 << 32) == nil)
        #expect(try IPAddress(parsing: "192.0.2.255").advanced(by: 1)?.description == "192.0.3.0")
        let zero6 = try IPAddress(parsing: "::")
        #expect(zero6.advanced(by: .max)?.description == "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
        #expect(try IPAddress(parsing: "::1").advanced(by: .max) == nil)
        #expect(try IPAddress(parsing: "2001:db8::ffff").advanced(by: 1)?.description == "2001:db8::1:0")
    }

    @Test("Measures the distance between addresses of one family")
    func distance() throws {
        let a = try IPAddress(parsing: "192.0.2.1")
        let b = try IPAddress(parsing: "192.0.3.0")
        #expect(a.distance(to: b) == 255)
        #expect(a.distance(to: a) == 0)
        let low = try IPAddress(parsing: "::")
        let high = try IPAddress(parsing: "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
        #expect(low.distance(to: high) == .max)
    }

    @Test("Refuses a distance across families or backwards")
    func distancePreconditions() async {
        await #expect(processExitsWith: .failure) {
            _ = IPAddress(family: .ipv4, bits: 0).distance(to: IPAddress(family: .ipv6, bits: 1))
        }
        await #expect(processExitsWith: .failure) {
            _ = IPAddress(family: .ipv4, bits: 2).distance(to: IPAddress(family: .ipv4, bits: 1))
        }
    }

    @Test("Sorts every IPv4 address before every IPv6 address, then numerically")
    func ordering() throws {
        let texts = ["::1", "255.255.255.255", "::", "10.0.0.1", "0.0.0.0", "2001:db8::", "9.0.0.0"]
        let sorted = try texts.map { try IPAddress(parsing: $0) }.sorted().map(\.description)
        #expect(sorted == ["0.0.0.0", "9.0.0.0", "10.0.0.1", "255.255.255.255", "::", "::1", "2001:db8::"])
    }

    @Test("Encodes as its text and decodes strictly")
    func codable() throws {
        let addresses = try ["192.0.2.1", "2001:db8::1"].map { try IPAddress(parsing: $0) }
        let json = try JSONEncoder().encode(addresses)
        #expect(String(decoding: json, as: UTF8.self) == #"["192.0.2.1","2001:db8::1"]"#)
        #expect(try JSONDecoder().decode([IPAddress].self, from: json) == addresses)

        let error = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([IPAddress].self, from: Data(#"["192.0.2.01"]"#.utf8))
        }
        guard case .dataCorrupted(let context)? = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return
        }
        #expect(context.debugDescription.contains(#"octet "01" has a leading zero"#))
        #expect(context.codingPath.count == 1)
    }
}
