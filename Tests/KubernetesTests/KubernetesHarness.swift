import Foundation
import IronLBAllocators
import IronLBDryRun
@testable import IronLBCore
@testable import IronLBKubernetes
import IronLBPluginAPI
import Logging
import Metrics
import Synchronization
import KubernetesLab

/// One end-to-end setup: a fake API server, a kubeconfig that points at it, a controller with two
/// pools, and a Kubernetes source feeding the controller.
struct KubernetesHarness {
    let server: FakeAPIServer
    let controller: Controller
    /// What the source and the controller logged.
    let logs: LogRecorder
    let kubeconfigPath: String
    var settings: KubernetesSettings

    static func config(node: String, pools: String, announce: Bool) -> String {
        """
        version: 1
        node:
          name: \(node)
        pools:
          - name: default
            addresses: [\(pools)]
          - name: other
            addresses: [198.51.100.0/29]
            auto-assign: false
        sources:
          kubernetes: {}
        """ + (announce ? "\nannouncers:\n  dry-run: {log-routes: false}\nadvertisements:\n  - {name: all, announcer: dry-run, pools: [default, other]}\n" : "")
    }

    let nodeName: String
    private let ownsServer: Bool

    /// Starts a server (or shares `server`); `trustedCA` overrides the CA written into the kubeconfig,
    /// `token` the token, `user` the whole user (its lines, indented by four spaces); `pools` are the addresses of the auto-assign pool `default`. With a
    /// `stateDirectory` the controller's allocations are durable there; with `announce`, a dry-run
    /// announcer named `dry-run` announces both pools.
    init(
        server shared: FakeAPIServer? = nil, nodeName: String = "node-a", pools: String = "192.0.2.0/29, 2001:db8::/125",
        trustedCA: String? = nil, token: String? = nil, user: String? = nil, stateDirectory: String? = nil, announce: Bool = false
    ) async throws {
        if let shared { server = shared } else { server = try await FakeAPIServer() }
        ownsServer = shared == nil
        self.nodeName = nodeName
        let logs = LogRecorder()
        self.logs = logs
        let registry = try PluginRegistry(
            announcers: [DryRunAnnouncerPlugin.self], strategies: [SequentialStrategyPlugin.self], sources: [KubernetesSourcePlugin.self]
        )
        let text = Self.config(node: nodeName, pools: pools, announce: announce)
        let loaded = ConfigLoader(registry: registry).load(bytes: Array(text.utf8), file: "test.yaml")
        guard let config = loaded.config else { throw HarnessError("test config invalid: \(loaded.diagnostics.all)") }
        var announcers: [String: any Announcer] = [:]
        for (name, setup) in config.announcerSetups {
            let context = PluginContext(logger: Logger(label: "test.announcer"), metrics: NOOPMetricsHandler.instance, node: NodeIdentity(name: nodeName, routerID: nil, labels: [:]))
            announcers[name] = try registry.announcer(named: name).make(setup, context)
        }
        controller = try Controller(
            config: config, registry: registry, announcers: announcers, logger: Logger(label: "test.controller") { _ in logs }, stateDirectory: stateDirectory
        )
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ironlb-k8s-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        kubeconfigPath = directory.appendingPathComponent("kubeconfig").path
        let ca = Data((trustedCA ?? server.pki.caPEM).utf8).base64EncodedString()
        try """
        apiVersion: v1
        kind: Config
        current-context: test
        clusters:
        - name: fake
          cluster:
            server: \(server.url)
            certificate-authority-data: \(ca)
        contexts:
        - name: test
          context:
            cluster: fake
            user: ironlb
        users:
        - name: ironlb
          user:
        \(user ?? "    token: \(token ?? server.token)")
        """.write(toFile: kubeconfigPath, atomically: true, encoding: .utf8)
        settings = KubernetesSettings()
        settings.kubeconfig = kubeconfigPath
        settings.timing.initialBackoff = .milliseconds(20)
        settings.timing.maximumBackoff = .milliseconds(200)
        settings.timing.requestTimeout = .seconds(5)
    }

    /// Runs the source while `body` runs, then stops it and (unless shared) the server.
    func run(_ body: () async throws -> Void) async throws {
        var logger = Logger(label: "test.kubernetes") { _ in logs }
        logger.logLevel = .debug
        let context = PluginContext(logger: logger, metrics: NOOPMetricsHandler.instance, node: NodeIdentity(name: nodeName, routerID: nil, labels: [:]))
        let source = try KubernetesSourcePlugin.make(configuration: settings, sink: controller, context: context)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await source.run() }
            defer { group.cancelAll() }
            try await body()
        }
        if ownsServer { await server.shutdown() }
    }

    /// The addresses the controller holds for `namespace/name`.
    func addresses(_ name: String) async -> [String] {
        await controller.assignments().first { $0.key == ServiceKey(source: "kubernetes", name: name) }?.addresses.map(\.description) ?? []
    }

    /// The pool of `namespace/name`'s assignment.
    func pool(_ name: String) async -> String? {
        await controller.assignments().first { $0.key == ServiceKey(source: "kubernetes", name: name) }?.pool
    }

    /// The stored Service's `ironlb.io/allocated-from-pool` annotation.
    func poolAnnotation(_ key: String) -> String? {
        server.store.object(.services, key: key)?["metadata"]["annotations"][ServiceAnnotations.allocatedFromPool].string
    }

    /// The IPs in the stored Service's status.loadBalancer.ingress.
    func statusIPs(_ key: String) -> [String] {
        guard case .array(let ingress) = server.store.object(.services, key: key)?["status"]["loadBalancer"]["ingress"] else { return [] }
        return ingress.compactMap { $0["ip"].string }
    }
}

/// A new, empty directory under the system's temporary directory, named `prefix-UUID`.
func temporaryDirectory(_ prefix: String) -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Polls `condition` until it holds or `timeout` passes; the outcome, for `#expect`. The default is
/// generous because it costs nothing when the condition comes true: in the full suite on a loaded
/// 2-core machine, a status that takes under a second alone took over 15 s (CI, 2026-11-29).
func eventually(timeout: Duration = .seconds(60), _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return await condition()
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Keeps every log message, so tests can wait for what the source says.
final class LogRecorder: LogHandler, Sendable {
    private let messages = Mutex<[String]>([])

    var all: [String] { messages.withLock { $0 } }

    func contains(_ text: String) -> Bool { all.contains { $0.contains(text) } }

    func log(event: LogEvent) {
        messages.withLock { $0.append("\(event.level): \(event.message)") }
    }

    subscript(metadataKey _: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }

    var logLevel: Logger.Level {
        get { .debug }
        set {}
    }
}
