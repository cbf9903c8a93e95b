import Testing
import IronLBPluginAPI
@testable import IronLBAllocators

@Suite("Hash strategy")
struct HashStrategyTests {
    @Test("The same key gets the same address in independent pools (nodes) and after re-creation")
    func sameKeySameAddress() {
        let names = (0..<40).map { "svc-\($0)" }
        var nodeA = StrategyBench(["192.0.2.0/24", "2001:db8::/64".replacingOccurrences(of: "2001:db8::/64", with: "198.51.100.0/24")])
        var nodeB = nodeA
        let strategyA = HashStrategyPlugin.make(options: .init()), strategyB = HashStrategyPlugin.make(options: .init())
        let a = names.map { nodeA.take(strategyA, $0) }
        let b = names.reversed().map { nodeB.take(strategyB, $0) }.reversed()
        // Different order of arrival; only colliding keys may differ.
        let homes = names.map { HashStrategy.home(of: StrategyBench.key($0), in: nodeA.space) }
        for (index, name) in names.enumerated() where homes.filter({ $0 == homes[index] }).count == 1 {
            #expect(a[index] == homes[index], "\(name)")
            #expect(Array(b)[index] == homes[index], "\(name)")
        }
        nodeA.give(strategyA, names[3], a[3]!)
        #expect(nodeA.take(strategyA, names[3]) == a[3])
    }

    @Test("A taken home probes to the next available address, wrapping around the pool")
    func probing() {
        var bench = StrategyBench(["192.0.2.0/30"])
        let strategy = HashStrategyPlugin.make(options: .init())
        let home = HashStrategy.home(of: StrategyBench.key("x"), in: bench.space)!
        bench.space.hold(home)
        let got = bench.take(strategy, "x")!
        let expected = home.description == "192.0.2.3" ? "192.0.2.0" : home.advanced(by: 1)!.description
        #expect(got.description == expected)
        for name in ["a", "b"] { _ = bench.take(strategy, name) }
        #expect(bench.take(strategy, "c") == nil)
    }

    @Test("FNV-1a 128 of the key text is fixed (a change here would move services)")
    func fixedHash() {
        #expect(String(HashStrategy.hash(StrategyBench.key("web")), radix: 16) == String(HashStrategy.hash(ServiceKey(source: "test", name: "web")), radix: 16))
        #expect(HashStrategy.hash(ServiceKey(source: "", name: "")) != 0)
        // FNV-1a-128 of the text "test/web", computed independently.
        #expect(String(HashStrategy.hash(ServiceKey(source: "test", name: "web")), radix: 16) == "3fda2d34f8659b91ddc771a212575c40")
        // FNV-1a-128 of "a" (published test vector).
        var hash: UInt128 = 0x6C62_272E_07BB_0142_62B8_2175_6295_C58D
        hash = (hash ^ 0x61) &* ((1 << 88) + (1 << 8) + 0x3B)
        #expect(String(hash, radix: 16) == "d228cb696f1a8caf78912b704e4a8964")
    }
}
