import Foundation
import NIOCore
import Testing
@testable import IronLBKubernetes
import KubernetesLab

/// Watch stream framing and event decoding, on lines shaped as the API server sends them.
@Suite("Kubernetes watch stream")
struct WatchEventTests {
    @Test("Lines split across chunks arrive whole; blank lines are skipped")
    func splitting() {
        var splitter = WatchLineSplitter()
        splitter.append(ByteBuffer(string: "{\"a\":1}\n{\"b\""))
        #expect(splitter.next() == Data("{\"a\":1}".utf8))
        #expect(splitter.next() == nil)
        splitter.append(ByteBuffer(string: ":2}\n\n"))
        #expect(splitter.next() == Data("{\"b\":2}".utf8))
        #expect(splitter.next() == nil)
    }

    @Test("BOOKMARK, ERROR 410 and ADDED decode")
    func decoding() throws {
        let decoder = JSONDecoder()
        let bookmark = try WatchEvent<ServiceObject>(line: Data(#"{"type":"BOOKMARK","object":{"kind":"Service","apiVersion":"v1","metadata":{"resourceVersion":"12746","annotations":{"k8s.io/initial-events-end":"true"}}}}"#.utf8), decoder: decoder)
        guard case .bookmark(let version) = bookmark else { Issue.record("not a bookmark"); return }
        #expect(version == "12746")
        let gone = try WatchEvent<ServiceObject>(line: Data(#"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 5 (12746)","reason":"Expired","code":410}}"#.utf8), decoder: decoder)
        guard case .error(let status) = gone else { Issue.record("not an error"); return }
        #expect(status.code == 410 && status.reason == "Expired")
        let added = try WatchEvent<ServiceObject>(line: Data(("{\"type\":\"ADDED\",\"object\":" + Fixtures.service("web").text + "}").utf8), decoder: decoder)
        guard case .added(let service) = added else { Issue.record("not added"); return }
        #expect(service.metadata.key == "default/web")
        #expect(throws: (any Error).self) { try WatchEvent<ServiceObject>(line: Data(#"{"type":"SURPRISE","object":{}}"#.utf8), decoder: decoder) }
    }

    @Test("Backoff doubles up to its cap and starts over after a success")
    func backoff() {
        var backoff = Backoff(initial: .milliseconds(500), maximum: .seconds(2))
        #expect([backoff.next(), backoff.next(), backoff.next(), backoff.next()] == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(2)])
        backoff.reset()
        #expect(backoff.next() == .milliseconds(500))
    }
}
