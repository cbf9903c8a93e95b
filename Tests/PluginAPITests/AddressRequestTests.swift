import Foundation
import IronLBPluginAPI
import Testing

@Suite("AddressRequest")
struct AddressRequestTests {
    let web = ServicePort(port: 443, transport: .tcp)

    @Test("A copy is a value: changing it leaves the original alone, in every part")
    func valueSemantics() {
        let original = AddressRequest(pool: "public", sharingKey: "k", ports: [web], endpointSelector: ["app": "web"])
        var copy = original
        copy.pool = "private"
        copy.addresses.append(IPAddress("192.0.2.7")!)
        copy.sharingKey = nil
        copy.ports.append(ServicePort(port: 80, transport: .tcp))
        copy.endpointSelector?["tier"] = "front"
        #expect(original.pool == "public" && original.addresses.isEmpty && original.sharingKey == "k")
        #expect(original.ports == [web] && original.endpointSelector == ["app": "web"])
        #expect(copy.pool == "private" && copy.addresses == [IPAddress("192.0.2.7")!] && copy.sharingKey == nil)
        #expect(copy.ports.count == 2 && copy.endpointSelector == ["app": "web", "tier": "front"])

        // Requests without optional parts share storage; changing one must not change the others.
        var plain = AddressRequest(families: .ipv6)
        let other = AddressRequest()
        plain.ports.append(web)
        #expect(other.ports.isEmpty && AddressRequest().ports.isEmpty && plain.ports == [web])
    }

    @Test("Equal and hashed by content, however each was built")
    func equality() {
        var built = AddressRequest()
        built.ports = [web]
        built.sharingKey = "k"
        let direct = AddressRequest(sharingKey: "k", ports: [web])
        #expect(built == direct && built.hashValue == direct.hashValue)
        #expect(Set([built, direct, AddressRequest()]).count == 2)
        #expect(AddressRequest() != AddressRequest(families: .ipv6))
        #expect(AddressRequest() != AddressRequest(trafficPolicy: .local))
        #expect(AddressRequest(endpointSelector: [:]) != AddressRequest(), "an empty selector is not no selector")
    }

    @Test("JSON has the same keys as before the parts were boxed, and reads back equal")
    func codable() throws {
        let request = AddressRequest(pool: "p", families: .dualStack, ports: [web], trafficPolicy: .local, endpointSelector: ["app": "web"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(request), as: UTF8.self)
        #expect(text == #"{"addresses":[],"endpointSelector":{"app":"web"},"families":"dual-stack","pool":"p","ports":[{"port":443,"transport":"tcp"}],"trafficPolicy":"local"}"#)
        #expect(try JSONDecoder().decode(AddressRequest.self, from: Data(text.utf8)) == request)
        #expect(try JSONDecoder().decode(AddressRequest.self, from: Data("{}".utf8)) == AddressRequest())
    }

    @Test("asksForAnyAddress is true exactly when no pool, address or sharing key is named")
    func asksForAnyAddress() throws {
        #expect(AddressRequest().asksForAnyAddress)
        #expect(AddressRequest(families: .dualStack, ports: [ServicePort(port: 80, transport: .tcp)], endpointSelector: ["app": "web"]).asksForAnyAddress)
        #expect(!AddressRequest(pool: "p").asksForAnyAddress)
        #expect(!AddressRequest(addresses: [try IPAddress(parsing: "192.0.2.1")]).asksForAnyAddress)
        #expect(!AddressRequest(sharingKey: "k").asksForAnyAddress)
        var request = AddressRequest(pool: "p")
        request.pool = nil
        #expect(request.asksForAnyAddress, "parts set and cleared again")
    }
}
