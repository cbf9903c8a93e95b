import Foundation
import KubernetesLab
import Testing
@testable import IronLBKubernetes

/// Reading what a credential plugin printed: tokens, client certificates, expiry, and every way the
/// output can be wrong.
@Suite("ExecCredential output")
struct ExecCredentialTests {
    static let v1 = "client.authentication.k8s.io/v1"

    func parse(_ text: String, _ version: CredentialPlugin.APIVersion = .v1) throws(ConnectionError) -> ExecCredential {
        try ExecCredential.parse(Array(text.utf8), apiVersion: version)
    }

    func error(_ text: String, _ version: CredentialPlugin.APIVersion = .v1) -> String {
        do {
            _ = try parse(text, version)
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test("A token, with an RFC 3339 expiry with or without fractional seconds, or without expiry")
    func token() throws {
        let credential = try parse(#"{"apiVersion":"\#(Self.v1)","kind":"ExecCredential","status":{"token":"secret-1","expirationTimestamp":"2030-01-02T03:04:05Z"}}"#)
        guard case .token(let token) = credential.secret else { Issue.record("not a token"); return }
        #expect(token == "secret-1")
        #expect(credential.expiry == Date(timeIntervalSince1970: 1_893_553_445))
        let fractional = try parse(#"{"apiVersion":"\#(Self.v1)","kind":"ExecCredential","status":{"token":"t","expirationTimestamp":"2030-01-02T05:04:05.250+02:00"}}"#)
        #expect(fractional.expiry == Date(timeIntervalSince1970: 1_893_553_445.25))
        let beta = try parse(#"{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","spec":{},"status":{"token":"t"}}"#, .v1beta1)
        #expect(beta.expiry == nil)
    }

    @Test("A client certificate and key in PEM")
    func clientCertificate() throws {
        let pki = try TestPKI()
        let client = try pki.clientCertificate(commonName: "ironlb")
        let status: JSONValue = .object(["clientCertificateData": .string(client.certificatePEM), "clientKeyData": .string(client.keyPEM)])
        let document: JSONValue = .object(["apiVersion": .string(Self.v1), "kind": .string("ExecCredential"), "status": status])
        let credential = try parse(document.text)
        guard case .clientCertificate(let chain, _) = credential.secret else { Issue.record("not a certificate"); return }
        #expect(chain.count == 1)
    }

    @Test("Wrong output: each problem is named, and the output itself is never quoted")
    func refusals() {
        let head = #""apiVersion":"\#(Self.v1)","kind":"ExecCredential""#
        #expect(error("") == "it printed nothing on stdout; expected an ExecCredential")
        #expect(error("token: abc") == "its output is not an ExecCredential in JSON (not valid JSON)")
        #expect(error("[1]").hasPrefix("its output is not an ExecCredential in JSON ("))
        #expect(error(#"{"apiVersion":"\#(Self.v1)","kind":"Status","status":{"token":"t"}}"#) == "its output has kind 'Status', not ExecCredential")
        #expect(error(#"{"kind":"ExecCredential","status":{"token":"t"}}"#)
            == "it answered with no apiVersion, but was asked for client.authentication.k8s.io/v1")
        #expect(error(#"{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"t"}}"#)
            == "it answered with apiVersion 'client.authentication.k8s.io/v1beta1', but was asked for client.authentication.k8s.io/v1")
        #expect(error("{\(head)}") == "its output has no status")
        #expect(error(#"{"status":{"token":"t"}}"#)
            == "its output has no kind (expected ExecCredential); it answered with no apiVersion, but was asked for client.authentication.k8s.io/v1")
        #expect(error(#"{\#(head),"status":{}}"#) == "its status holds neither a token nor clientCertificateData and clientKeyData")
        #expect(error(#"{\#(head),"status":{"token":""}}"#) == "its status holds neither a token nor clientCertificateData and clientKeyData")
        #expect(error(#"{\#(head),"status":{"clientCertificateData":"x"}}"#) == "its status has clientCertificateData without clientKeyData")
        #expect(error(#"{\#(head),"status":{"clientKeyData":"x"}}"#) == "its status has clientKeyData without clientCertificateData")
        #expect(error(#"{\#(head),"status":{"token":"t","clientCertificateData":"x","clientKeyData":"y"}}"#)
            == "its status holds both a token and a client certificate; IronLB takes exactly one kind of credential")
        #expect(error(#"{\#(head),"status":{"clientCertificateData":"not pem","clientKeyData":"not pem"}}"#)
            == "status.clientCertificateData is not a PEM certificate")
        #expect(error(#"{\#(head),"status":{"token":"t","expirationTimestamp":"tomorrow"}}"#)
            == "status.expirationTimestamp 'tomorrow' is not an RFC 3339 time")
        let mistyped = error(#"{\#(head),"status":{"token":12345}}"#)
        #expect(mistyped.hasPrefix("its output is not an ExecCredential in JSON (status.token: "), "\(mistyped)")
        #expect(!error(#"{"kind":"ExecCredential","status":{"token":"do-not-print-me"}}"#).contains("do-not-print-me"))
    }

    @Test("A key that is not PEM is refused without quoting it")
    func badKey() throws {
        let pki = try TestPKI()
        let client = try pki.clientCertificate(commonName: "ironlb")
        let status: JSONValue = .object(["clientCertificateData": .string(client.certificatePEM), "clientKeyData": .string("secret-key-material")])
        let document: JSONValue = .object(["apiVersion": .string(Self.v1), "kind": .string("ExecCredential"), "status": status])
        #expect(error(document.text) == "status.clientKeyData is not a PEM private key")
    }
}
