import Testing
@testable import BGPAnnouncer
import BGPWire
import IronLBPluginAPI

@Suite("Route table: compact sorted routes, attribute sets once")
struct RouteTableTests {
    func prefix(_ text: String) -> IPPrefix { try! IPPrefix(parsing: text) }

    func attributes(med: UInt32) -> RouteAttributes {
        var path = PathAttributes(origin: .igp)
        path.nextHop = try! IPv4Address(parsing: "198.51.100.2")
        path.multiExitDiscriminator = med
        return RouteAttributes(path: path, ipv6NextHop: MultiprotocolNextHop(global: .v6(try! IPv6Address(parsing: "2001:db8::2"))))
    }

    func table(_ routes: [(String, UInt32)]) -> RouteTable {
        var builder = RouteTable.Builder()
        for (text, med) in routes { builder.add(prefix(text), attributeIndex: builder.intern(attributes(med: med))) }
        return builder.build()
    }

    @Test("Routes out of order come out sorted like IPPrefix; the first route of a prefix wins")
    func outOfOrderAndDuplicates() {
        let routes = table([("10.0.0.2/32", 1), ("2001:db8::1/128", 1), ("10.0.0.0/24", 1), ("10.0.0.2/32", 2),
                            ("10.0.0.0/32", 2), ("2001:db8::/64", 2), ("10.0.0.0/24", 3)])
        let expected = ["10.0.0.0/24", "10.0.0.0/32", "10.0.0.2/32", "2001:db8::/64", "2001:db8::1/128"].map(prefix)
        #expect(routes.prefixes == expected)
        #expect(expected == expected.sorted())
        #expect(routes.count == 5)
        #expect(routes[prefix("10.0.0.2/32")] == attributes(med: 1))
        #expect(routes[prefix("10.0.0.0/24")] == attributes(med: 1))
        #expect(routes[prefix("10.0.0.0/32")] == attributes(med: 2))
        #expect(routes[prefix("2001:db8::/64")] == attributes(med: 2))
        #expect(routes[prefix("10.0.0.1/32")] == nil)
        #expect(routes[prefix("2001:db8::/32")] == nil)
        #expect(routes.attributeSets.count == 3, "each set once, even one no route kept")
    }

    @Test("Routes in order are kept as they come, duplicates dropped; lookups find every one")
    func inOrder() {
        let texts = (0..<1000).map { "10.0.\($0 / 256).\($0 % 256)/32" }
        let routes = table(texts.flatMap { text -> [(String, UInt32)] in [(text, 7), (text, 8)] })
        #expect(routes.count == 1000)
        #expect(texts.allSatisfy { routes[prefix($0)] == attributes(med: 7) })
        #expect(routes.grouped.count == 1)
        #expect(routes.grouped.first?.prefixes.count == 1000)
    }

    @Test("Equality compares prefixes and attribute values, not attribute indices")
    func equality() {
        var builder = RouteTable.Builder()
        _ = builder.intern(attributes(med: 9))  // shifts the indices of the sets used below
        builder.add(prefix("10.0.0.1/32"), attributeIndex: builder.intern(attributes(med: 1)))
        builder.add(prefix("2001:db8::1/128"), attributeIndex: builder.intern(attributes(med: 2)))
        let shifted = builder.build()
        #expect(shifted == table([("10.0.0.1/32", 1), ("2001:db8::1/128", 2)]))
        #expect(shifted != table([("10.0.0.1/32", 1), ("2001:db8::1/128", 3)]))
        #expect(shifted != table([("10.0.0.1/32", 1)]))
        #expect(RouteTable() == table([]))
    }

    @Test("The difference walk finds withdrawn, new and changed routes and leaves equal ones out")
    func difference() throws {
        let packer = UpdatePacker()
        var rib = AdjRIBOut()
        _ = try rib.transition(to: table([("10.0.0.1/32", 1), ("10.0.0.2/32", 1), ("10.0.0.3/32", 2), ("2001:db8::1/128", 1)]), packer: packer)
        // Same attribute values under other indices: no change for .1; .2 gets MED 2; .3 goes; .4 comes.
        let updates = try rib.transition(to: table([("10.0.0.2/32", 2), ("10.0.0.1/32", 1), ("10.0.0.4/32", 1), ("2001:db8::1/128", 1)]), packer: packer)
        #expect(updates.flatMap(\.withdrawnRoutes) == [prefix("10.0.0.3/32")])
        let announced = updates.filter { !$0.nlri.isEmpty }
        #expect(announced.map(\.nlri) == [[prefix("10.0.0.2/32")], [prefix("10.0.0.4/32")]])
        #expect(announced.map(\.attributes.multiExitDiscriminator) == [2, 1])
        #expect(try rib.transition(to: rib.sent, packer: packer).isEmpty)
    }

    @Test("A route costs 12 bytes for IPv4")
    func compactSize() {
        #expect(MemoryLayout<CompactRoute<UInt32>>.stride == 12)
    }
}
