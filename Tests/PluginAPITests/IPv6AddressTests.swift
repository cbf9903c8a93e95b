import IronLBPluginAPI
import PropertyBased
import Testing

@Suite("IPv6Address")
struct IPv6AddressTests {
    @Test(
        "Prints the RFC 5952 section 4 canonical form",
        arguments: [
            // §4.1: leading zeros are suppressed.
            ("2001:0db8::0001", "2001:db8::1"),
            // §4.2.1: "::" is used to its maximum capability.
            ("2001:db8:0:0:0:0:2:1", "2001:db8::2:1"),
            ("2001:db8::0:1", "2001:db8::1"),
            // §4.2.2: a single zero group is never shortened, even if written with "::".
            ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
            ("2001:db8::1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
            // §4.2.3: the longest run is shortened; on a tie, the first one.
            ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
            ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
            // §4.3: lowercase.
            ("2001:DB8::1", "2001:db8::1"),
            ("2001:db8:aaaa:bbbb:cccc:dddd:eeee:AaAa", "2001:db8:aaaa:bbbb:cccc:dddd:eeee:aaaa"),
            // §5: IPv4-mapped addresses print their last 32 bits as dotted-quad.
            ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),
            ("0:0:0:0:0:ffff:c000:201", "::ffff:192.0.2.1"),
            ("::ffff:0:0", "::ffff:0.0.0.0"),
            // Near misses of IPv4-mapped print as plain hex.
            ("::ffff:1:2:3", "::ffff:1:2:3"),
            ("0:0:0:0:1:ffff:c000:201", "::1:ffff:c000:201"),
            ("::192.0.2.1", "::c000:201"),
            // Runs at either end, and no run at all.
            ("0:0:0:0:0:0:0:0", "::"),
            ("0:0:0:0:0:0:0:1", "::1"),
            ("1:0:0:0:0:0:0:0", "1::"),
            ("0:1:0:0:0:0:0:0", "0:1::"),
            ("0:0:1:0:0:1:0:0", "::1:0:0:1:0:0"),
            ("1:0:1:0:1:0:1:0", "1:0:1:0:1:0:1:0"),
            ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
            ("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"),
            ("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
        ])
    func canonicalForm(input: String, canonical: String) throws {
        let address = try IPv6Address(parsing: input)
        #expect(address.description == canonical)
        #expect(try IPv6Address(parsing: canonical) == address)
    }

    @Test(
        "Reads every RFC 5952 section 2 variant of one address as the same address",
        arguments: [
            ["2001:db8:0:0:1:0:0:1", "2001:0db8:0:0:1:0:0:1", "2001:db8::1:0:0:1", "2001:db8::0:1:0:0:1",
             "2001:0db8::1:0:0:1", "2001:db8:0:0:1::1", "2001:db8:0000:0:1::1", "2001:DB8:0:0:1::1"],
            ["2001:db8:aaaa:bbbb:cccc:dddd:eeee:0001", "2001:db8:aaaa:bbbb:cccc:dddd:eeee:001",
             "2001:db8:aaaa:bbbb:cccc:dddd:eeee:01", "2001:db8:aaaa:bbbb:cccc:dddd:eeee:1"],
            ["2001:db8:aaaa:bbbb:cccc:dddd::1", "2001:db8:aaaa:bbbb:cccc:dddd:0:1"],
            ["2001:db8:0:0:0::1", "2001:db8:0:0::1", "2001:db8:0::1", "2001:db8::1"],
            ["2001:db8::aaaa:0:0:1", "2001:db8:0:0:aaaa::1"],
            ["2001:db8:aaaa:bbbb:cccc:dddd:eeee:aaaa", "2001:db8:aaaa:bbbb:cccc:dddd:eeee:AAAA",
             "2001:db8:aaaa:bbbb:cccc:dddd:eeee:AaAa"],
        ])
    func sameAddressVariants(variants: [String]) throws {
        let addresses = try variants.map { try IPv6Address(parsing: $0) }
        #expect(Set(addresses).count == 1)
    }

    @Test(
        "Reads the RFC 4291 section 2.2 text forms",
        arguments: [
            ("ABCD:EF01:2345:6789:ABCD:EF01:2345:6789", 0xABCD_EF01_2345_6789_ABCD_EF01_2345_6789),
            ("2001:DB8:0:0:8:800:200C:417A", 0x2001_0DB8_0000_0000_0008_0800_200C_417A),
            ("2001:DB8::8:800:200C:417A", 0x2001_0DB8_0000_0000_0008_0800_200C_417A),
            ("FF01:0:0:0:0:0:0:101", 0xFF01_0000_0000_0000_0000_0000_0000_0101),
            ("FF01::101", 0xFF01_0000_0000_0000_0000_0000_0000_0101),
            ("0:0:0:0:0:0:0:1", 1),
            ("::1", 1),
            ("0:0:0:0:0:0:0:0", 0),
            ("::", 0),
            ("0:0:0:0:0:0:13.1.68.3", 0x0D01_4403),
            ("::13.1.68.3", 0x0D01_4403),
            ("0:0:0:0:0:FFFF:129.144.52.38", 0xFFFF_8190_3426),
            ("::FFFF:129.144.52.38", 0xFFFF_8190_3426),
            ("1:2:3:4:5:6:1.2.3.4", 0x0001_0002_0003_0004_0005_0006_0102_0304),
            ("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", UInt128.max),
        ] as [(String, UInt128)])
    func rfc4291Forms(text: String, rawValue: UInt128) throws {
        #expect(try IPv6Address(parsing: text).rawValue == rawValue)
        #expect(IPv6Address(text)?.rawValue == rawValue)
    }

    @Test(
        "Rejects malformed, ambiguous or decorated text with a precise reason",
        arguments: [
            ("", "the string is empty"),
            (" ::1", "whitespace is not allowed"),
            ("::1 ", "whitespace is not allowed"),
            ("2001:db8:: 1", "whitespace is not allowed"),
            ("fe80::1%eth0", "zone IDs are not allowed"),
            ("fe80::1%1", "zone IDs are not allowed"),
            ("[::1]", #"brackets are not allowed; write the address without "[" and "]""#),
            ("[2001:db8::1]:443", #"brackets are not allowed; write the address without "[" and "]""#),
            ("2001:db8::/32", #""/" is not allowed in an address (is this a prefix?)"#),
            ("192.0.2.1", #"it contains no ":" (is this an IPv4 address?)"#),
            ("2001", #"it contains no ":""#),
            (":::", #"":::" is not allowed"#),
            ("1:::2", #"":::" is not allowed"#),
            ("1::2::3", #""::" may appear only once"#),
            ("::1::", #""::" may appear only once"#),
            (":1:2:3:4:5:6:7:8", #"it starts with a single ":""#),
            (":1::2", #"it starts with a single ":""#),
            ("1:2:3:4:5:6:7:", #"it ends with a single ":""#),
            ("1::2:", #"it ends with a single ":""#),
            ("1:2:3:4:5:6:7", "expected 8 groups, found 7"),
            ("1:2:3:4:5:6:7:8:9", "expected 8 groups, found 9"),
            ("1:2:3:4:5:1.2.3.4", "expected 8 groups, found 7"),
            ("1:2:3:4:5:6:7:1.2.3.4", "expected 8 groups, found 9"),
            ("1:2:3:4:5:6:7:8::", #"too many groups for "::" to stand for any: found 8, at most 7 may be written with "::""#),
            ("::1:2:3:4:5:6:7:8", #"too many groups for "::" to stand for any: found 8, at most 7 may be written with "::""#),
            ("1:2:3:4::5:6:7:8", #"too many groups for "::" to stand for any: found 8, at most 7 may be written with "::""#),
            ("1:2:3:4:5:6::1.2.3.4", #"too many groups for "::" to stand for any: found 8, at most 7 may be written with "::""#),
            ("12345::", #"group "12345" has more than 4 hex digits"#),
            ("::00001", #"group "00001" has more than 4 hex digits"#),
            ("g::1", #"group "g" is not hexadecimal"#),
            ("2001:db8::x", #"group "x" is not hexadecimal"#),
            ("::-1", #"group "-1" is not hexadecimal"#),
            ("::\u{E9}", "group \"\u{E9}\" is not hexadecimal"),
            ("::1.2.3.4:5", #"embedded IPv4 address "1.2.3.4" is allowed only at the end"#),
            ("1.2.3.4::", #"embedded IPv4 address "1.2.3.4" is allowed only at the end"#),
            ("::1.2.3.256", #"embedded IPv4 address "1.2.3.256": octet "256" is greater than 255"#),
            ("::ffff:1.2.3.04", #"embedded IPv4 address "1.2.3.04": octet "04" has a leading zero, which is ambiguous (octal or decimal?)"#),
            ("::1.2.3", #"embedded IPv4 address "1.2.3": expected 4 octets, found 3; shortened forms like "127.1" are not allowed"#),
            ("::1.2.3.4.", #"embedded IPv4 address "1.2.3.4.": it ends with ".""#),
            ("::a.b.c.d", #"embedded IPv4 address "a.b.c.d": octet "a" is not a decimal number"#),
        ])
    func rejects(input: String, reason: String) {
        let error = expectRejection(input, reason, by: IPv6Address.init(parsing:))
        #expect(error?.description.hasPrefix("\(String(reflecting: input)) is not a valid IPv6 address: ") == true)
        #expect(IPv6Address(input) == nil)
    }

    @Test("Recognizes exactly ::ffff:0:0/96 as IPv4-mapped")
    func ipv4Mapped() throws {
        #expect(try IPv6Address(parsing: "::ffff:192.0.2.1").isIPv4Mapped)
        #expect(try IPv6Address(parsing: "::ffff:0.0.0.0").isIPv4Mapped)
        #expect(try IPv6Address(parsing: "::ffff:255.255.255.255").isIPv4Mapped)
        #expect(try !IPv6Address(parsing: "::fffe:ffff:ffff").isIPv4Mapped)
        #expect(try !IPv6Address(parsing: "::1:ffff:0:0").isIPv4Mapped)
        #expect(try !IPv6Address(parsing: "::192.0.2.1").isIPv4Mapped)
        #expect(try !IPv6Address(parsing: "::").isIPv4Mapped)
    }

    @Test("Orders addresses numerically")
    func ordering() throws {
        let texts = ["2001:db8::10", "::", "ffff::", "2001:db8::9", "::1", "2001:db8::a"]
        let sorted = try texts.map { try IPv6Address(parsing: $0) }.sorted().map(\.description)
        #expect(sorted == ["::", "::1", "2001:db8::9", "2001:db8::a", "2001:db8::10", "ffff::"])
    }

    @Test("Printing then parsing any address gives it back, in the RFC 5952 form")
    func printParseRoundTrip() async {
        // Zeroing random groups makes "::" placement, ties and IPv4-mapped forms common;
        // uniformly random 128-bit values almost never contain a zero group.
        await propertyCheck(count: 2000, input: Gen<UInt128>.value(), Gen<UInt8>.bitSet, Gen.bool(0.1)) {
            random, zeroGroups, mapped in
            let rawValue = mapped ? 0xFFFF_0000_0000 | random & 0xFFFF_FFFF : Self.zeroing(zeroGroups, of: random)
            let address = IPv6Address(rawValue)
            let text = address.description
            #expect(text == Self.referenceCanonicalForm(rawValue))
            let parsed = try IPv6Address(parsing: text)
            #expect(parsed == address)
        }
    }

    @Test("Reads the uncompressed form in any case and padding")
    func uncompressedForm() async {
        await propertyCheck(count: 500, input: Gen<UInt128>.value(), Gen<UInt8>.bitSet, Gen<UInt64>.value()) {
            random, zeroGroups, style in
            let rawValue = Self.zeroing(zeroGroups, of: random)
            let groups = (0..<8).map { index -> String in
                let group = String(UInt16(truncatingIfNeeded: rawValue >> (112 - 16 * index)), radix: 16)
                let padded = String(repeating: "0", count: Int(style >> (4 * index) & 0x3) % (5 - group.count)) + group
                return style >> (32 + index) & 1 == 1 ? padded.uppercased() : padded
            }
            let text = groups.joined(separator: ":")
            let parsed = try IPv6Address(parsing: text)
            #expect(parsed.rawValue == rawValue, "\(text)")
        }
    }

    @Test("Accepts exactly what glibc inet_pton accepts, with the same value", .enabled(if: SystemParser.isAvailable))
    func agreesWithInetPton() async {
        var accepted = 0
        await propertyCheck(count: 3000, input: AddressTextGen.ipv6Like) { text in
            let ours = try? IPv6Address(parsing: text).rawValue
            if ours != nil { accepted += 1 }
            #expect(ours == SystemParser.ipv6(text), "\(text)")
            if ours == nil {
                let error = #expect(throws: AddressParseError.self) { try IPv6Address(parsing: text) }
                #expect(error.map { !internalInconsistencyReasons.contains($0.reason) } == true, "\(text)")
            }
        }
        // Guards the generator: a comparison that only ever sees rejections proves little.
        #expect(accepted > 200)
    }

    /// `value` with the groups whose bit is set in `mask` cleared.
    private static func zeroing(_ mask: UInt8, of value: UInt128) -> UInt128 {
        (0..<8).reduce(value) { value, index in
            mask >> index & 1 == 1 ? value & ~(UInt128(0xFFFF) << (16 * index)) : value
        }
    }

    /// RFC 5952 written the slow, obvious way, as an oracle for the real formatter.
    private static func referenceCanonicalForm(_ value: UInt128) -> String {
        let groups = (0..<8).map { UInt16(truncatingIfNeeded: value >> (112 - 16 * $0)) }
        if groups[0..<5].allSatisfy({ $0 == 0 }) && groups[5] == 0xFFFF {
            let octets = [groups[6] >> 8, groups[6] & 0xFF, groups[7] >> 8, groups[7] & 0xFF]
            return "::ffff:" + octets.map(String.init).joined(separator: ".")
        }
        var best = (start: 0, length: 0)
        for start in 0..<8 {
            let length = groups[start...].prefix(while: { $0 == 0 }).count
            if length > best.length { best = (start, length) }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.length >= 2 else { return hex.joined(separator: ":") }
        return hex[..<best.start].joined(separator: ":") + "::"
            + hex[(best.start + best.length)...].joined(separator: ":")
    }
}
