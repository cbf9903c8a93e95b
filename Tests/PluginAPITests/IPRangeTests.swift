import Foundation
import IronLBPluginAPI
import PropertyBased
import Testing

@Suite("IPRange")
struct IPRangeTests {
    @Test(
        "Parses ranges, prefixes and single addresses, and prints the shortest form",
        arguments: [
            ("198.51.100.10-198.51.100.20", "198.51.100.10", "198.51.100.20", "198.51.100.10-198.51.100.20"),
            ("198.51.100.10 - 198.51.100.20", "198.51.100.10", "198.51.100.20", "198.51.100.10-198.51.100.20"),
            ("198.51.100.10\t-  198.51.100.20", "198.51.100.10", "198.51.100.20", "198.51.100.10-198.51.100.20"),
            ("192.0.2.0/24", "192.0.2.0", "192.0.2.255", "192.0.2.0/24"),
            ("192.0.2.0-192.0.2.255", "192.0.2.0", "192.0.2.255", "192.0.2.0/24"),
            ("192.0.2.7", "192.0.2.7", "192.0.2.7", "192.0.2.7"),
            ("192.0.2.7-192.0.2.7", "192.0.2.7", "192.0.2.7", "192.0.2.7"),
            ("0.0.0.0-255.255.255.255", "0.0.0.0", "255.255.255.255", "0.0.0.0/0"),
            ("2001:db8::1-2001:db8::ff", "2001:db8::1", "2001:db8::ff", "2001:db8::1-2001:db8::ff"),
            ("2001:DB8::/64", "2001:db8::", "2001:db8::ffff:ffff:ffff:ffff", "2001:db8::/64"),
            ("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::/0"),
            ("::1", "::1", "::1", "::1"),
        ])
    func parses(text: String, first: String, last: String, canonical: String) throws {
        let range = try IPRange(parsing: text)
        #expect(range.first.description == first)
        #expect(range.last.description == last)
        #expect(range.description == canonical)
        #expect(IPRange(canonical) == range)
    }

    @Test(
        "Rejects malformed ranges with a precise reason",
        arguments: [
            ("", "the string is empty"),
            ("192.0.2.9-192.0.2.1", "first address 192.0.2.9 is after last address 192.0.2.1"),
            ("192.0.2.1-2001:db8::1", "first address 192.0.2.1 is IPv4 but last address 2001:db8::1 is IPv6"),
            ("1.2.3.4-1.2.3.5-1.2.3.6", #"it contains more than one "-""#),
            ("-1.2.3.4", #"missing first address before "-""#),
            ("1.2.3.4 -", #"missing last address after "-""#),
            ("1.2.3.4-1.2.3.256", #""1.2.3.256" is not a valid IPv4 address: octet "256" is greater than 255"#),
            ("1.2.3-1.2.3.4", #""1.2.3" is not a valid IPv4 address: expected 4 octets, found 3; shortened forms like "127.1" are not allowed"#),
            ("::1-::g", #""::g" is not a valid IPv6 address: group "g" is not hexadecimal"#),
            ("192.0.2.1/24", "host bits are set; did you mean 192.0.2.0/24?"),
            ("192.0.2.0/33", "prefix length 33 is out of range for IPv4 (0–32)"),
            ("192.0.2.01", #"octet "01" has a leading zero, which is ambiguous (octal or decimal?)"#),
            (" 192.0.2.1", "whitespace is not allowed"),
            ("fe80::1%eth0", "zone IDs are not allowed"),
        ])
    func rejects(input: String, reason: String) {
        let error = expectRejection(input, reason, by: IPRange.init(parsing:))
        #expect(error?.description.hasPrefix("\(String(reflecting: input)) is not a valid IP range: ") == true)
        #expect(IPRange(input) == nil)
    }

    @Test("Validates bounds given separately")
    func memberwiseValidation() throws {
        let low = try IPAddress(parsing: "192.0.2.1")
        let high = try IPAddress(parsing: "192.0.2.9")
        #expect(try IPRange(first: low, last: high).description == "192.0.2.1-192.0.2.9")
        #expect(try IPRange(first: low, last: low).description == "192.0.2.1")
        let backwards = #expect(throws: AddressParseError.self) { try IPRange(first: high, last: low) }
        #expect(backwards?.input == "192.0.2.9-192.0.2.1")
        #expect(backwards?.reason == "first address 192.0.2.9 is after last address 192.0.2.1")
        let mixed = #expect(throws: AddressParseError.self) {
            try IPRange(first: try IPAddress(parsing: "::1"), last: high)
        }
        #expect(mixed?.reason == "first address ::1 is IPv6 but last address 192.0.2.9 is IPv4")
    }

    @Test(
        "Counts its addresses exactly",
        arguments: [
            ("192.0.2.7", "1"),
            ("198.51.100.10-198.51.100.20", "11"),
            ("0.0.0.0-255.255.255.255", "4294967296"),
            ("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "340282366920938463463374607431768211456"),
            ("::1-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "340282366920938463463374607431768211455"),
        ])
    func count(text: String, count: String) throws {
        let range = try IPRange(parsing: text)
        #expect(range.count.description == count)
        #expect(range.family == range.first.family)
    }

    @Test(
        "Splits into the minimal CIDR cover, in order",
        arguments: [
            ("192.0.2.1-192.0.2.6", ["192.0.2.1/32", "192.0.2.2/31", "192.0.2.4/31", "192.0.2.6/32"]),
            ("192.0.2.0-192.0.2.255", ["192.0.2.0/24"]),
            ("192.0.2.7", ["192.0.2.7/32"]),
            ("10.0.0.0-10.0.2.255", ["10.0.0.0/23", "10.0.2.0/24"]),
            ("10.0.0.255-10.0.1.0", ["10.0.0.255/32", "10.0.1.0/32"]),
            ("0.0.0.0-255.255.255.255", ["0.0.0.0/0"]),
            ("0.0.0.0-255.255.255.254", [
                "0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3", "224.0.0.0/4", "240.0.0.0/5", "248.0.0.0/6",
                "252.0.0.0/7", "254.0.0.0/8", "255.0.0.0/9", "255.128.0.0/10", "255.192.0.0/11",
                "255.224.0.0/12", "255.240.0.0/13", "255.248.0.0/14", "255.252.0.0/15", "255.254.0.0/16",
                "255.255.0.0/17", "255.255.128.0/18", "255.255.192.0/19", "255.255.224.0/20",
                "255.255.240.0/21", "255.255.248.0/22", "255.255.252.0/23", "255.255.254.0/24",
                "255.255.255.0/25", "255.255.255.128/26", "255.255.255.192/27", "255.255.255.224/28",
                "255.255.255.240/29", "255.255.255.248/30", "255.255.255.252/31", "255.255.255.254/32",
            ]),
            ("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", ["::/0"]),
            ("::1-::6", ["::1/128", "::2/127", "::4/127", "::6/128"]),
            ("2001:db8::-2001:db8:0:1::", ["2001:db8::/64", "2001:db8:0:1::/128"]),
        ])
    func prefixes(text: String, expected: [String]) throws {
        let range = try IPRange(parsing: text)
        #expect(range.prefixes.map(\.description) == expected)
        #expect(range.isPrefix == (expected.count == 1))
    }

    @Test("Covers all of IPv6 but its first and last address with 254 prefixes")
    func nearlyAllOfIPv6() throws {
        let range = try IPRange(parsing: "::1-ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe")
        #expect(range.prefixes.count == 254)
        #expect(!range.isPrefix)
    }

    @Test("Contains and overlaps only within its own family")
    func containment() throws {
        let range = try IPRange(parsing: "10.0.0.10-10.0.0.20")
        #expect(range.contains(try IPAddress(parsing: "10.0.0.10")))
        #expect(range.contains(try IPAddress(parsing: "10.0.0.20")))
        #expect(!range.contains(try IPAddress(parsing: "10.0.0.9")))
        #expect(!range.contains(try IPAddress(parsing: "10.0.0.21")))
        #expect(!range.contains(try IPAddress(parsing: "::ffff:10.0.0.15")))

        #expect(range.contains(try IPRange(parsing: "10.0.0.12-10.0.0.20")))
        #expect(range.contains(range))
        #expect(!range.contains(try IPRange(parsing: "10.0.0.12-10.0.0.21")))
        #expect(range.overlaps(try IPRange(parsing: "10.0.0.20-10.0.0.30")))
        #expect(range.overlaps(try IPRange(parsing: "10.0.0.0-10.0.0.10")))
        #expect(range.overlaps(try IPRange(parsing: "10.0.0.0/24")))
        #expect(!range.overlaps(try IPRange(parsing: "10.0.0.21-10.0.0.30")))
        #expect(!range.overlaps(try IPRange(parsing: "10.0.0.0-10.0.0.9")))

        let all6 = try IPRange(parsing: "::/0")
        let all4 = try IPRange(parsing: "0.0.0.0/0")
        #expect(!all6.overlaps(all4))
        #expect(!all4.overlaps(all6))
        #expect(!all6.contains(range))
    }

    @Test("Sorts by first address, then last, IPv4 before IPv6")
    func ordering() throws {
        let texts = ["::1", "10.0.0.1-10.0.0.9", "10.0.0.1-10.0.0.5", "9.0.0.0/8", "10.0.0.0"]
        let sorted = try texts.map { try IPRange(parsing: $0) }.sorted().map(\.description)
        #expect(sorted == ["9.0.0.0/8", "10.0.0.0", "10.0.0.1-10.0.0.5", "10.0.0.1-10.0.0.9", "::1"])
    }

    @Test("Encodes as its text and decodes strictly")
    func codable() throws {
        let ranges = try ["10.0.0.1-10.0.0.9", "192.0.2.0-192.0.2.255", "::1"].map { try IPRange(parsing: $0) }
        let json = try JSONEncoder().encode(ranges)
        #expect(String(decoding: json, as: UTF8.self) == #"["10.0.0.1-10.0.0.9","192.0.2.0\/24","::1"]"#)
        #expect(try JSONDecoder().decode([IPRange].self, from: json) == ranges)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(IPRange.self, from: Data(#""10.0.0.9-10.0.0.1""#.utf8))
        }
    }

    @Test("The prefixes of any range tile it exactly, aligned and as few as possible")
    func prefixesTileTheRange() async {
        await propertyCheck(
            count: 1000,
            input: Gen<UInt128>.value(), Gen<UInt128>.value(), Gen<IPFamily>.case, Gen.int(in: 0...128), Gen.bool
        ) { a, b, family, alignment, narrow in
            // Clearing low bits and keeping some ranges short makes aligned starts, single
            // prefixes and tiny ranges common; uniformly random bounds would rarely hit them.
            let maxBits = family == .ipv4 ? UInt128(UInt32.max) : .max
            let start = a & maxBits & ~(alignment >= 128 ? .max : (1 << alignment) - 1)
            let other = narrow ? start + min(b % 4096, maxBits - start) : b & maxBits
            let first = IPAddress(family: family, bits: min(start, other))
            let last = IPAddress(family: family, bits: max(start, other))
            let range = try IPRange(first: first, last: last)
            let prefixes = range.prefixes

            #expect(prefixes.first?.first == first)
            #expect(prefixes.last?.last == last)
            var total = AddressCount.zero
            for (index, prefix) in prefixes.enumerated() {
                #expect(prefix.family == family)
                // Aligned: a valid prefix has no host bits set.
                #expect(try IPPrefix(network: prefix.network, length: prefix.length) == prefix)
                total += prefix.count
                if index > 0 {
                    let previous = prefixes[index - 1]
                    #expect(previous.last.advanced(by: 1) == prefix.first, "gap or overlap after \(previous)")
                    // Minimal: no two neighbours are the halves of one bigger prefix.
                    if previous.length == prefix.length && previous.length > 0 {
                        let parent = IPPrefix(containing: previous.network, length: previous.length - 1)
                        #expect(parent.network != previous.network, "\(previous) and \(prefix) could be one prefix")
                    }
                }
            }
            #expect(total == range.count)
            #expect(range.isPrefix == (prefixes.count == 1))
            #expect(prefixes.count <= 2 * family.bitWidth)
        }
    }
}
