import IronLBPluginAPI

extension ControlAPI {
    func status() async -> StatusReport {
        let reload = await coordinator.status
        let config = await coordinator.runningConfig()
        let announcers = await coordinator.announcerStatuses()
        let (outcome, details) = reload.report
        let assignments = await controller.assignments()
        let refusals = await controller.currentRefusals()
        let maintenance = await controller.currentMaintenance
        let healthy = reload.lastSucceeded && announcers.allSatisfy(\.healthy)
        return StatusReport(
            version: IronLBVersion.current, configFile: config.file, generation: reload.generation,
            health: healthy ? "ok" : "degraded", lastReload: outcome, lastReloadDetails: details,
            lastSuccessAt: reload.lastSuccessAt, pools: config.pools.count, services: assignments.count + refusals.count,
            refusals: refusals.count, maintenance: maintenance, announcers: announcers
        )
    }

    func services() async -> [ServiceReport] {
        let plan = await controller.currentPlan()
        var announcedBy: [ServiceKey: Set<String>] = [:]
        for (announcer, routes) in plan.routes {
            for route in routes { for key in route.services { announcedBy[key, default: []].insert(announcer) } }
        }
        let assignments = await controller.assignments()
        let sharingKeys = await controller.sharingKeys()
        var holders: [IPAddress: [ServiceKey]] = [:]
        for assignment in assignments { for address in assignment.addresses { holders[address, default: []].append(assignment.key) } }
        var reports = assignments.map { assignment in
            let shared = Set(assignment.addresses.flatMap { holders[$0] ?? [] }).subtracting([assignment.key])
            return ServiceReport(service: assignment.key.description, pool: assignment.pool, addresses: assignment.addresses.map(\.description),
                                 refusal: nil, announcedBy: announcedBy[assignment.key, default: []].sorted(),
                                 sharingKey: sharingKeys[assignment.key], sharedWith: shared.sorted().map(\.description))
        }
        for (key, refusal) in await controller.currentRefusals() {
            reports.append(ServiceReport(service: key.description, pool: nil, addresses: [], refusal: refusal.message, announcedBy: [],
                                         sharingKey: sharingKeys[key], sharedWith: []))
        }
        for (key, conflict) in await controller.currentConflicts() {
            for index in reports.indices where reports[index].service == key.description { reports[index].conflict = conflict }
        }
        return reports.sorted { $0.service < $1.service }
    }

    func explain(_ key: ServiceKey) async -> Response {
        guard var report = await controller.explain(key) else {
            return json(ControlError(error: "no service \(key): see `ironlbctl services`"), status: 404)
        }
        let prefixes = Set(report.routes.values.flatMap { $0.map(\.prefix) })
        report.sent = await coordinator.exportedRoutes().filter { prefixes.contains($0.prefix) }
        if !prefixes.isEmpty && report.sent.isEmpty && report.routes.keys.contains(where: { $0 != "dry-run" }) {
            report.announcement.append("no neighbour holds it yet: see `ironlbctl peers`")
        }
        return json(report)
    }

    func peers() async -> [PeerReport] {
        await coordinator.announcerStatuses().flatMap { status in status.peers.map { PeerReport(announcer: status.name, peer: $0) } }
    }

    func sentRoutes() async -> [ExportedRoute] {
        await coordinator.exportedRoutes()
    }
}
