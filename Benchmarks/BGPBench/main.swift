// ironlb-bgp-bench: IronLB's BGP speaker on its own, driven over standard input, for the
// side-by-side announce/withdraw benchmark in Benchmarks/bgp_announce_bench.py.
//
// Usage: ironlb-bgp-bench PEER_ADDRESS PEER_ASN LOCAL_ASN COUNT
// Commands on stdin: "announce", "withdraw", "rss", "quit". Replies one line each on stdout.
//
// The process links what the `bgp` announcer plugin links and nothing more: no Foundation, no YAML
// loader (the section is built as the loader would build it), so its memory is the speaker's.
import BGPAnnouncer
import CoreMetrics
import Dispatch
import IronLBPluginAPI
import Logging
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `text` to a file descriptor unbuffered, so the driving script sees each reply at once.
func emit(_ text: String, to descriptor: Int32 = 1) {
    var text = text
    text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written <= 0 { return }
            offset += written
        }
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 5, let peerASN = UInt32(arguments[2]), let localASN = UInt32(arguments[3]), let count = Int(arguments[4]) else {
    emit("usage: ironlb-bgp-bench PEER_ADDRESS PEER_ASN LOCAL_ASN COUNT\n", to: 2)
    exit(2)
}

/// A configuration tree as written in YAML, turned into the `ConfigNode`s the host's loader produces.
indirect enum Tree {
    case scalar(String)
    case mapping([(String, Tree)])
    case sequence([Tree])

    func node(at path: ConfigPath = .root) -> ConfigNode {
        let location = SourceLocation(file: "bench", line: 1, column: 1)
        switch self {
        case .scalar(let text):
            return ConfigNode(kind: .scalar(.init(text: text, isQuoted: false)), location: location, path: path)
        case .mapping(let entries):
            return ConfigNode(kind: .mapping(entries.map { key, value in
                ConfigNode.Entry(key: Tree.scalar(key).node(at: path), value: value.node(at: path.appending(key: key)))
            }), location: location, path: path)
        case .sequence(let items):
            return ConfigNode(kind: .sequence(items.enumerated().map { $1.node(at: path.appending(index: $0)) }), location: location, path: path)
        }
    }
}

let section = Tree.mapping([
    ("local-asn", .scalar("\(localASN)")),
    ("router-id", .scalar("192.0.2.100")),
    ("hold-time", .scalar("90s")),
    ("connect-retry", .scalar("1s")),
    ("graceful-restart", .mapping([("enabled", .scalar("false"))])),
    ("peers", .sequence([.mapping([("name", .scalar("bench")), ("address", .scalar(arguments[1])), ("asn", .scalar("\(peerASN)"))])])),
])
var logger = Logger(label: "bench")
logger.logLevel = .warning
var diagnostics = Diagnostics()
let node = NodeIdentity(name: "bench", routerID: nil, labels: [:])
guard let configuration = BGPAnnouncerPlugin.decode(section: section.node(), context: ConfigContext(pools: [:], node: node), &diagnostics) else {
    emit("\(diagnostics.all)\n", to: 2)
    exit(2)
}
let announcer = try BGPAnnouncerPlugin.make(
    setup: AnnouncerSetup(section: configuration, advertisements: ["bench": BGPAdvertisementOptions()]),
    context: PluginContext(logger: logger, metrics: NOOPMetricsHandler.instance, node: node)
)
// 198.18.0.0/15 is reserved for benchmarks (RFC 2544, RFC 6815): 131,072 host routes fit.
// They are built before the first "rss" so that both readings include them, as the daemon's do.
let routes = (0..<count).map { index in
    DesiredRoute(prefix: .host(.v4(IPv4Address(0xC612_0000 + UInt32(index)))), advertisement: "bench", services: [])
}

/// VmRSS and VmHWM from /proc/self/status, in KiB.
func residentKiB() -> (rss: Int, peak: Int) {
    var status: [UInt8] = []
    let descriptor = open("/proc/self/status", O_RDONLY)
    if descriptor >= 0 {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if got <= 0 { break }
            status += chunk[..<got]
        }
        close(descriptor)
    }
    let lines = String(decoding: status, as: UTF8.self).split(separator: "\n")
    func field(_ name: String) -> Int {
        lines.first { $0.hasPrefix(name) }.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
    }
    return (field("VmRSS:"), field("VmHWM:"))
}

let group = ServiceGroup(configuration: .init(services: [.init(service: announcer)], logger: logger))
try await withThrowingTaskGroup(of: Void.self) { tasks in
    tasks.addTask { try await group.run() }
    tasks.addTask {
        // Standard input is read on a dispatch thread so no cooperative thread ever blocks.
        let (lines, feed) = AsyncStream<String>.makeStream()
        DispatchQueue(label: "stdin").async {
            while let line = readLine() { feed.yield(line) }
            feed.finish()
        }
        for await line in lines {
            switch line {
            case "announce": await announcer.announce(routes)
            case "withdraw": await announcer.announce([])
            case "rss":
                let (rss, peak) = residentKiB()
                emit("rss_kib=\(rss) peak_kib=\(peak)\n")
            case "quit":
                await group.triggerGracefulShutdown()
                return
            default: break
            }
            emit("ok \(line)\n")
        }
        await group.triggerGracefulShutdown()
    }
    try await tasks.waitForAll()
}
