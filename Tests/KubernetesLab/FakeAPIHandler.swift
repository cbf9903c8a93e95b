import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// Serves one connection of the fake API server: authenticates, routes, and streams watches.
final class FakeAPIHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let server: FakeAPIServer
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var watchTask: Task<Void, Never>?

    init(server: FakeAPIServer) {
        self.server = server
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
        case .body(var chunk):
            body.writeBuffer(&chunk)
        case .end:
            guard let head else { return }
            handle(head, body: Data(body.readableBytesView), context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        watchTask?.cancel()
        context.fireChannelInactive()
    }

    private func handle(_ head: HTTPRequestHead, body: Data, context: ChannelHandlerContext) {
        if server.isDown {
            respond(context, .serviceUnavailable, Self.status(503, "ServiceUnavailable", "the server is currently unable to handle the request"))
            return
        }
        guard authenticated(head, context) else {
            server.recordUnauthorized()
            respond(context, .unauthorized, Self.status(401, "Unauthorized", "Unauthorized"))
            return
        }
        let parts = head.uri.split(separator: "?", maxSplits: 1)
        let path = String(parts.first ?? "")
        let query = Self.query(parts.count > 1 ? String(parts[1]) : "")
        if head.method == .GET, let document = FakeAPIDiscovery.document(path, serverAddress: server.url.replacingOccurrences(of: "https://", with: "")) {
            respond(context, .ok, document)
            return
        }
        server.recordRequest("\(head.method) \(head.uri)")
        let collections: [String: FakeAPIStore.Resource] = [
            "/api/v1/services": .services, "/apis/discovery.k8s.io/v1/endpointslices": .endpointslices, "/api/v1/nodes": .nodes,
        ]
        if head.method == .GET, let resource = collections[path] {
            if let flag = query["watch"]?.lowercased(), flag == "1" || flag == "true" {
                watch(resource, query: query, context: context)
            } else {
                respond(context, .ok, server.store.list(resource))
            }
            return
        }
        let segments = path.split(separator: "/").map(String.init)
        if segments.count >= 5, segments.count <= 6, segments[0] == "api", segments[2] == "namespaces", segments[4] == "services" {
            services(
                head.method, namespace: segments[3], name: segments.count == 6 ? segments[5] : nil, body: body,
                contentType: head.headers["Content-Type"].first, context: context
            )
            return
        }
        // A strategic merge patch of status.loadBalancer is a JSON merge patch: its lists are atomic.
        let patchTypes = ["application/merge-patch+json", "application/strategic-merge-patch+json"]
        if head.method == .PATCH, segments.count == 7, segments[0] == "api", segments[2] == "namespaces", segments[4] == "services", segments[6] == "status" {
            guard patchTypes.contains(head.headers["Content-Type"].first ?? ""), let patch = try? JSONValue.parse(body) else {
                respond(context, .unsupportedMediaType, Self.status(415, "UnsupportedMediaType", "the body of the request was in an unknown format"))
                return
            }
            let key = "\(segments[3])/\(segments[5])"
            if server.refusesStatus(of: key) {
                respond(context, .unprocessableEntity, Self.status(422, "Invalid", "admission webhook denied the request"))
                return
            }
            if let updated = server.store.patchServiceStatus(key: key, patch: patch) {
                respond(context, .ok, text: updated)
            } else {
                respond(context, .notFound, Self.status(404, "NotFound", "services \"\(segments[5])\" not found"))
            }
            return
        }
        if head.method == .POST, segments.count == 5, segments[0] == "api", segments[2] == "namespaces", segments[4] == "events" {
            guard var event = try? JSONValue.parse(body), event["involvedObject"]["name"].string != nil, event["reason"].string != nil else {
                respond(context, .unprocessableEntity, Self.status(422, "Invalid", "Event is invalid: involvedObject and reason are required"))
                return
            }
            event["metadata"]["namespace"] = .string(segments[3])
            respond(context, .created, server.store.createEvent(event))
            return
        }
        if segments.count >= 6, segments.prefix(4) == ["apis", "coordination.k8s.io", "v1", "namespaces"], segments[5] == "leases" {
            lease(head.method, namespace: segments[4], name: segments.count == 7 ? segments[6] : nil, body: body, context: context)
            return
        }
        respond(context, .notFound, Self.status(404, "NotFound", "the server could not find the requested resource"))
    }

    /// Whether the request carries the server's token, or came over a connection whose client
    /// certificate the server accepts.
    private func authenticated(_ head: HTTPRequestHead, _ context: ChannelHandlerContext) -> Bool {
        if head.headers["Authorization"].first == "Bearer \(server.token)" { return true }
        guard let certificate = try? context.pipeline.syncOperations.nioSSL_peerCertificate() else { return false }
        return server.accepts(certificate)
    }

    /// POST (create), GET, PUT (update: the status is kept, as the real server does outside /status),
    /// PATCH (merge patch, status kept) and DELETE of one Service.
    private func services(_ method: HTTPMethod, namespace: String, name: String?, body: Data, contentType: String?, context: ChannelHandlerContext) {
        let store = server.store
        let key = "\(namespace)/\(name ?? "")"
        switch (method, name) {
        case (.POST, nil):
            guard var object = try? JSONValue.parse(body), let created = object["metadata"]["name"].string else {
                respond(context, .badRequest, Self.status(400, "BadRequest", "the body of the request could not be decoded"))
                return
            }
            object["metadata"]["namespace"] = .string(namespace)
            object["status"] = .object(["loadBalancer": .object([:])])
            switch store.create(.services, object) {
            case .success(let stored): respond(context, .created, stored)
            case .failure: respond(context, .conflict, Self.status(409, "AlreadyExists", "services \"\(created)\" already exists"))
            }
        case (.GET, _?):
            if let object = store.object(.services, key: key) { respond(context, .ok, object) } else {
                respond(context, .notFound, Self.status(404, "NotFound", "services \"\(name ?? "")\" not found"))
            }
        case (.PUT, let name?):
            guard var object = try? JSONValue.parse(body), let current = store.object(.services, key: key) else {
                respond(context, .notFound, Self.status(404, "NotFound", "services \"\(name)\" not found"))
                return
            }
            object["status"] = current["status"]
            switch store.update(.services, object) {
            case .success(let stored): respond(context, .ok, stored)
            case .failure:
                respond(context, .conflict, Self.status(409, "Conflict", "Operation cannot be fulfilled on services \"\(name)\": the object has been modified; please apply your changes to the latest version and try again"))
            }
        case (.PATCH, let name?):
            // A strategic merge patch of metadata is a JSON merge patch; the status is not touched
            // outside /status.
            let patchTypes = ["application/merge-patch+json", "application/strategic-merge-patch+json"]
            guard patchTypes.contains(contentType ?? ""), var patch = try? JSONValue.parse(body) else {
                respond(context, .unsupportedMediaType, Self.status(415, "UnsupportedMediaType", "the body of the request was in an unknown format"))
                return
            }
            patch["status"] = .null
            if let updated = store.patchService(key: key, patch: patch) { respond(context, .ok, updated) } else {
                respond(context, .notFound, Self.status(404, "NotFound", "services \"\(name)\" not found"))
            }
        case (.DELETE, let name?):
            if let object = store.object(.services, key: key), store.delete(.services, key: key) { respond(context, .ok, object) } else {
                respond(context, .notFound, Self.status(404, "NotFound", "services \"\(name)\" not found"))
            }
        default:
            respond(context, .methodNotAllowed, Self.status(405, "MethodNotAllowed", "the server does not allow this method on the requested resource"))
        }
    }

    /// GET, POST (create) and PUT (update under optimistic concurrency) of a Lease.
    private func lease(_ method: HTTPMethod, namespace: String, name: String?, body: Data, context: ChannelHandlerContext) {
        let store = server.store
        if method == .GET, let name {
            if let lease = store.object(.leases, key: "\(namespace)/\(name)") { respond(context, .ok, lease) } else {
                respond(context, .notFound, Self.status(404, "NotFound", "leases.coordination.k8s.io \"\(name)\" not found"))
            }
            return
        }
        guard var object = try? JSONValue.parse(body) else {
            respond(context, .badRequest, Self.status(400, "BadRequest", "the body of the request could not be decoded"))
            return
        }
        object["metadata"]["namespace"] = .string(namespace)
        let leaseName = object["metadata"]["name"].string ?? ""
        let result: Result<JSONValue, FakeAPIStore.WriteConflict>
        switch (method, name) {
        case (.POST, nil): result = store.create(.leases, object)
        case (.PUT, let name?) where name == leaseName: result = store.update(.leases, object)
        default:
            respond(context, .methodNotAllowed, Self.status(405, "MethodNotAllowed", "the server does not allow this method on the requested resource"))
            return
        }
        switch result {
        case .success(let stored): respond(context, method == .POST ? .created : .ok, stored)
        case .failure(.alreadyExists):
            respond(context, .conflict, Self.status(409, "AlreadyExists", "leases.coordination.k8s.io \"\(leaseName)\" already exists"))
        case .failure(.modified):
            respond(context, .conflict, Self.status(409, "Conflict", "Operation cannot be fulfilled on leases.coordination.k8s.io \"\(leaseName)\": the object has been modified; please apply your changes to the latest version and try again"))
        case .failure(.notFound):
            respond(context, .notFound, Self.status(404, "NotFound", "leases.coordination.k8s.io \"\(leaseName)\" not found"))
        }
    }

    private func watch(_ resource: FakeAPIStore.Resource, query: [String: String], context: ChannelHandlerContext) {
        var head = HTTPResponseHead(version: .http1_1, status: .ok)
        head.headers.add(name: "Content-Type", value: "application/json")
        head.headers.add(name: "Transfer-Encoding", value: "chunked")
        context.writeAndFlush(wrapOutboundOut(.head(head)), promise: nil)
        let channel = context.channel
        let from = Int(query["resourceVersion"] ?? "") ?? server.store.revision
        let timeout = Int(query["timeoutSeconds"] ?? "") ?? 1800
        guard let watch = server.store.watch(resource, from: from) else {
            let status = Self.status(410, "Expired", "too old resource version: \(from) (\(server.store.revision))")
            Self.send(channel, .object(["type": .string("ERROR"), "object": status]))
            channel.writeAndFlush(HTTPServerResponsePart.end(nil), promise: nil)
            return
        }
        let store = server.store
        let backlog = watch.backlog
        let live = watch.live
        let id = watch.id
        let task = Task { await FakeAPIHandler.stream(backlog, live, id: id, store: store, channel: channel, timeout: timeout) }
        watchTask = task
    }

    /// Writes the backlog, then live events, until the watch times out or is stopped.
    private static func stream(
        _ backlog: [FakeAPIStore.Event], _ live: AsyncStream<FakeAPIStore.Event>, id: Int, store: FakeAPIStore, channel: any Channel, timeout: Int
    ) async {
        for event in backlog { send(channel, event.line) }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await event in live { send(channel, event.line) }
            }
            group.addTask { try? await Task.sleep(for: .seconds(timeout)) }
            await group.next()
            group.cancelAll()
        }
        store.stopWatching(id)
        channel.writeAndFlush(HTTPServerResponsePart.end(nil), promise: nil)
    }

    private static func send(_ channel: any Channel, _ value: JSONValue) {
        send(channel, value.bytes + [UInt8(ascii: "\n")])
    }

    private static func send(_ channel: any Channel, _ line: [UInt8]) {
        channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: line))), promise: nil)
    }

    private func respond(_ context: ChannelHandlerContext, _ status: HTTPResponseStatus, _ value: JSONValue) {
        respond(context, status, text: value.bytes)
    }

    private func respond(_ context: ChannelHandlerContext, _ status: HTTPResponseStatus, text: [UInt8]) {
        let bytes = ByteBuffer(bytes: text)
        var head = HTTPResponseHead(version: .http1_1, status: status)
        head.headers.add(name: "Content-Type", value: "application/json")
        head.headers.add(name: "Content-Length", value: String(bytes.readableBytes))
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(bytes))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    /// A `Status` object as the API server returns with errors.
    static func status(_ code: Int, _ reason: String, _ message: String) -> JSONValue {
        .object([
            "kind": .string("Status"), "apiVersion": .string("v1"), "metadata": .object([:]),
            "status": .string("Failure"), "message": .string(message), "reason": .string(reason), "code": .number(Double(code)),
        ])
    }

    private static func query(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            let key = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            result[key] = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
        }
        return result
    }
}
