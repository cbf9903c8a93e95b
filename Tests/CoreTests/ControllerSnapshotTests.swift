import IronLBCore
import IronLBPluginAPI
import Testing

@Suite("ControllerSnapshot status line")
struct ControllerSnapshotTests {
    @Test("Counts pools and services, names each announcer's summary, and calls out services without an address")
    func statusLine() {
        let dryRun = AnnouncerStatus(name: "dry-run", healthy: true, summary: "4 routes (dry run: nothing sent)", announced: [])
        let bgp = AnnouncerStatus(name: "bgp", healthy: false, summary: "1/2 BGP sessions established", announced: [])
        #expect(ControllerSnapshot(pools: 2, services: 4, allocated: 4, announcers: [dryRun]).statusLine
            == "2 pools, 4 services, dry-run: 4 routes (dry run: nothing sent)")
        #expect(ControllerSnapshot(pools: 1, services: 1, allocated: 0, announcers: [dryRun, bgp]).statusLine
            == "1 pool, 1 service, 1 without an address, bgp: 1/2 BGP sessions established, dry-run: 4 routes (dry run: nothing sent)")
    }
}
