package import IronLBPluginAPI

/// The routes each announcer should announce: a pure function of the assignments, the
/// advertisements and whether this node may announce each service.
package struct AnnouncementPlan: Equatable, Sendable {
    /// Desired routes per announcer name, sorted.
    package var routes: [String: [DesiredRoute]]

    /// Computes the plan. Every configured announcer gets an entry, empty when it has nothing to
    /// announce, so that it withdraws what it announced before.
    package static func compute(
        assignments: some Collection<Assignment>,
        intents: [ServiceKey: ServiceIntent],
        advertisements: [AdvertisementConfig],
        announcers: some Collection<String>
    ) -> AnnouncementPlan {
        var byPool: [String: [AdvertisementConfig]] = [:]
        for advertisement in advertisements {
            for pool in advertisement.pools { byPool[pool, default: []].append(advertisement) }
        }
        var services: [PlannedRouteKey: [ServiceKey]] = [:]
        for assignment in assignments {
            guard intents[assignment.key]?.announceFromThisNode ?? false else { continue }
            for advertisement in byPool[assignment.pool] ?? [] {
                for address in assignment.addresses {
                    let key = PlannedRouteKey(announcer: advertisement.announcer, prefix: IPPrefix.host(address), advertisement: advertisement.name)
                    services[key, default: []].append(assignment.key)
                }
            }
        }
        var routes: [String: [DesiredRoute]] = Dictionary(uniqueKeysWithValues: announcers.map { ($0, []) })
        for (key, keys) in services {
            routes[key.announcer, default: []].append(DesiredRoute(prefix: key.prefix, advertisement: key.advertisement, services: keys.sorted()))
        }
        for name in routes.keys { routes[name]?.sort() }
        return AnnouncementPlan(routes: routes)
    }
}

/// One route of the plan before its services are collected.
private struct PlannedRouteKey: Hashable {
    var announcer: String
    var prefix: IPPrefix
    var advertisement: String
}
