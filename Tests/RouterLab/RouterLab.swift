public import Foundation
import Synchronization

/// A throw-away network of namespaces, veth links and processes for one test.
///
/// Everything it creates carries its id; `shutdown()` (also run on deinit) kills its processes by
/// PID, deletes its namespaces (which deletes their veth ends) and removes its scratch directory.
public final class RouterLab: @unchecked Sendable {
    /// Why the lab cannot run here, or nil when it can (root, iproute2).
    public static let unavailableReason: String? = {
        if getuid() != 0 { return "RouterLab needs root for ip netns" }
        if (try? LabCommand.resolve("ip")) == nil { return "RouterLab needs iproute2 (ip)" }
        return nil
    }()

    /// Whether `program` is installed (e.g. "bird", "gobgpd", "bgpd").
    public static func has(_ program: String) -> Bool { (try? LabCommand.resolve(program)) != nil }

    private static let counter = Atomic<Int>(0)

    /// The lab's unique prefix: `il<PID>n<N>`.
    public let id: String
    /// Scratch directory for configurations, sockets and logs.
    public let directory: URL
    private let lock = NSLock()
    private var namespaces: [String] = []
    private var processes: [LabProcess] = []
    private var linkCount = 0
    private var isShutDown = false

    /// Creates an empty lab.
    public init() throws {
        if let reason = Self.unavailableReason { throw LabCommand.Failure(description: reason) }
        let number = Self.counter.add(1, ordering: .relaxed).newValue
        id = "il\(getpid())n\(number)"
        directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("routerlab-\(id)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { shutdown() }

    /// Creates a namespace named `<id>-<role>` with loopback up, and returns its name.
    public func addNamespace(_ role: String) throws -> String {
        let name = "\(id)-\(role)"
        try LabCommand.run(["ip", "netns", "add", name])
        lock.withLock { namespaces.append(name) }
        try LabCommand.run(["ip", "-n", name, "link", "set", "lo", "up"])
        return name
    }

    /// Joins two namespaces with a veth pair addressed from the documentation ranges. With
    /// `linkLocal: false` neither end gets an IPv6 link-local address, so no router on the link can
    /// add one to the next hops it sends (RFC 2545 §3).
    public func connect(_ a: String, _ b: String, linkLocal: Bool = true) throws -> LabLink {
        let index = lock.withLock { () -> Int in linkCount += 1; return linkCount }
        precondition(index < 64, "a lab has at most 63 links")
        // Links are created directly inside their namespaces, so names and addresses only need to be
        // unique within one lab.
        let link = LabLink(
            namespaceA: a, namespaceB: b,
            interfaceA: "lab\(index)a", interfaceB: "lab\(index)b",
            ipv4A: "198.51.100.\(index * 4 + 1)", ipv4B: "198.51.100.\(index * 4 + 2)",
            ipv6A: "2001:db8:ffff:\(String(index, radix: 16))::1", ipv6B: "2001:db8:ffff:\(String(index, radix: 16))::2"
        )
        // Create in namespace a, then move the peer end: the host namespace never holds either end.
        try LabCommand.run(["ip", "-n", a, "link", "add", link.interfaceA, "type", "veth", "peer", "name", link.interfaceB])
        try LabCommand.run(["ip", "-n", a, "link", "set", link.interfaceB, "netns", b])
        for (namespace, interface, v4, v6) in [(a, link.interfaceA, link.ipv4A, link.ipv6A), (b, link.interfaceB, link.ipv4B, link.ipv6B)] {
            if !linkLocal { try LabCommand.run(["ip", "-n", namespace, "link", "set", interface, "addrgenmode", "none"]) }
            try LabCommand.run(["ip", "-n", namespace, "addr", "add", "\(v4)/30", "dev", interface])
            try LabCommand.run(["ip", "-n", namespace, "-6", "addr", "add", "\(v6)/64", "dev", interface, "nodad"])
            try LabCommand.run(["ip", "-n", namespace, "link", "set", interface, "up"])
        }
        return link
    }

    /// Starts a process in `namespace`, logging to `<directory>/<name>.log`; it is killed on shutdown.
    @discardableResult
    public func start(_ name: String, in namespace: String?, _ arguments: [String], environment: [String: String]? = nil) throws -> LabProcess {
        let process = try LabProcess(
            name: name, namespace: namespace, arguments: arguments,
            logURL: directory.appendingPathComponent("\(name).log"), environment: environment
        )
        lock.withLock { processes.append(process) }
        return process
    }

    /// Runs a short command inside `namespace`.
    @discardableResult
    public func exec(in namespace: String, _ arguments: [String], timeout: Duration = .seconds(20), check: Bool = true) throws -> LabCommand.Output {
        try LabCommand.run(["ip", "netns", "exec", namespace] + arguments, timeout: timeout, check: check)
    }

    /// Polls `condition` every 50 ms until it holds or `timeout` passes.
    public func wait(for description: String, timeout: Duration = .seconds(30), _ condition: () throws -> Bool) throws {
        let deadline = ContinuousClock.now + timeout
        var lastError: (any Error)?
        while true {
            do {
                if try condition() { return }
            } catch {
                lastError = error
            }
            // After the check, so a thread resumed late still looks once past the deadline.
            if ContinuousClock.now >= deadline { break }
            usleep(50_000)
        }
        throw LabCommand.Failure(description: "timed out after \(timeout) waiting for \(description)\(lastError.map { " (last error: \($0))" } ?? "")")
    }

    /// Kills every process by PID and deletes every namespace and the scratch directory.
    public func shutdown() {
        let (toStop, toDelete) = lock.withLock { () -> ([LabProcess], [String]) in
            if isShutDown { return ([], []) }
            isShutDown = true
            return (processes.reversed(), namespaces.reversed())
        }
        for process in toStop { process.stop(grace: .seconds(3)) }
        for namespace in toDelete {
            // Anything still inside (a router's own children) is ours too: kill by PID, never by name.
            if let pids = try? LabCommand.run(["ip", "netns", "pids", namespace], check: false).stdout {
                for pid in pids.split(separator: "\n").compactMap({ Int32($0) }) { kill(pid, SIGKILL) }
            }
            _ = try? LabCommand.run(["ip", "netns", "del", namespace], check: false)
        }
        if ProcessInfo.processInfo.environment["ROUTERLAB_KEEP"] == nil {
            try? FileManager.default.removeItem(at: directory)
        }
    }
}

/// A veth link between two lab namespaces, with one IPv4 /30 and one IPv6 /64.
public struct LabLink: Sendable {
    public var namespaceA: String
    public var namespaceB: String
    public var interfaceA: String
    public var interfaceB: String
    public var ipv4A: String
    public var ipv4B: String
    public var ipv6A: String
    public var ipv6B: String
}

extension RouterLab {
    /// The path of an executable this package builds (`ironlbd`, `ironlbctl`), next to the test bundle,
    /// or in `IRONLB_EXECUTABLES` when that names a directory (to run the interop tests against
    /// another build, e.g. the `.deb`'s static one in `.build-release/release`).
    public static func builtExecutable(_ name: String) -> String {
        if let directory = ProcessInfo.processInfo.environment["IRONLB_EXECUTABLES"], !directory.isEmpty {
            return URL(fileURLWithPath: directory).appendingPathComponent(name).path
        }
        let runner = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/\(name)").path
    }
}
