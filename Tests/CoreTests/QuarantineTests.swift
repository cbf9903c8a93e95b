import Testing
@testable import IronLBCore
import IronLBPluginAPI

@Suite("Quarantine")
struct QuarantineTests {
    /// Two service keys whose `SlotHash` under `hash` is the same (a birthday search: a 32-bit hash
    /// repeats within about 100,000 names).
    static func collidingKeys(_ hash: SlotHash) -> (ServiceKey, ServiceKey) {
        var seen: [UInt32: String] = [:]
        for index in 0... {
            let name = "svc-\(index)"
            let value = hash("default", name)
            if let earlier = seen[value] { return (ServiceKey(source: "default", name: earlier), ServiceKey(source: "default", name: name)) }
            seen[value] = name
        }
        fatalError("unreachable")
    }

    func at(_ seconds: Int64) -> WallClockInstant { WallClockInstant(nanosecondsSinceEpoch: seconds * 1_000_000_000) }

    @Test("Services whose keys hash alike each get back only the address they left")
    func collidingKeys() {
        let hash = SlotHash(seed: 7)
        let (a, b) = Self.collidingKeys(hash)
        #expect(a != b && hash(a.source, a.name) == hash(b.source, b.name))
        var quarantine = Quarantine(hash: hash)
        let x = IPAddress("192.0.2.1")!, y = IPAddress("192.0.2.2")!, z = IPAddress("2001:db8::1")!
        quarantine.add(x, Quarantine.Entry(key: a, pool: "p", until: at(10)))
        quarantine.add(y, Quarantine.Entry(key: b, pool: "p", until: at(20)))
        quarantine.add(z, Quarantine.Entry(key: b, pool: "p", until: at(20)))
        #expect(quarantine.address(leftBy: a, inPool: "p", family: .ipv4) == x)
        #expect(quarantine.address(leftBy: b, inPool: "p", family: .ipv4) == y)
        #expect(quarantine.address(leftBy: b, inPool: "p", family: .ipv6) == z)
        #expect(quarantine.address(leftBy: a, inPool: "p", family: .ipv6) == nil)
        #expect(quarantine.address(leftBy: b, inPool: "q", family: .ipv4) == nil)

        // The address changes hands: it is b's now, and a has nothing left.
        quarantine.add(x, Quarantine.Entry(key: b, pool: "p", until: at(30)))
        #expect(quarantine.address(leftBy: a, inPool: "p", family: .ipv4) == nil)
        #expect(quarantine.remove(y)?.key == b)
        #expect(quarantine.address(leftBy: b, inPool: "p", family: .ipv4) == x)

        // x's first entry (until 10) was replaced: expiring at 25 ends z's cool-down only.
        #expect(quarantine.expire(at: at(25)).map(\.0) == [z])
        #expect(quarantine.count == 1)
        #expect(quarantine.expire(at: at(30)).map(\.0) == [x])
        #expect(quarantine.count == 0 && quarantine.address(leftBy: b, inPool: "p", family: .ipv4) == nil)
    }
}
