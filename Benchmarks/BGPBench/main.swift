// ironlb-bgp-bench: IronLB's BGP speaker on its own, driven over standard input, for the
// side-by-side announce/withdraw benchmark in Benchmarks/bgp_announce_bench.py.
//
// Usage: ironlb-bgp-bench PEER_ADDRESS PEER_ASN LOCAL_ASN COUNT
// Commands on stdin: "announce", "withdraw", "rss", "quit". Replies one line each on stdout.
import BGPAnnouncer
import Foundation
import IronLBCore
import IronLBPluginAPI
import Logging
import Metrics
import ServiceLifecycle

let arguments = CommandLine.arguments
guard arguments.count == 5, let peerASN = UInt32(arguments[2]), let localASN = UInt32(arguments[3]), let count = Int(arguments[4]) else {
    FileHandle.standardError.write(Data("usage: ironlb-bgp-bench PEER_ADDRESS PEER_ASN LOCAL_ASN COUNT\n".utf8))
    exit(2)
}
let yaml = """
local-asn: \(localASN)
router-id: 192.0.2.100
hold-time: 90s
connect-retry: 1s
graceful-restart: {enabled: false}
peers:
  - {name: bench, address: "\(arguments[1])", asn: \(peerASN)}
"""
var logger = Logger(label: "bench")
logger.logLevel = .warning
let document = try ConfigDocument.parse(yaml, file: "bench").get()
var diagnostics = Diagnostics()
let node = NodeIdentity(name: "bench", routerID: nil, labels: [:])
guard let section = BGPAnnouncerPlugin.decode(section: document.root, context: ConfigContext(pools: [:], node: node), &diagnostics) else {
    FileHandle.standardError.write(Data("\(diagnostics.all)\n".utf8))
    exit(2)
}
let announcer = try BGPAnnouncerPlugin.make(
    setup: AnnouncerSetup(section: section, advertisements: ["bench": BGPAdvertisementOptions()]),
    context: PluginContext(logger: logger, metrics: NOOPMetricsHandler.instance, node: node)
)
// 198.18.0.0/15 is reserved for benchmarks (RFC 2544, RFC 6815): 131,072 host routes fit.
let routes = (0..<count).map { index in
    DesiredRoute(prefix: .host(.v4(IPv4Address(0xC612_0000 + UInt32(index)))), advertisement: "bench", services: [])
}

func residentKiB() -> (rss: Int, peak: Int) {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    func field(_ name: String) -> Int {
        status.split(separator: "\n").first { $0.hasPrefix(name) }.flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") } ?? 0
    }
    return (field("VmRSS:"), field("VmHWM:"))
}

let group = ServiceGroup(configuration: .init(services: [.init(service: announcer)], logger: logger))
try await withThrowingTaskGroup(of: Void.self) { tasks in
    tasks.addTask { try await group.run() }
    tasks.addTask {
        // Standard input is read on its own thread so no cooperative thread ever blocks.
        let (lines, feed) = AsyncStream<String>.makeStream()
        Thread.detachNewThread {
            while let line = readLine() { feed.yield(line) }
            feed.finish()
        }
        for await line in lines {
            switch line {
            case "announce": await announcer.announce(routes)
            case "withdraw": await announcer.announce([])
            case "rss":
                let (rss, peak) = residentKiB()
                FileHandle.standardOutput.write(Data("rss_kib=\(rss) peak_kib=\(peak)\n".utf8))
            case "quit":
                await group.triggerGracefulShutdown()
                return
            default: break
            }
            FileHandle.standardOutput.write(Data("ok \(line)\n".utf8))
        }
        await group.triggerGracefulShutdown()
    }
    try await tasks.waitForAll()
}
