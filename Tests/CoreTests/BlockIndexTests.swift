import PropertyBased
import Testing
@testable import IronLBCore
import IronLBPluginAPI

@Suite("Block index")
struct BlockIndexTests {
    func range(_ text: String) -> IPRange { try! IPRange(parsing: text) }
    func address(_ text: String) -> IPAddress { try! IPAddress(parsing: text) }

    @Test("avoid-buggy-ips numbering matches enumeration over an IPv4 range spanning three /24s")
    func buggyIPv4MatchesEnumeration() {
        let block = range("192.0.2.250-192.0.4.3")
        let coordinates = BlockCoordinates(range: block, avoidBuggyIPs: true)
        let usable = (block.first.bits...block.last.bits)
            .map { IPAddress(family: .ipv4, bits: $0) }
            .filter { !PoolFamilySpace.isBuggy($0) }
        #expect(coordinates.size == AddressCount(UInt128(usable.count)))
        for (offset, address) in usable.enumerated() {
            #expect(coordinates.address(at: UInt128(offset)) == address)
            #expect(coordinates.offset(of: address) == UInt128(offset))
        }
    }

    @Test("avoid-buggy-ips skips each /64's subnet-router anycast address in a /63")
    func buggyIPv6() {
        let coordinates = BlockCoordinates(range: range("2001:db8::/63"), avoidBuggyIPs: true)
        #expect(coordinates.size.description == "36893488147419103230")
        #expect(coordinates.address(at: 0) == address("2001:db8::1"))
        #expect(coordinates.address(at: UInt128(UInt64.max) - 1) == address("2001:db8::ffff:ffff:ffff:ffff"))
        #expect(coordinates.address(at: UInt128(UInt64.max)) == address("2001:db8:0:1::1"))
    }

    @Test("A /48 (minus a reserved /64) reports its exact size and costs nothing until addresses are held")
    func hugePool() {
        var index = BlockIndex(range: range("2001:db8:1::/48"), reserved: [range("2001:db8:1::/64")], avoidBuggyIPs: false)
        #expect(index.availableCount.description == "1208907372870555465154560")
        #expect(index.capacity == index.availableCount)
        #expect(index.intervalCount == 1)
        let first = index.firstAvailable(atOrAfter: nil)
        #expect(first == address("2001:db8:1:1::"))
        index.hold(first!)
        #expect(index.intervalCount == 1)
        #expect(index.availableAddress(rank: 0) == address("2001:db8:1:1::1"))
    }

    @Test("Reserved addresses stay out after a held one on them is freed")
    func reservedHeldThenFreed() {
        var index = BlockIndex(range: range("192.0.2.0/30"), reserved: [range("192.0.2.1")], avoidBuggyIPs: false)
        #expect(index.availableCount == AddressCount(3))
        index.hold(address("192.0.2.1"))
        #expect(index.held == 1)
        index.free(address("192.0.2.1"))
        #expect(index.held == 0)
        #expect(!index.isAvailable(address("192.0.2.1")))
        #expect(index.availableCount == AddressCount(3))
    }

    @Test("Holding the first available address from any address agrees with a scan of the blocks, with and without wrapping")
    func holdFirstAvailableAgreesWithScan() async {
        let blocks = ["192.0.2.253-192.0.3.2", "198.51.100.0/30", "203.0.113.254-203.0.114.1"].map(range)
        let all = blocks.flatMap { block in (block.first.bits...block.last.bits).map { IPAddress(family: .ipv4, bits: $0) } }
        await propertyCheck(count: 200, input: Gen.bool, Gen.int(in: 0...1_000_000).array(of: 1...60)) { avoidBuggy, steps in
            var space = PoolFamilySpace(family: .ipv4, blocks: blocks, reserved: [range("198.51.100.1")], avoidBuggyIPs: avoidBuggy)
            var held: [IPAddress] = []
            for raw in steps {
                if raw % 4 == 0, !held.isEmpty {
                    space.free(held.remove(at: raw / 4 % held.count))
                    continue
                }
                let start = all[raw / 4 % all.count], wrapping = raw / 4 / all.count % 2 == 0
                let from = all.firstIndex(of: start)!
                let order = all[from...] + (wrapping ? all[..<from] : [])
                let expected = order.first { space.isAvailable($0) }
                let before = space.heldCount
                let got = space.holdFirstAvailable(from: start, wrapping: wrapping)
                #expect(got == expected, "from \(start), wrapping \(wrapping)")
                guard let got else {
                    #expect(space.heldCount == before)
                    continue
                }
                #expect(!space.isAvailable(got))
                #expect(space.heldCount == before + AddressCount(1))
                held.append(got)
            }
        }
    }

    @Test("A pool numbers its addresses by position as a walk over its blocks does, with every kind of wrap")
    func addressAtPositionAgreesWithWalk() async {
        // A view that has only what the protocol requires, so it answers with the protocol's walk.
        struct Walk: PoolSpace {
            let space: PoolFamilySpace
            var family: IPFamily { space.family }
            var blocks: [IPRange] { space.blocks }
            func isAvailable(_ address: IPAddress) -> Bool { space.isAvailable(address) }
            func firstAvailable(inBlock block: Int, atOrAfter start: IPAddress?) -> IPAddress? { space.firstAvailable(inBlock: block, atOrAfter: start) }
            func availableAddress(rank: UInt128, inBlock block: Int) -> IPAddress? { space.availableAddress(rank: rank, inBlock: block) }
            func availableCount(inBlock block: Int) -> AddressCount { space.availableCount(inBlock: block) }
            func heldCount(inBlock block: Int) -> AddressCount { space.heldCount(inBlock: block) }
        }
        // Sizes that wrap by mask (8 /16s, a /64), by division (three odd ranges) and not at all (::/0).
        let layouts: [(IPFamily, [String])] = [
            (.ipv4, (0..<8).map { "10.\($0).0.0/16" }),
            (.ipv4, ["192.0.2.253-192.0.3.2", "198.51.100.0/30", "203.0.113.254-203.0.114.1"]),
            (.ipv4, ["198.51.100.7"]),
            (.ipv6, ["2001:db8::/64"]),
            (.ipv6, ["2001:db8:1::/48", "2001:db8::5-2001:db8::9", "2001:db8:2::/127"]),
            (.ipv6, ["::/0"]),
        ]
        let position = Gen.uint128()
        await propertyCheck(count: 300, input: Gen.int(in: 0...(layouts.count - 1)), position, Gen.int(in: 0...40)) { layout, position, small in
            let (family, blocks) = layouts[layout]
            let space = PoolFamilySpace(family: family, blocks: blocks.map(range), reserved: [], avoidBuggyIPs: false)
            for position in [position, UInt128(small), UInt128.max - UInt128(small)] {
                #expect(space.address(atPosition: position) == Walk(space: space).address(atPosition: position), "layout \(layout), position \(position)")
            }
        }
        let empty = PoolFamilySpace(family: .ipv4, blocks: [], reserved: [], avoidBuggyIPs: false)
        #expect(empty.address(atPosition: 5) == nil)
    }
}
