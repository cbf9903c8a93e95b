import Foundation
import IronLBPluginAPI
import Testing
@testable import IronLBCore

@Suite("Assigned addresses")
struct AssignedAddressesTests {
    let v4 = IPAddress("192.0.2.1")!, v6 = IPAddress("2001:db8::1")!
    let otherV4 = IPAddress("192.0.2.2")!, otherV6 = IPAddress("2001:db8::2")!

    @Test("Only one address per family, IPv4 first")
    func shapes() throws {
        #expect(Array(try #require(AssignedAddresses([v4]))) == [v4])
        #expect(Array(try #require(AssignedAddresses([v6]))) == [v6])
        #expect(Array(try #require(AssignedAddresses([v4, v6]))) == [v4, v6])
        #expect(try #require(AssignedAddresses([IPAddress]())).isEmpty)
        #expect(AssignedAddresses([v6, v4]) == nil && AssignedAddresses([v4, otherV4]) == nil && AssignedAddresses([v6, otherV6]) == nil)
    }

    @Test("Reads like the array it stands for")
    func collection() {
        let both: AssignedAddresses = [v4, v6]
        #expect(both.count == 2 && both.first == v4 && both.last == v6 && both[1] == v6)
        #expect(both.contains(v4) && both.contains(v6) && !both.contains(otherV4) && !both.contains(otherV6))
        let six: AssignedAddresses = [v6]
        #expect(six.count == 1 && six[0] == v6 && six.ipv4 == nil && six.ipv6 == IPv6Address("2001:db8::1"))
        #expect(!six.contains(v4), "an absent IPv4 address is not 0.0.0.0's stand-in")
        #expect(!AssignedAddresses().contains(IPAddress("0.0.0.0")!))
        #expect(both.description == "[192.0.2.1, 2001:db8::1]")
    }

    @Test("Equal and hashed by the addresses held, whatever the unused family held before")
    func equality() {
        #expect(AssignedAddresses(v4: IPv4Address("192.0.2.1"), v6: nil) == [v4])
        #expect(([v4] as AssignedAddresses) != [v4, v6] && ([v4] as AssignedAddresses) != [otherV4])
        #expect(Set<AssignedAddresses>([[v4], [v4], [v6], [v4, v6]]).count == 3)
    }

    @Test("Inline: 32 bytes, and a table entry stays 64")
    func size() {
        #expect(MemoryLayout<AssignedAddresses>.stride == 32)
        #expect(MemoryLayout<AssignmentTable.Entry>.stride == 64)
    }

    @Test("JSON sees an array, and a wrong shape is an error")
    func codable() throws {
        let data = try JSONEncoder().encode([v4, v6] as AssignedAddresses)
        #expect(String(decoding: data, as: UTF8.self) == #"["192.0.2.1","2001:db8::1"]"#)
        #expect(try JSONDecoder().decode(AssignedAddresses.self, from: data) == [v4, v6])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AssignedAddresses.self, from: Data(#"["2001:db8::1","192.0.2.1"]"#.utf8)) }
    }
}
