import Foundation
import IronLBPluginAPI

/// The `status.loadBalancer` IronLB writes for a Service: one ingress entry per address, with
/// `ipMode: VIP` (traffic arrives addressed to the VIP itself).
enum StatusPatch {
    /// The ingress entries for `addresses`, IPv4 first as the allocator gives them.
    static func ingress(for addresses: [IPAddress]) -> [ServiceObject.Ingress] {
        addresses.map { ServiceObject.Ingress(ip: $0.description, hostname: nil, ipMode: "VIP") }
    }

    /// Whether `current` already says `desired`. Only the addresses count: API servers older than
    /// 1.29 drop `ipMode`, and comparing it would rewrite the status forever.
    static func matches(_ current: [ServiceObject.Ingress], _ desired: [ServiceObject.Ingress]) -> Bool {
        current.compactMap(\.ip) == desired.compactMap(\.ip) && current.allSatisfy { $0.hostname == nil }
    }

    /// A JSON merge patch (RFC 7386) setting the ingress list, or removing it when empty.
    static func body(_ ingress: [ServiceObject.Ingress]) -> Data {
        struct Body: Encodable {
            struct Status: Encodable { var loadBalancer: LoadBalancer }
            struct LoadBalancer: Encodable {
                var ingress: [ServiceObject.Ingress]?
                func encode(to encoder: any Encoder) throws {
                    var container = encoder.container(keyedBy: CodingKeys.self)
                    try container.encode(ingress, forKey: .ingress)  // null removes the key
                }
                enum CodingKeys: String, CodingKey { case ingress }
            }
            var status: Status
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let body = Body(status: .init(loadBalancer: .init(ingress: ingress.isEmpty ? nil : ingress)))
        return (try? encoder.encode(body)) ?? Data()
    }

    /// A JSON merge patch setting the ``ServiceAnnotations/allocatedFromPool`` annotation to `pool`,
    /// or removing it when nil.
    static func poolAnnotation(_ pool: String?) -> Data {
        struct Body: Encodable {
            struct Metadata: Encodable { var annotations: Annotations }
            struct Annotations: Encodable {
                var pool: String?
                func encode(to encoder: any Encoder) throws {
                    var container = encoder.container(keyedBy: Key.self)
                    try container.encode(pool, forKey: Key(stringValue: ServiceAnnotations.allocatedFromPool))  // null removes the key
                }
            }
            struct Key: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }
            var metadata: Metadata
        }
        return (try? JSONEncoder().encode(Body(metadata: .init(annotations: .init(pool: pool))))) ?? Data()
    }
}
