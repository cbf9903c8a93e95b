import Foundation
import IronLBPluginAPI

extension ControlAPI {
    func localList() async -> Response {
        guard let local else { return json(ControlError(error: "the local API is not running"), status: 503) }
        do { return json(try await local.list()) } catch {
            return json(ControlError(error: "\(error)"), status: 500)
        }
    }

    /// `PUT /v1/local/NAME` with an address request assigns; `DELETE` releases; `GET` explains.
    func localWorkload(method: String, name: String, body: [UInt8]) async -> Response {
        guard let local else { return json(ControlError(error: "the local API is not running"), status: 503) }
        switch method {
        case "GET", "HEAD": return await explain(local.key(name))
        case "PUT": return await assign(name, body: body, local: local)
        case "DELETE":
            do {
                try await local.release(name)
                return json(["released": name])
            } catch let refusal as LocalSource.Refusal {
                return json(ControlError(error: refusal.description), status: refusal.status)
            } catch {
                return json(ControlError(error: "cannot record the release: \(error)"), status: 500)
            }
        default: return json(ControlError(error: "\(method) is not allowed here; use PUT, DELETE or GET"), status: 405)
        }
    }

    private func assign(_ name: String, body: [UInt8], local: LocalSource) async -> Response {
        let request: AddressRequest
        do {
            request = try JSONDecoder().decode(AddressRequest.self, from: Data(body.isEmpty ? Array("{}".utf8) : body))
        } catch {
            return json(ControlError(error: "the body is not an address request: \(error)"), status: 400)
        }
        do {
            let previous = try await local.assign(name, request)
            let key = local.key(name)
            if let refusal = await controller.currentRefusals()[key] {
                // Nothing half-done: the workload's previous request (or its absence) comes back.
                try await local.restore(name, previous)
                return json(ControlError(error: "\(key): \(refusal.message)"), status: 409)
            }
            return await explain(key)
        } catch let refusal as LocalSource.Refusal {
            return json(ControlError(error: refusal.description), status: refusal.status)
        } catch {
            return json(ControlError(error: "cannot record the workload: \(error)"), status: 500)
        }
    }
}
