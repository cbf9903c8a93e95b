import IronLBPluginAPI
import PropertyBased
import Testing

@Suite("IPv4Address")
struct IPv4AddressTests {
    @Test(
        "Parses dotted-quad text to its value and prints it back unchanged",
        arguments: [
            ("0.0.0.0", 0),
            ("255.255.255.255", 0xFFFF_FFFF),
            ("192.0.2.1", 0xC000_0201),
            ("10.0.0.255", 0x0A00_00FF),
            ("100.64.0.10", 0x6440_000A),
            ("1.2.3.4", 0x0102_0304),
            ("0.0.0.1", 1),
            ("128.0.0.0", 0x8000_0000),
        ] as [(String, UInt32)])
    func parsesAndPrints(text: String, rawValue: UInt32) throws {
        let address = try IPv4Address(parsing: text)
        #expect(address.rawValue == rawValue)
        #expect(address.description == text)
        #expect(IPv4Address(rawValue).description == text)
        #expect(IPv4Address(text) == address)
    }

    @Test(
        "Rejects malformed or ambiguous text with a precise reason",
        arguments: [
            ("", "the string is empty"),
            (" 192.0.2.1", "whitespace is not allowed"),
            ("192.0.2.1 ", "whitespace is not allowed"),
            ("192.0.2.1\n", "whitespace is not allowed"),
            ("192.0. 2.1", "whitespace is not allowed"),
            ("192.0.2.0/24", #""/" is not allowed in an address (is this a prefix?)"#),
            ("::1", #"":" is not allowed in an IPv4 address (is this an IPv6 address?)"#),
            ("192.0.2.1:80", #"":" is not allowed in an IPv4 address (is this an IPv6 address?)"#),
            (".1.2.3", #"it starts with ".""#),
            ("1.2.3.4.", #"it ends with ".""#),
            ("1..2.3", #"it has an empty octet ("..")"#),
            ("127.1", #"expected 4 octets, found 2; shortened forms like "127.1" are not allowed"#),
            ("1.2.3", #"expected 4 octets, found 3; shortened forms like "127.1" are not allowed"#),
            ("2130706433", #"expected 4 octets, found 1; shortened forms like "127.1" are not allowed"#),
            ("1.2.3.4.5", "expected 4 octets, found 5"),
            ("192.0.2.01", #"octet "01" has a leading zero, which is ambiguous (octal or decimal?)"#),
            ("010.0.0.1", #"octet "010" has a leading zero, which is ambiguous (octal or decimal?)"#),
            ("00.0.0.0", #"octet "00" has a leading zero, which is ambiguous (octal or decimal?)"#),
            ("0.0.0.0000", #"octet "0000" has a leading zero, which is ambiguous (octal or decimal?)"#),
            ("0x7f.0.0.1", #"octet "0x7f" is hexadecimal; only decimal octets are allowed"#),
            ("1.2.3.a", #"octet "a" is not a decimal number"#),
            ("1.2.3.-1", #"octet "-1" is not a decimal number"#),
            ("1.2.3.+1", #"octet "+1" is not a decimal number"#),
            ("1.2.3.\u{0661}", "octet \"\u{0661}\" is not a decimal number"),
            ("256.0.0.0", #"octet "256" is greater than 255"#),
            ("1.2.3.1000", #"octet "1000" is greater than 255"#),
            ("1.2.3.99999999999999999999999", #"octet "99999999999999999999999" is greater than 255"#),
        ])
    func rejects(input: String, reason: String) {
        let error = expectRejection(input, reason, by: IPv4Address.init(parsing:))
        #expect(error?.description.hasPrefix("\(String(reflecting: input)) is not a valid IPv4 address: ") == true)
        #expect(IPv4Address(input) == nil)
    }

    @Test("Orders addresses numerically, not textually")
    func ordering() throws {
        let texts = ["10.0.0.1", "9.255.255.255", "255.255.255.255", "0.0.0.0", "10.0.0.10", "10.0.0.2"]
        let sorted = try texts.map { try IPv4Address(parsing: $0) }.sorted().map(\.description)
        #expect(sorted == ["0.0.0.0", "9.255.255.255", "10.0.0.1", "10.0.0.2", "10.0.0.10", "255.255.255.255"])
        #expect(IPv4Address(1) < IPv4Address(2))
        #expect(!(IPv4Address(2) < IPv4Address(2)))
    }

    @Test("Printing then parsing any address gives it back")
    func printParseRoundTrip() async {
        await propertyCheck(count: 1000, input: Gen<UInt32>.value()) { rawValue in
            let address = IPv4Address(rawValue)
            let parsed = try IPv4Address(parsing: address.description)
            #expect(parsed == address)
        }
    }

    @Test("Accepts exactly what glibc inet_pton accepts, with the same value", .enabled(if: SystemParser.isAvailable))
    func agreesWithInetPton() async {
        var accepted = 0
        await propertyCheck(count: 2000, input: AddressTextGen.ipv4Like) { text in
            let ours = try? IPv4Address(parsing: text).rawValue
            if ours != nil { accepted += 1 }
            #expect(ours == SystemParser.ipv4(text), "\(text)")
            if ours == nil {
                let error = #expect(throws: AddressParseError.self) { try IPv4Address(parsing: text) }
                #expect(error.map { !internalInconsistencyReasons.contains($0.reason) } == true, "\(text)")
            }
        }
        // Guards the generator: a comparison that only ever sees rejections proves little.
        #expect(accepted > 200)
    }
}
