public import IronLBPluginAPI
import Foundation

/// Answers the control API's requests from the controller and the reload coordinator. Pure
/// routing and JSON; the daemon's `ControlServer` carries HTTP over the Unix socket.
package struct ControlAPI: Sendable {
    package let controller: Controller
    package let coordinator: ReloadCoordinator

    /// Creates the API over the running daemon's parts.
    package init(controller: Controller, coordinator: ReloadCoordinator) {
        self.controller = controller
        self.coordinator = coordinator
    }

    /// An HTTP answer: status code, content type, body.
    package struct Response: Sendable {
        package var status: Int
        package var contentType: String
        package var body: [UInt8]

        /// Creates a response.
        package init(status: Int, contentType: String, body: [UInt8]) {
            self.status = status
            self.contentType = contentType
            self.body = body
        }
    }

    /// Answers `method path`.
    package func handle(method: String, path: String) async -> Response {
        switch (method, path) {
        case ("GET", "/v1/status"): return json(await status())
        case ("GET", "/v1/services"): return json(await services())
        case ("GET", "/v1/routes"): return json(RoutesReport(routes: await controller.currentPlan().routes))
        case ("GET", "/v1/config"):
            return Response(status: 200, contentType: "application/yaml", body: Array(await coordinator.runningConfig().normalizedYAML.utf8))
        case ("POST", "/v1/reload"):
            let status = await coordinator.reload(reason: "ironlbctl reload")
            let (outcome, details) = status.report
            return json(ReloadReport(outcome: outcome, generation: status.generation, details: details), status: outcome == "rejected" ? 422 : 200)
        case (_, "/v1/status"), (_, "/v1/services"), (_, "/v1/routes"), (_, "/v1/config"), (_, "/v1/reload"):
            return json(ControlError(error: "\(method) is not allowed on \(path)"), status: 405)
        default:
            return json(ControlError(error: "no such endpoint: \(path)"), status: 404)
        }
    }

    private func status() async -> StatusReport {
        let reload = await coordinator.status
        let config = await coordinator.runningConfig()
        let announcers = await coordinator.announcerStatuses()
        let (outcome, details) = reload.report
        let assignments = await controller.assignments()
        let refusals = await controller.currentRefusals()
        let healthy = reload.lastSucceeded && announcers.allSatisfy(\.healthy)
        return StatusReport(
            version: IronLBVersion.current, configFile: config.file, generation: reload.generation,
            health: healthy ? "ok" : "degraded", lastReload: outcome, lastReloadDetails: details,
            lastSuccessAt: reload.lastSuccessAt, pools: config.pools.count, services: assignments.count + refusals.count,
            refusals: refusals.count, announcers: announcers
        )
    }

    private func services() async -> [ServiceReport] {
        let plan = await controller.currentPlan()
        var announcedBy: [ServiceKey: Set<String>] = [:]
        for (announcer, routes) in plan.routes {
            for route in routes { for key in route.services { announcedBy[key, default: []].insert(announcer) } }
        }
        var reports = await controller.assignments().map { assignment in
            ServiceReport(service: assignment.key.description, pool: assignment.pool, addresses: assignment.addresses.map(\.description),
                          refusal: nil, announcedBy: announcedBy[assignment.key, default: []].sorted())
        }
        for (key, refusal) in await controller.currentRefusals() {
            reports.append(ServiceReport(service: key.description, pool: nil, addresses: [], refusal: refusal.message, announcedBy: []))
        }
        return reports.sorted { $0.service < $1.service }
    }

    private func json(_ value: some Encodable, status: Int = 200) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let body = (try? encoder.encode(value)) ?? Data("{\"error\":\"encoding failed\"}".utf8)
        return Response(status: status, contentType: "application/json", body: Array(body) + [0x0A])
    }
}
