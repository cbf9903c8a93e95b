/// A failed API request.
enum APIError: Error, CustomStringConvertible {
    /// The server answered with an error status (and usually a Status object).
    case status(code: Int, APIStatus?)
    /// The connection could not be used (refused, reset, TLS verification failed, timed out).
    case transport(any Error)
    /// The server's answer could not be decoded.
    case malformed(String)
    /// Credentials could not be read.
    case connection(ConnectionError)

    /// Whether the resourceVersion asked for is too old (410 Gone / Expired): relist.
    var isGone: Bool {
        if case .status(let code, _) = self { return code == 410 }
        return false
    }

    /// Whether a write lost an optimistic-concurrency race (409 Conflict or AlreadyExists).
    var isConflict: Bool {
        if case .status(let code, _) = self { return code == 409 }
        return false
    }

    var description: String {
        switch self {
        case .status(let code, let status):
            let detail = [status?.reason, status?.message].compactMap { $0 }.joined(separator: ": ")
            return "API server answered \(code)\(detail.isEmpty ? "" : " (\(detail))")"
        case .transport(let error): return "cannot reach the API server: \(error)"
        case .malformed(let what): return "unexpected answer from the API server: \(what)"
        case .connection(let error): return error.description
        }
    }
}
