extension ObjectMeta {
    /// The metadata as the cache keeps it: only the labels and annotations `keepLabel` and
    /// `keepAnnotation` accept, and the uid only when `keepUID`.
    ///
    /// The cache holds every object of its kind for as long as it exists, and much of a real
    /// object's metadata is never read: `kubectl apply` leaves the whole object again in the
    /// `kubectl.kubernetes.io/last-applied-configuration` annotation, and an EndpointSlice carries
    /// its controller's labels (and copies of its Service's). Dropping them at decoding keeps the
    /// cache to what intents and status writes depend on; a change to a dropped entry is no change.
    func retaining(labels keepLabel: (String) -> Bool, annotations keepAnnotation: (String) -> Bool, uid keepUID: Bool = true) -> ObjectMeta {
        var kept = self
        kept.labels = Self.retaining(labels, keepLabel)
        kept.annotations = Self.retaining(annotations, keepAnnotation)
        if !keepUID { kept.uid = nil }
        return kept
    }

    /// Takes `previous`'s labels and annotations where they are equal to this update's: intents
    /// hold a Service's labels, and an update (its status written, a resync) would otherwise leave
    /// the intents holding the old copy and the cache a new one.
    mutating func share(from previous: ObjectMeta) {
        if labels == previous.labels { labels = previous.labels }
        if annotations == previous.annotations { annotations = previous.annotations }
    }

    /// The entries `keep` accepts (nil when none is left); the same dictionary when it accepts all.
    private static func retaining(_ entries: [String: String]?, _ keep: (String) -> Bool) -> [String: String]? {
        guard let entries, entries.keys.contains(where: { !keep($0) }) else { return entries }
        let kept = entries.filter { keep($0.key) }
        return kept.isEmpty ? nil : kept
    }
}
