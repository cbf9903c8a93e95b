import Foundation
package import IronLBPluginAPI

extension Controller {
    /// The state file that keeps a drain across restarts (a drained node stays drained until undrain).
    static let maintenanceFile = "maintenance"

    /// What `drain` and `undrain` did.
    package struct MaintenanceReport: Codable, Sendable, Equatable {
        /// Where the node stands now.
        package var maintenance: Maintenance
        /// The routes the announcers were asked to announce when the drain started or ended.
        package var routes: Int
        /// Seconds from the request to the last step handed to the announcers.
        package var seconds: Double
    }

    /// Drains this node: re-announces every route with the graceful-shutdown signal, waits `wait`
    /// so that the routers move traffic away, then withdraws everything. Sessions stay up. The drain
    /// is recorded in the state directory before anything is sent, so a restart stays drained.
    package func drain(wait: Duration) async throws -> MaintenanceReport {
        let started = ContinuousClock.now
        try persistMaintenance(.withdrawn)
        await applyMaintenance(.gracefulShutdown)
        try? await Task.sleep(for: wait)
        // An undrain during the wait wins.
        if maintenance == .gracefulShutdown { await applyMaintenance(.withdrawn) }
        return MaintenanceReport(maintenance: maintenance, routes: plan.routes.values.reduce(0) { $0 + $1.count },
                                 seconds: Self.seconds(ContinuousClock.now - started))
    }

    /// Ends a drain: the routes are announced as configured again.
    package func undrain() async throws -> MaintenanceReport {
        let started = ContinuousClock.now
        try persistMaintenance(.normal)
        await applyMaintenance(.normal)
        return MaintenanceReport(maintenance: maintenance, routes: plan.routes.values.reduce(0) { $0 + $1.count },
                                 seconds: Self.seconds(ContinuousClock.now - started))
    }

    /// Where this node stands.
    package var currentMaintenance: Maintenance { maintenance }

    /// Tells every announcer, in name order.
    func applyMaintenance(_ next: Maintenance) async {
        maintenance = next
        metrics.maintenance(next)
        logger.notice("maintenance: \(next.rawValue)", metadata: ["routes": "\(plan.routes.values.reduce(0) { $0 + $1.count })"])
        for (_, announcer) in announcers.sorted(by: { $0.key < $1.key }) { await announcer.setMaintenance(next) }
    }

    private func persistMaintenance(_ next: Maintenance) throws(AllocationStoreError) {
        guard let stateDirectory else { return }
        if next == .normal {
            try DurableFile.remove(Self.maintenanceFile, in: stateDirectory)
        } else {
            try DurableFile.replace(Self.maintenanceFile, in: stateDirectory, with: Array("\(next.rawValue)\n".utf8))
        }
    }

    /// The drain recorded in `directory`, if any.
    static func recordedMaintenance(in directory: String) throws(AllocationStoreError) -> Maintenance {
        guard let bytes = try DurableFile.contents(of: maintenanceFile, in: directory) else { return .normal }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        // Whatever was recorded, a node that was draining when it stopped comes back withdrawn.
        return Maintenance(rawValue: text) == .normal ? .normal : .withdrawn
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
