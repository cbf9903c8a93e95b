import IronLBPluginAPI

/// The distinct requests behind current assignments, each stored once and counted: thousands of
/// services usually ask for one of a handful of requests (`ipv4`, `ipv6`, a pool by name).
///
/// The few most recently used requests are compared first, so the common case costs an equality
/// check instead of hashing a whole `AddressRequest`.
struct RequestTable {
    /// By id; a vacant id keeps a default request and no references.
    private var requests: [AddressRequest] = []
    private var references: [Int32] = []
    private var ids: [AddressRequest: Int32] = [:]
    private var vacant: [Int32] = []
    /// Recently used ids, most recent first.
    private var recent: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)

    /// The request stored under `id`.
    subscript(id: Int32) -> AddressRequest { requests[Int(id)] }

    /// Distinct requests stored.
    var count: Int { ids.count }

    /// Stores one more reference to `request` and returns its id.
    mutating func retain(_ request: AddressRequest) -> Int32 {
        let id = existing(request) ?? add(request)
        references[Int(id)] += 1
        if recent.0 != id { recent = (id, recent.0, recent.1, recent.2) }
        return id
    }

    /// Drops one reference to `id`; the request goes when nobody refers to it.
    mutating func release(_ id: Int32) {
        references[Int(id)] -= 1
        guard references[Int(id)] == 0 else { return }
        ids[requests[Int(id)]] = nil
        requests[Int(id)] = AddressRequest()
        vacant.append(id)
    }

    private func existing(_ request: AddressRequest) -> Int32? {
        if stores(request, at: recent.0) { return recent.0 }
        if stores(request, at: recent.1) { return recent.1 }
        if stores(request, at: recent.2) { return recent.2 }
        if stores(request, at: recent.3) { return recent.3 }
        return ids[request]
    }

    private func stores(_ request: AddressRequest, at id: Int32) -> Bool {
        guard id >= 0, references[Int(id)] > 0 else { return false }
        // Read in place, families first: requests of the other family (the usual neighbour) differ
        // there, and equal requests usually share their parts, which compare by identity first.
        // (`==` checks families first too, but is not inlined here: leaving this check to it cost
        // about 60 instructions an allocation.)
        return requests.withUnsafeBufferPointer { requests in
            requests[Int(id)].families == request.families && requests[Int(id)] == request
        }
    }

    private mutating func add(_ request: AddressRequest) -> Int32 {
        let id = requests.store(request, reusing: &vacant)
        if references.count < requests.count { references.append(0) }
        ids[request] = id
        return id
    }
}
