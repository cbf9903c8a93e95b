import IronLBPluginAPI
import Testing
@testable import IronLBCore

@Suite("Assignment table")
struct AssignmentTableTests {
    let v4 = IPAddress("192.0.2.1")!, v6 = IPAddress("2001:db8::1")!
    func key(_ name: String) -> ServiceKey { ServiceKey(source: "static", name: name) }

    @Test("Shared addresses keep their holders in order; only the last release frees them")
    func sharing() {
        var table = AssignmentTable()
        let shared = AddressRequest(families: .dualStack, sharingKey: "k")
        #expect(table.insert(Assignment(key: key("a"), pool: "p", addresses: [v4, v6]), request: shared) == 0b11)
        #expect(table.insert(Assignment(key: key("b"), pool: "p", addresses: [v4]), request: AddressRequest(sharingKey: "k")) == 0)
        #expect(table.insert(Assignment(key: key("c"), pool: "q", addresses: [v4]), request: AddressRequest(sharingKey: "k")) == 0)
        #expect(table.holders(of: v4) == [key("a"), key("b"), key("c")])
        #expect(table.sharedAddresses.map(\.address) == [v4])

        #expect(table.remove(key("a"))?.freed == 0b10, "the IPv6 address was a's alone")
        #expect(table.holders(of: v4) == [key("b"), key("c")])
        #expect(!table.isHeld(v6))
        #expect(table.remove(key("c"))?.freed == 0)
        #expect(table.sharedAddresses.isEmpty)
        #expect(table.remove(key("b"))?.request == AddressRequest(sharingKey: "k"))
        #expect(!table.isHeld(v4) && table.isEmpty)
    }

    @Test("Reads like a dictionary of assignments; freed slots are reused")
    func dictionaryReads() {
        var table = AssignmentTable()
        let a = Assignment(key: key("a"), pool: "p", addresses: [v4])
        let b = Assignment(key: key("b"), pool: "q", addresses: [v6])
        _ = table.insert(a, request: AddressRequest())
        _ = table.insert(b, request: AddressRequest(families: .ipv6))
        _ = table.remove(key("a"))
        let c = Assignment(key: key("c"), pool: "p", addresses: [v4, v6])
        _ = table.insert(c, request: AddressRequest(families: .dualStack))
        #expect(table.count == 2)
        #expect(table[key("b")] == b && table[key("c")] == c && table[key("a")] == nil)
        #expect(Set(table.keys) == [key("b"), key("c")])
        #expect(table.request(for: key("c")) == AddressRequest(families: .dualStack))
        #expect(table.holders(of: v4) == [key("c")] && table.holders(of: v6) == [key("b"), key("c")])
        table.move(key("b"), toPool: "p")
        #expect(table[key("b")]?.pool == "p")
        #expect(table.heldAddresses.sorted() == [v4, v6])
    }

}

extension AssignmentTable {
    /// Forgets `key`'s assignment, as the allocator does by slot.
    mutating func remove(_ key: ServiceKey) -> (request: AddressRequest, freed: UInt8)? {
        let keyHash = keyHash(of: key)
        return slot(of: key, keyHash: keyHash).map { remove(slot: $0, keyHash: keyHash) }
    }
}
