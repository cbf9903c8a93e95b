import IronLBPluginAPI

/// Records a `Normal` Event `AnnouncingFrom` on a Service when this node starts announcing its
/// addresses, or announces them through other announcers: one Event per change, none while
/// nothing changes (resyncs, status writes) and none when announcing stops.
actor AnnouncementEvents {
    private var announced: [ServiceKey: [String]] = [:]
    private let node: String
    private let cache: ClusterCache
    private let events: EventRecorder

    init(node: String, cache: ClusterCache, events: EventRecorder) {
        self.node = node
        self.cache = cache
        self.events = events
    }

    /// Takes the announcers that carry each Service's routes from this node now.
    func update(_ picture: AssignmentPicture) async {
        let started = Self.changes(from: announced, to: picture.announcers)
        announced = picture.announcers
        guard !started.isEmpty else { return }
        // Only the metadata is kept while the Events are queued: the cached Services, held across
        // those awaits, would be copied whole by the first change the cache takes meanwhile.
        let recipients: [(ObjectMeta, ServiceKey, [String])]
        do {
            let services = await cache.snapshot.services.objects
            recipients = started.compactMap { key, announcers in services[key.name].map { ($0.metadata, key, announcers) } }
        }
        for (metadata, key, announcers) in recipients {
            await events.record(metadata, type: "Normal", reason: "AnnouncingFrom", message: Self.message(
                node: node, addresses: picture.addresses[key] ?? [], announcers: announcers
            ))
        }
    }

    /// The Services announced through a set of announcers that differs from `before` (sorted by key).
    static func changes(from before: [ServiceKey: [String]], to after: [ServiceKey: [String]]) -> [(ServiceKey, [String])] {
        after.filter { key, announcers in !announcers.isEmpty && before[key] != announcers }.sorted { $0.key < $1.key }
    }

    /// `announcing 192.0.2.0 from node "node-a" with announcer "bgp"`, after MetalLB's wording.
    static func message(node: String, addresses: [IPAddress], announcers: [String]) -> String {
        let names = announcers.map { "\"\($0)\"" }.joined(separator: ", ")
        let what = addresses.isEmpty ? "" : addresses.map(\.description).joined(separator: ", ") + " "
        return "announcing \(what)from node \"\(node)\" with announcer\(announcers.count == 1 ? "" : "s") \(names)"
    }
}
