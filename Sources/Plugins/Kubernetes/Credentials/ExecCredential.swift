import Foundation
import NIOSSL

/// What a credential plugin printed on stdout, checked: a bearer token or a client certificate,
/// and until when it may be used.
struct ExecCredential: Sendable {
    /// The proof of identity. Never logged.
    enum Secret: Sendable {
        /// Sent as `Authorization: Bearer`.
        case token(String)
        /// Presented in the TLS handshake.
        case clientCertificate([NIOSSLCertificate], NIOSSLPrivateKey)
    }

    var secret: Secret
    /// `status.expirationTimestamp`; nil means valid until the API server refuses it.
    var expiry: Date?

    private struct Document: Decodable {
        var apiVersion: String?
        var kind: String?
        var status: Status?
    }

    private struct Status: Decodable {
        var token: String?
        var clientCertificateData: String?
        var clientKeyData: String?
        var expirationTimestamp: String?
    }

    /// Parses the plugin's `output`, which must answer in `apiVersion`; every problem found is in the
    /// error. The error never quotes the output, which may hold a secret.
    static func parse(_ output: [UInt8], apiVersion: CredentialPlugin.APIVersion) throws(ConnectionError) -> ExecCredential {
        guard output.contains(where: { ![9, 10, 13, 32].contains($0) }) else {
            throw ConnectionError("it printed nothing on stdout; expected an ExecCredential")
        }
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: Data(output))
        } catch {
            throw ConnectionError("its output is not an ExecCredential in JSON (\(Self.summary(of: error)))")
        }
        var problems: [String] = []
        if document.kind != "ExecCredential" {
            problems.append(document.kind.map { "its output has kind '\($0)', not ExecCredential" } ?? "its output has no kind (expected ExecCredential)")
        }
        if document.apiVersion != apiVersion.rawValue {
            let answered = document.apiVersion.map { "apiVersion '\($0)'" } ?? "no apiVersion"
            problems.append("it answered with \(answered), but was asked for \(apiVersion.rawValue)")
        }
        guard let status = document.status else {
            problems.append("its output has no status")
            throw ConnectionError(problems.joined(separator: "; "))
        }
        var expiry: Date?
        if let text = status.expirationTimestamp {
            expiry = Self.rfc3339(text)
            if expiry == nil { problems.append("status.expirationTimestamp '\(text)' is not an RFC 3339 time") }
        }
        let token = status.token.flatMap { $0.isEmpty ? nil : $0 }
        let certificate = status.clientCertificateData.flatMap { $0.isEmpty ? nil : $0 }
        let key = status.clientKeyData.flatMap { $0.isEmpty ? nil : $0 }
        var secret: Secret?
        switch (token, certificate, key) {
        case (let token?, nil, nil):
            secret = .token(token)
        case (nil, let certificate?, let key?):
            do {
                secret = .clientCertificate(try Self.certificates(certificate), try Self.privateKey(key))
            } catch {
                problems.append(error.description)
            }
        case (nil, nil, nil):
            problems.append("its status holds neither a token nor clientCertificateData and clientKeyData")
        case (nil, _?, nil):
            problems.append("its status has clientCertificateData without clientKeyData")
        case (nil, nil, _?):
            problems.append("its status has clientKeyData without clientCertificateData")
        case (_?, _, _):
            problems.append("its status holds both a token and a client certificate; IronLB takes exactly one kind of credential")
        }
        guard problems.isEmpty, let secret else { throw ConnectionError(problems.joined(separator: "; ")) }
        return ExecCredential(secret: secret, expiry: expiry)
    }

    private static func certificates(_ pem: String) throws(ConnectionError) -> [NIOSSLCertificate] {
        let chain: [NIOSSLCertificate]
        do { chain = try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8)) } catch {
            throw ConnectionError("status.clientCertificateData is not a PEM certificate")
        }
        guard !chain.isEmpty else { throw ConnectionError("status.clientCertificateData holds no PEM certificate") }
        return chain
    }

    private static func privateKey(_ pem: String) throws(ConnectionError) -> NIOSSLPrivateKey {
        do { return try NIOSSLPrivateKey(bytes: Array(pem.utf8), format: .pem) } catch {
            throw ConnectionError("status.clientKeyData is not a PEM private key")
        }
    }

    /// An RFC 3339 time, with or without fractional seconds (Kubernetes writes it without).
    static func rfc3339(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// What went wrong in decoding, in a few words and without the data.
    private static func summary(of error: any Error) -> String {
        switch error as? DecodingError {
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?, .keyNotFound(_, let context)?:
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        case .dataCorrupted?:
            return "not valid JSON"
        default:
            return "\(error)"
        }
    }
}
