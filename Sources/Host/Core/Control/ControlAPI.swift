import IronLBPluginAPI
import Foundation

/// Answers the control API's requests from the controller, the reload coordinator and the local
/// source. Pure routing and JSON; the daemon's `ControlServer` carries HTTP over the Unix socket.
/// The endpoints are listed in docs/operations.md.
package struct ControlAPI: Sendable {
    package let controller: Controller
    package let coordinator: ReloadCoordinator
    package let local: LocalSource?

    /// Creates the API over the running daemon's parts.
    package init(controller: Controller, coordinator: ReloadCoordinator, local: LocalSource? = nil) {
        self.controller = controller
        self.coordinator = coordinator
        self.local = local
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

    /// Answers `method target` (a path with an optional query) with `body`.
    package func handle(method: String, path target: String, body: [UInt8] = []) async -> Response {
        let (path, query) = Self.split(target)
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map { String($0).removingPercentEncoding ?? String($0) }
        guard segments.first == "v1", segments.count >= 2 else { return json(ControlError(error: "no such endpoint: \(path)"), status: 404) }
        let rest = Array(segments.dropFirst(2))
        switch (segments[1], rest.count) {
        case ("status", 0): return await get(method) { json(await status()) }
        case ("config", 0):
            return await get(method) { Response(status: 200, contentType: "application/yaml", body: Array(await coordinator.runningConfig().normalizedYAML.utf8)) }
        case ("pools", 0): return await get(method) { json(await controller.poolReports()) }
        case ("services", 0): return await get(method) { json(await services()) }
        case ("services", 2...): return await get(method) { await explain(ServiceKey(source: rest[0], name: rest.dropFirst().joined(separator: "/"))) }
        case ("peers", 0): return await get(method) { json(await peers()) }
        case ("routes", 0): return await get(method) { json(RoutesReport(routes: await controller.currentPlan().routes)) }
        case ("routes", 1) where rest[0] == "sent": return await get(method) { json(await sentRoutes()) }
        case ("reload", 0): return await post(method) { await reload() }
        case ("drain", 0): return await post(method) { await drain(query) }
        case ("undrain", 0): return await post(method) { await undrain() }
        case ("local", 0): return await get(method) { await localList() }
        case ("local", 1): return await localWorkload(method: method, name: rest[0], body: body)
        default: return json(ControlError(error: "no such endpoint: \(path)"), status: 404)
        }
    }

    private func get(_ method: String, _ answer: () async -> Response) async -> Response {
        method == "GET" || method == "HEAD" ? await answer() : json(ControlError(error: "\(method) is not allowed here; use GET"), status: 405)
    }

    private func post(_ method: String, _ answer: () async -> Response) async -> Response {
        method == "POST" ? await answer() : json(ControlError(error: "\(method) is not allowed here; use POST"), status: 405)
    }

    private func reload() async -> Response {
        let status = await coordinator.reload(reason: "ironlbctl reload")
        let (outcome, details) = status.report
        return json(ReloadReport(outcome: outcome, generation: status.generation, details: details), status: outcome == "rejected" ? 422 : 200)
    }

    private func drain(_ query: [String: String]) async -> Response {
        var wait = Duration.seconds(0)
        if let text = query["wait"] {
            guard let parsed = ConfigDuration.parse(text), parsed <= .seconds(3600) else {
                return json(ControlError(error: "wait=\(text) is not a duration of at most 1h (e.g. 30s)"), status: 400)
            }
            wait = parsed
        }
        do { return json(try await controller.drain(wait: wait)) } catch {
            return json(ControlError(error: "cannot record the drain: \(error)"), status: 500)
        }
    }

    private func undrain() async -> Response {
        do { return json(try await controller.undrain()) } catch {
            return json(ControlError(error: "cannot record the end of the drain: \(error)"), status: 500)
        }
    }

    func json(_ value: some Encodable, status: Int = 200) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let body = (try? encoder.encode(value)) ?? Data("{\"error\":\"encoding failed\"}".utf8)
        return Response(status: status, contentType: "application/json", body: Array(body) + [0x0A])
    }

    /// The path and the decoded query parameters of a request target.
    static func split(_ target: String) -> (String, [String: String]) {
        guard let mark = target.firstIndex(of: "?") else { return (target, [:]) }
        var query: [String: String] = [:]
        for pair in target[target.index(after: mark)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            query[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return (String(target[..<mark]), query)
    }
}
