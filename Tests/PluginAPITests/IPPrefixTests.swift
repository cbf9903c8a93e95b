import Foundation
import IronLBPluginAPI
import Testing

@Suite("IPPrefix")
struct IPPrefixTests {
    @Test(
        "Parses CIDR text and prints its canonical form",
        arguments: [
            ("192.0.2.0/24", "192.0.2.0/24", "192.0.2.255"),
            ("0.0.0.0/0", "0.0.0.0/0", "255.255.255.255"),
            ("255.255.255.255/32", "255.255.255.255/32", "255.255.255.255"),
            ("10.0.0.0/8", "10.0.0.0/8", "10.255.255.255"),
            ("::/0", "::/0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
            ("2001:DB8::/32", "2001:db8::/32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"),
            ("2001:db8:0:0::/64", "2001:db8::/64", "2001:db8::ffff:ffff:ffff:ffff"),
            ("::1/128", "::1/128", "::1"),
            ("::ffff:192.0.2.0/120", "::ffff:192.0.2.0/120", "::ffff:192.0.2.255"),
        ])
    func parses(text: String, canonical: String, last: String) throws {
        let prefix = try IPPrefix(parsing: text)
        #expect(prefix.description == canonical)
        #expect(prefix.last.description == last)
        #expect(prefix.first == prefix.network)
        #expect(IPPrefix(canonical) == prefix)
    }

    @Test(
        "Rejects malformed or non-canonical text with a precise reason",
        arguments: [
            ("", "the string is empty"),
            ("192.0.2.1", "missing prefix length; did you mean 192.0.2.1/32?"),
            ("2001:db8::1", "missing prefix length; did you mean 2001:db8::1/128?"),
            ("hello", #"missing prefix length (such as "/24")"#),
            ("192.0.2.0/24/8", #"it contains more than one "/""#),
            ("/24", #"missing address before "/""#),
            ("192.0.2.0/", #"prefix length is missing after "/""#),
            ("192.0.2.0/+24", #"prefix length "+24" is not a decimal number"#),
            ("192.0.2.0/-1", #"prefix length "-1" is not a decimal number"#),
            ("192.0.2.0/ 24", #"prefix length " 24" is not a decimal number"#),
            ("192.0.2.0/0x18", #"prefix length "0x18" is not a decimal number"#),
            ("192.0.2.0/024", #"prefix length "024" has a leading zero"#),
            ("::/00", #"prefix length "00" has a leading zero"#),
            ("192.0.2.0/33", "prefix length 33 is out of range for IPv4 (0–32)"),
            ("::/129", "prefix length 129 is out of range for IPv6 (0–128)"),
            ("::/99999999999999999999999", "prefix length 99999999999999999999999 is out of range for IPv6 (0–128)"),
            ("192.0.2.1/24", "host bits are set; did you mean 192.0.2.0/24?"),
            ("10.1.2.3/8", "host bits are set; did you mean 10.0.0.0/8?"),
            ("2001:db8::1/32", "host bits are set; did you mean 2001:db8::/32?"),
            ("::1/0", "host bits are set; did you mean ::/0?"),
            ("192.0.2.256/24", #""192.0.2.256" is not a valid IPv4 address: octet "256" is greater than 255"#),
            ("fe80::1%eth0/64", #""fe80::1%eth0" is not a valid IPv6 address: zone IDs are not allowed"#),
        ])
    func rejects(input: String, reason: String) {
        let error = expectRejection(input, reason, by: IPPrefix.init(parsing:))
        #expect(error?.description.hasPrefix("\(String(reflecting: input)) is not a valid IP prefix: ") == true)
        #expect(IPPrefix(input) == nil)
    }

    @Test("Validates a network and length given separately")
    func memberwiseValidation() throws {
        let network = try IPAddress(parsing: "192.0.2.0")
        #expect(try IPPrefix(network: network, length: 24).description == "192.0.2.0/24")
        #expect(try IPPrefix(network: network, length: 32).description == "192.0.2.0/32")

        let hostBits = #expect(throws: AddressParseError.self) { try IPPrefix(network: network, length: 16) }
        #expect(hostBits?.input == "192.0.2.0/16")
        #expect(hostBits?.reason == "host bits are set; did you mean 192.0.0.0/16?")
        let tooLong = #expect(throws: AddressParseError.self) { try IPPrefix(network: network, length: 33) }
        #expect(tooLong?.reason == "prefix length 33 is out of range for IPv4 (0–32)")
        let negative = #expect(throws: AddressParseError.self) { try IPPrefix(network: network, length: -1) }
        #expect(negative?.reason == "prefix length -1 is out of range for IPv4 (0–32)")
    }

    @Test("Masks host bits when built around an address")
    func containingAddress() throws {
        let address = try IPAddress(parsing: "192.0.2.77")
        #expect(IPPrefix(containing: address, length: 24).description == "192.0.2.0/24")
        #expect(IPPrefix(containing: address, length: 0).description == "0.0.0.0/0")
        #expect(IPPrefix(containing: address, length: 32).description == "192.0.2.77/32")
        #expect(IPPrefix(containing: address, length: 31).description == "192.0.2.76/31")
        let v6 = try IPAddress(parsing: "2001:db8:1234:5678::1")
        #expect(IPPrefix(containing: v6, length: 48).description == "2001:db8:1234::/48")
        #expect(IPPrefix(containing: v6, length: 128).description == "2001:db8:1234:5678::1/128")
        #expect(IPPrefix(containing: v6, length: 0).description == "::/0")
    }

    @Test("Makes single-address prefixes")
    func hostPrefix() throws {
        #expect(IPPrefix.host(try IPAddress(parsing: "192.0.2.1")).description == "192.0.2.1/32")
        #expect(IPPrefix.host(try IPAddress(parsing: "2001:db8::1")).description == "2001:db8::1/128")
        #expect(IPPrefix.host(try IPAddress(parsing: "2001:db8::1")).count == AddressCount(1))
    }

    @Test(
        "Counts its addresses exactly, all the way to 2^128",
        arguments: [
            ("::/0", "340282366920938463463374607431768211456"),
            ("::/1", "170141183460469231731687303715884105728"),
            ("2001:db8::/48", "1208925819614629174706176"),  // 2^80
            ("2001:db8::/64", "18446744073709551616"),  // 2^64
            ("2001:db8::/127", "2"),
            ("::1/128", "1"),
            ("0.0.0.0/0", "4294967296"),
            ("192.0.2.0/24", "256"),
            ("192.0.2.1/32", "1"),
        ])
    func count(text: String, count: String) throws {
        #expect(try IPPrefix(parsing: text).count.description == count)
    }

    @Test("Counts /48 as 2^80, /64 as 2^64 and ::/0 as one more than UInt128.max")
    func countValues() throws {
        #expect(try IPPrefix(parsing: "2001:db8::/48").count.uint128 == 1 << 80)
        #expect(try IPPrefix(parsing: "2001:db8::/64").count.uint128 == 1 << 64)
        let everything = try IPPrefix(parsing: "::/0").count
        #expect(everything.uint128 == nil)
        #expect(everything == AddressCount(.max) + AddressCount(1))
    }

    @Test("Contains addresses and prefixes only of its own family")
    func containment() throws {
        let net = try IPPrefix(parsing: "192.0.2.0/24")
        #expect(net.contains(try IPAddress(parsing: "192.0.2.0")))
        #expect(net.contains(try IPAddress(parsing: "192.0.2.255")))
        #expect(!net.contains(try IPAddress(parsing: "192.0.3.0")))
        #expect(!net.contains(try IPAddress(parsing: "192.0.1.255")))
        #expect(!net.contains(try IPAddress(parsing: "::ffff:192.0.2.1")))
        #expect(net.contains(try IPPrefix(parsing: "192.0.2.128/25")))
        #expect(net.contains(net))
        #expect(!net.contains(try IPPrefix(parsing: "192.0.0.0/16")))
        #expect(!net.contains(try IPPrefix(parsing: "192.0.3.0/25")))

        let all4 = try IPPrefix(parsing: "0.0.0.0/0")
        let all6 = try IPPrefix(parsing: "::/0")
        #expect(all4.contains(try IPAddress(parsing: "255.255.255.255")))
        #expect(!all4.contains(try IPAddress(parsing: "::")))
        #expect(!all6.contains(try IPAddress(parsing: "0.0.0.0")))
        #expect(!all6.contains(all4))
        #expect(!all6.overlaps(all4))
    }

    @Test("Overlaps exactly when one prefix contains the other")
    func overlap() throws {
        let a = try IPPrefix(parsing: "10.0.0.0/8")
        let b = try IPPrefix(parsing: "10.20.0.0/16")
        let c = try IPPrefix(parsing: "11.0.0.0/8")
        #expect(a.overlaps(b))
        #expect(b.overlaps(a))
        #expect(!a.overlaps(c))
        #expect(!b.overlaps(c))
        #expect(a.overlaps(a))
    }

    @Test("Converts to the range of the same addresses")
    func range() throws {
        let prefix = try IPPrefix(parsing: "2001:db8::/32")
        #expect(prefix.range.first == prefix.first)
        #expect(prefix.range.last == prefix.last)
        #expect(prefix.range.count == prefix.count)
        #expect(prefix.range.isPrefix)
        #expect(prefix.range.prefixes == [prefix])
    }

    @Test("Sorts by network, then shorter prefixes first, IPv4 before IPv6")
    func ordering() throws {
        let texts = ["10.0.1.0/24", "::/0", "10.0.0.0/16", "9.0.0.0/8", "10.0.0.0/8", "0.0.0.0/0"]
        let sorted = try texts.map { try IPPrefix(parsing: $0) }.sorted().map(\.description)
        #expect(sorted == ["0.0.0.0/0", "9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/16", "10.0.1.0/24", "::/0"])
    }

    @Test("Encodes as its CIDR text and decodes strictly")
    func codable() throws {
        let prefixes = try ["192.0.2.0/24", "2001:db8::/32"].map { try IPPrefix(parsing: $0) }
        let json = try JSONEncoder().encode(prefixes)
        #expect(String(decoding: json, as: UTF8.self) == #"["192.0.2.0\/24","2001:db8::\/32"]"#)
        #expect(try JSONDecoder().decode([IPPrefix].self, from: json) == prefixes)
        let error = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(IPPrefix.self, from: Data(#""192.0.2.1/24""#.utf8))
        }
        guard case .dataCorrupted(let context)? = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return
        }
        #expect(context.debugDescription.contains("did you mean 192.0.2.0/24?"))
    }
}
