import IronLBPluginAPI

extension IntentBuilder {
    /// `intents` with every intent that equals the one `delivered` holds for its key replaced by
    /// that one (both sorted by key, as ``intents(from:following:)`` returns them).
    ///
    /// Each batch builds every intent afresh (its ports, its recorded addresses), while the
    /// controller keeps the intents it already has when they are equal: without this, the source's
    /// last delivered intents and the controller's would be two copies of the same 10,000 Services.
    static func sharing(_ intents: [ServiceIntent], with delivered: [ServiceIntent]) -> [ServiceIntent] {
        var shared = intents
        var next = delivered.startIndex
        for index in shared.indices {
            let key = shared[index].key
            while next < delivered.endIndex && delivered[next].key < key { next += 1 }
            guard next < delivered.endIndex else { break }
            if delivered[next] == shared[index] { shared[index] = delivered[next] }
        }
        return shared
    }
}
