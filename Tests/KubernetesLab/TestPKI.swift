import Crypto
import Foundation
import SwiftASN1
import X509

/// A throwaway certificate authority and a server certificate for 127.0.0.1 and localhost, made
/// fresh for each test run so no key material lives in the repository; it also issues client
/// certificates.
package struct TestPKI: Sendable {
    /// The CA certificate, PEM.
    package let caPEM: String
    /// The server's certificate, PEM, signed by the CA.
    package let serverCertificatePEM: String
    /// The server's private key, PEM.
    package let serverKeyPEM: String
    /// The CA's private key, PEM, to issue client certificates with.
    private let caKeyPEM: String

    package init(commonName: String = "IronLB test CA") throws {
        let now = Date()
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName { CommonName(commonName) }
        let ca = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(caKey.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 86_400, issuer: caName, subject: caName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(caKey)
        )
        let serverKey = P256.Signing.PrivateKey()
        let server = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(serverKey.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 86_400, issuer: caName,
            subject: try DistinguishedName { CommonName("kube-apiserver") },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames([.dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))])
            },
            issuerPrivateKey: .init(caKey)
        )
        caPEM = try ca.serializeAsPEM().pemString
        serverCertificatePEM = try server.serializeAsPEM().pemString
        serverKeyPEM = serverKey.pemRepresentation
        caKeyPEM = caKey.pemRepresentation
    }

    /// A new client certificate for `commonName`, signed by the CA: its PEM and its key's PEM.
    package func clientCertificate(commonName: String) throws -> (certificatePEM: String, keyPEM: String) {
        let now = Date()
        let ca = try Certificate(pemEncoded: caPEM)
        let caKey = try P256.Signing.PrivateKey(pemRepresentation: caKeyPEM)
        let key = P256.Signing.PrivateKey()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 86_400, issuer: ca.subject,
            subject: try DistinguishedName { CommonName(commonName) },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.clientAuth])
            },
            issuerPrivateKey: .init(caKey)
        )
        return (try certificate.serializeAsPEM().pemString, key.pemRepresentation)
    }
}
