import Foundation
import Logging
import Synchronization
import Testing
@testable import IronLBKubernetes

/// The cached credential of one API client, with a stand-in for the plugin that counts its runs.
@Suite("Exec credential cache")
struct ExecCredentialCacheTests {
    final class Plugin: Sendable {
        let runs = Mutex(0)
        let failing = Mutex(false)
        let lifetime: TimeInterval?

        init(lifetime: TimeInterval?) {
            self.lifetime = lifetime
        }

        func run() async throws(ConnectionError) -> ExecCredential {
            let run = runs.withLock { $0 += 1; return $0 }
            try? await Task.sleep(for: .milliseconds(50))
            if failing.withLock({ $0 }) { throw ConnectionError("plugin failed (run \(run))") }
            return ExecCredential(secret: .token("token-\(run)"), expiry: lifetime.map { Date(timeIntervalSinceNow: $0) })
        }
    }

    /// A cache whose refusals and failures back off `backoff` at first (long enough for a loaded
    /// machine, or short enough to wait out).
    func cache(_ plugin: Plugin, backoff: Duration = .seconds(120)) -> ExecCredentialCache {
        var timing = KubernetesTiming()
        timing.credentialInitialBackoff = backoff
        return ExecCredentialCache(name: "test plugin", timing: timing, logger: Logger(label: "test")) { () async throws(ConnectionError) -> ExecCredential in
            try await plugin.run()
        }
    }

    func token(_ issued: ExecCredentialCache.Issued) -> String {
        if case .token(let token) = issued.credential.secret { token } else { "" }
    }

    @Test("Requests arriving together share one run; later ones reuse its credential")
    func sharedRun() async throws {
        let plugin = Plugin(lifetime: 3600)
        let cache = cache(plugin)
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { self.token(try await cache.credential()) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(tokens == Array(repeating: "token-1", count: 8))
        #expect(token(try await cache.credential()) == "token-1")
        #expect(plugin.runs.withLock { $0 } == 1)
    }

    @Test("A refusal replaces the credential it was for, once: refusals of an older credential and a quick repeat do not")
    func refusals() async throws {
        let plugin = Plugin(lifetime: nil)
        let cache = cache(plugin)
        let first = try await cache.credential()
        #expect(await cache.refused(first), "the first refusal replaces it")
        #expect(await cache.refused(first), "a refusal of the replaced credential: a retry carries the new one")
        let second = try await cache.credential()
        #expect(token(second) == "token-2")
        #expect(await cache.refused(first), "still the old one: nothing to do")
        #expect(token(try await cache.credential()) == "token-2")
        #expect(await !cache.refused(second), "refused again within the backoff: wait")
        #expect(token(try await cache.credential()) == "token-2")
        #expect(plugin.runs.withLock { $0 } == 2)
    }

    @Test("After the backoff, a refusal of the new credential replaces it too")
    func refusalAfterBackoff() async throws {
        let plugin = Plugin(lifetime: nil)
        let cache = cache(plugin, backoff: .milliseconds(100))
        #expect(await cache.refused(try await cache.credential()))
        let second = try await cache.credential()
        try await Task.sleep(for: .milliseconds(300))
        #expect(await cache.refused(second))
        #expect(token(try await cache.credential()) == "token-3")
    }

    @Test("An expiring credential is replaced before it expires")
    func expiry() async throws {
        let plugin = Plugin(lifetime: 4)  // replaced halfway, after 2 s
        let cache = cache(plugin)
        #expect(token(try await cache.credential()) == "token-1")
        #expect(token(try await cache.credential()) == "token-1")
        try await Task.sleep(for: .seconds(2.5))
        #expect(token(try await cache.credential()) == "token-2")
    }

    @Test("A failure is returned without running the plugin again until its backoff passed")
    func failure() async throws {
        let plugin = Plugin(lifetime: nil)
        plugin.failing.withLock { $0 = true }
        let cache = cache(plugin)
        await #expect(throws: ConnectionError.self) { try await cache.credential() }
        let again = await #expect(throws: ConnectionError.self) { try await cache.credential() }
        #expect(again?.description == "plugin failed (run 1)")
        #expect(plugin.runs.withLock { $0 } == 1)
    }

    @Test("After a failure's backoff the plugin runs again")
    func failureThenSuccess() async throws {
        let plugin = Plugin(lifetime: nil)
        plugin.failing.withLock { $0 = true }
        let cache = cache(plugin, backoff: .milliseconds(100))
        await #expect(throws: ConnectionError.self) { try await cache.credential() }
        plugin.failing.withLock { $0 = false }
        try await Task.sleep(for: .milliseconds(300))
        #expect(token(try await cache.credential()) == "token-2")
    }
}
