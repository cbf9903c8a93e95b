import Foundation
import Synchronization

/// The object store of the fake API server, with the real server's versioning semantics: one
/// global resourceVersion counter, a bounded event history per resource that can be compacted (a
/// watch from before the compaction gets 410 Expired), and watchers fed in order.
package final class FakeAPIStore: Sendable {
    /// A collection the server serves: its list kind and its objects' kind and apiVersion.
    package enum Resource: String, Sendable, CaseIterable {
        case services, endpointslices, nodes, leases

        package var listKind: String {
            switch self {
            case .services: "ServiceList"
            case .endpointslices: "EndpointSliceList"
            case .nodes: "NodeList"
            case .leases: "LeaseList"
            }
        }
        package var kind: String {
            switch self {
            case .services: "Service"
            case .endpointslices: "EndpointSlice"
            case .nodes: "Node"
            case .leases: "Lease"
            }
        }
        package var apiVersion: String {
            switch self {
            case .endpointslices: "discovery.k8s.io/v1"
            case .leases: "coordination.k8s.io/v1"
            case .services, .nodes: "v1"
            }
        }
    }

    /// One line a watcher receives, or the end of its stream.
    package struct Event: Sendable {
        package var revision: Int
        package var type: String
        package var object: JSONValue
        /// The object as JSON text, encoded once when the change is recorded: the watch line and
        /// the answer to the write that made the change both send it.
        package var objectText: [UInt8]

        init(revision: Int, type: String, object: JSONValue) {
            self.revision = revision
            self.type = type
            self.object = object
            objectText = object.bytes
        }

        /// The watch line: `{"object":...,"type":"..."}` and a newline, members sorted by key as
        /// ``JSONValue/bytes`` writes them.
        package var line: [UInt8] {
            var line: [UInt8] = []
            line.reserveCapacity(objectText.count + type.utf8.count + 22)
            line.append(contentsOf: #"{"object":"#.utf8)
            line.append(contentsOf: objectText)
            line.append(contentsOf: #","type":""#.utf8)
            line.append(contentsOf: type.utf8)
            line.append(contentsOf: "\"}\n".utf8)
            return line
        }
    }

    /// A status subresource write, as received.
    package struct StatusWrite: Sendable, Equatable {
        package var key: String
        package var patch: JSONValue
        /// When the server took it.
        package var at: ContinuousClock.Instant = .now
    }

    private struct State {
        var revision = 100
        var objects: [Resource: [String: JSONValue]] = [:]
        var history: [Resource: [Event]] = [:]
        var compactedThrough = 0
        var watchers: [Int: (Resource, AsyncStream<Event>.Continuation)] = [:]
        var nextWatcher = 0
        var statusWrites: [StatusWrite] = []
        var statusWritten: Set<String> = []
        var events: [JSONValue] = []
        var watchRequests = 0
        var listRequests = 0
    }

    private let state = Mutex(State())

    /// The current resourceVersion.
    package var revision: Int { state.withLock { $0.revision } }
    /// Every status write so far.
    package var statusWrites: [StatusWrite] { state.withLock { $0.statusWrites } }
    /// How many Services have had their status written at least once (kept as writes come, so the
    /// scale run can poll it every 50 ms without rebuilding a set of 10,000 keys each time).
    package var servicesWithStatusWritten: Int { state.withLock { $0.statusWritten.count } }
    /// Every Event created so far.
    package var events: [JSONValue] { state.withLock { $0.events } }
    /// How many list requests were served.
    package var listRequests: Int { state.withLock { $0.listRequests } }

    /// Creates or replaces an object (`ADDED` or `MODIFIED`), giving it the next resourceVersion.
    @discardableResult
    package func put(_ resource: Resource, _ object: JSONValue) -> JSONValue {
        state.withLock { state in
            var object = object
            object["kind"] = .string(resource.kind)
            object["apiVersion"] = .string(resource.apiVersion)
            let key = Self.key(of: object)
            let existed = state.objects[resource]?[key] != nil
            if !existed { object["metadata"]["uid"] = .string(UUID().uuidString.lowercased()) }
            else { object["metadata"]["uid"] = state.objects[resource]?[key]?["metadata"]["uid"] ?? .null }
            return Self.record(&state, resource, existed ? "MODIFIED" : "ADDED", object).object
        }
    }

    /// Creates or replaces an object without telling watchers or keeping history: a change a
    /// watch missed, which only a new list reveals.
    package func putUnannounced(_ resource: Resource, _ object: JSONValue) {
        state.withLock { state in
            var object = object
            state.revision += 1
            object["metadata"]["resourceVersion"] = .string(String(state.revision))
            state.objects[resource, default: [:]][Self.key(of: object)] = object
        }
    }

    /// Creates an Event, naming it from its `generateName`.
    package func createEvent(_ event: JSONValue) -> JSONValue {
        state.withLock { state in
            var event = event
            state.revision += 1
            event["metadata"]["name"] = .string((event["metadata"]["generateName"].string ?? "event.") + String(state.revision, radix: 16))
            event["metadata"]["resourceVersion"] = .string(String(state.revision))
            state.events.append(event)
            return event
        }
    }

    /// Why a create or an update was refused.
    package enum WriteConflict: Error {
        case alreadyExists
        case modified
        case notFound
    }

    /// Creates an object that must not exist yet (POST).
    package func create(_ resource: Resource, _ object: JSONValue) -> Result<JSONValue, WriteConflict> {
        if self.object(resource, key: Self.key(of: object)) != nil { return .failure(.alreadyExists) }
        return .success(put(resource, object))
    }

    /// Replaces an object whose `metadata.resourceVersion` must be the current one (PUT): the
    /// optimistic concurrency that leader election relies on.
    package func update(_ resource: Resource, _ object: JSONValue) -> Result<JSONValue, WriteConflict> {
        state.withLock { state in
            let key = Self.key(of: object)
            guard let current = state.objects[resource]?[key] else { return .failure(.notFound) }
            guard object["metadata"]["resourceVersion"] == current["metadata"]["resourceVersion"] else { return .failure(.modified) }
            var object = object
            object["kind"] = .string(resource.kind)
            object["apiVersion"] = .string(resource.apiVersion)
            object["metadata"]["uid"] = current["metadata"]["uid"]
            return .success(Self.record(&state, resource, "MODIFIED", object).object)
        }
    }

    /// Deletes an object (`DELETED`); false when it did not exist.
    @discardableResult
    package func delete(_ resource: Resource, key: String) -> Bool {
        state.withLock { state in
            guard let object = state.objects[resource]?[key] else { return false }
            _ = Self.record(&state, resource, "DELETED", object)
            return true
        }
    }

    /// The object `key`, if present.
    package func object(_ resource: Resource, key: String) -> JSONValue? {
        state.withLock { $0.objects[resource]?[key] }
    }

    /// A list response body, as `GET /api/v1/services` returns it.
    package func list(_ resource: Resource) -> JSONValue {
        state.withLock { state in
            state.listRequests += 1
            let items = (state.objects[resource] ?? [:]).sorted { $0.key < $1.key }.map(\.value)
            return .object([
                "kind": .string(resource.listKind), "apiVersion": .string(resource.apiVersion),
                "metadata": .object(["resourceVersion": .string(String(state.revision))]),
                "items": .array(items),
            ])
        }
    }

    /// Starts a watch from `resourceVersion`: the events after it, then live ones; nil when the
    /// version is older than the compacted history (the caller answers 410 Expired).
    package func watch(_ resource: Resource, from resourceVersion: Int) -> (id: Int, backlog: [Event], live: AsyncStream<Event>)? {
        state.withLock { state in
            state.watchRequests += 1
            guard resourceVersion >= state.compactedThrough else { return nil }
            let backlog = (state.history[resource] ?? []).filter { $0.revision > resourceVersion }
            let (stream, continuation) = AsyncStream.makeStream(of: Event.self)
            let id = state.nextWatcher
            state.nextWatcher += 1
            state.watchers[id] = (resource, continuation)
            return (id, backlog, stream)
        }
    }

    /// Ends a watcher's stream.
    package func stopWatching(_ id: Int) {
        let continuation = state.withLock { $0.watchers.removeValue(forKey: id)?.1 }
        continuation?.finish()
    }

    /// How many watches are open now.
    package var openWatches: Int { state.withLock { $0.watchers.count } }

    /// Forgets all history up to now: watches from an older resourceVersion get 410 Expired.
    package func compact() {
        state.withLock { state in
            state.compactedThrough = state.revision
            state.history = [:]
        }
    }

    /// Applies a merge patch to the status of a Service; the updated object as JSON text, or nil
    /// when absent.
    package func patchServiceStatus(key: String, patch: JSONValue) -> [UInt8]? {
        state.withLock { state in
            guard var object = state.objects[.services]?[key] else { return nil }
            state.statusWrites.append(StatusWrite(key: key, patch: patch))
            state.statusWritten.insert(key)
            object["status"] = object["status"].merging(patch["status"])
            return Self.record(&state, .services, "MODIFIED", object).objectText
        }
    }

    /// Applies a merge patch to a Service (its status excepted); the updated object, or nil when absent.
    package func patchService(key: String, patch: JSONValue) -> JSONValue? {
        state.withLock { state in
            guard let object = state.objects[.services]?[key] else { return nil }
            var merged = object.merging(patch)
            merged["status"] = object["status"]
            merged["metadata"]["resourceVersion"] = object["metadata"]["resourceVersion"]
            return Self.record(&state, .services, "MODIFIED", merged).object
        }
    }

    /// Sends a BOOKMARK at the current resourceVersion to every watcher.
    package func bookmark() {
        state.withLock { state in
            for (resource, continuation) in state.watchers.values {
                let object: JSONValue = .object([
                    "kind": .string(resource.kind), "apiVersion": .string(resource.apiVersion),
                    "metadata": .object(["resourceVersion": .string(String(state.revision))]),
                ])
                continuation.yield(Event(revision: state.revision, type: "BOOKMARK", object: object))
            }
        }
    }

    private static func record(_ state: inout State, _ resource: Resource, _ type: String, _ object: JSONValue) -> Event {
        state.revision += 1
        var object = object
        object["metadata"]["resourceVersion"] = .string(String(state.revision))
        let key = key(of: object)
        if type == "DELETED" { state.objects[resource]?[key] = nil } else { state.objects[resource, default: [:]][key] = object }
        let event = Event(revision: state.revision, type: type, object: object)
        state.history[resource, default: []].append(event)
        for (watched, continuation) in state.watchers.values where watched == resource { continuation.yield(event) }
        return event
    }

    /// `namespace/name`, or `name` for cluster-scoped objects.
    package static func key(of object: JSONValue) -> String {
        let name = object["metadata"]["name"].string ?? ""
        guard let namespace = object["metadata"]["namespace"].string else { return name }
        return "\(namespace)/\(name)"
    }
}
