import IronLBPluginAPI
import Testing

@Suite("AddressParseError")
struct AddressParseErrorTests {
    @Test("Describes the input, what it should have been and why it is not")
    func description() {
        let error = #expect(throws: AddressParseError.self) { try IPv4Address(parsing: "192.0.2.01") }
        #expect(error?.input == "192.0.2.01")
        #expect(error?.reason == #"octet "01" has a leading zero, which is ambiguous (octal or decimal?)"#)
        #expect(
            error?.description
                == #""192.0.2.01" is not a valid IPv4 address: octet "01" has a leading zero, which is ambiguous (octal or decimal?)"#
        )
    }

    @Test("Escapes invisible characters in the quoted input")
    func escapesInput() {
        let error = #expect(throws: AddressParseError.self) { try IPv4Address(parsing: "192.0.2.1\t") }
        #expect(error?.description == #""192.0.2.1\t" is not a valid IPv4 address: whitespace is not allowed"#)
    }

    @Test("Keeps the inner message when a part of a prefix or range is wrong")
    func nestedParts() {
        let prefixError = #expect(throws: AddressParseError.self) { try IPPrefix(parsing: "192.0.2.256/24") }
        #expect(
            prefixError?.description
                == #""192.0.2.256/24" is not a valid IP prefix: "192.0.2.256" is not a valid IPv4 address: octet "256" is greater than 255"#
        )
        let rangeError = #expect(throws: AddressParseError.self) { try IPRange(parsing: "10.0.0.1-10.0.0.256") }
        #expect(
            rangeError?.description
                == #""10.0.0.1-10.0.0.256" is not a valid IP range: "10.0.0.256" is not a valid IPv4 address: octet "256" is greater than 255"#
        )
    }

    @Test("Compares equal only for the same input and reason")
    func equality() {
        func error(_ text: String) -> AddressParseError? {
            #expect(throws: AddressParseError.self) { try IPAddress(parsing: text) }
        }
        #expect(error("1.2.3") == error("1.2.3"))
        #expect(error("1.2.3") != error("1.2.3.4.5"))
        #expect(error("1.2.3") != error("1.2.4"))
    }
}
