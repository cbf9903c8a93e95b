package import IronLBPluginAPI

/// A cheap count of what the controller holds, for the systemd status line and the watchdog.
package struct ControllerSnapshot: Sendable, Equatable {
    /// Configured pools.
    package var pools: Int
    /// Services the sources have declared.
    package var services: Int
    /// Services that hold addresses.
    package var allocated: Int
    /// Announcer statuses, by announcer name.
    package var announcers: [AnnouncerStatus]

    /// Creates a snapshot.
    package init(pools: Int, services: Int, allocated: Int, announcers: [AnnouncerStatus]) {
        self.pools = pools
        self.services = services
        self.allocated = allocated
        self.announcers = announcers
    }

    /// One line for `systemctl status`: "2 pools, 4 services, dry-run: 4 routes (dry run: nothing
    /// sent)". Refused services are called out, since that is what an operator must act on.
    package var statusLine: String {
        var parts = ["\(pools) pool\(pools == 1 ? "" : "s")", "\(services) service\(services == 1 ? "" : "s")"]
        if allocated < services { parts.append("\(services - allocated) without an address") }
        for announcer in announcers.sorted(by: { $0.name < $1.name }) {
            parts.append("\(announcer.name): \(announcer.summary)")
        }
        return parts.joined(separator: ", ")
    }
}
