import CHeapStats
import IronLBBuiltins
import IronLBCore
import IronLBPluginAPI
#if canImport(Glibc)
import Glibc
#endif

/// `ironlb-alloc-bench [--quick] [--only STRATEGY [--engine | --nearly-full | --churn | --replay]]`: the allocation engine's benchmarks, printed as Markdown rows for
/// docs/benchmarks.md. Build it in release mode:
///
///     swift build -c release --scratch-path .build-release --product ironlb-alloc-bench
///     .build-release/release/ironlb-alloc-bench
@main
struct AllocBench {
    static let quick = CommandLine.arguments.contains("--quick")
    static let registry = BuiltinPlugins.registry()

    static func main() throws {
        let count = quick ? 100_000 : 1_000_000
        if let index = CommandLine.arguments.firstIndex(of: "--only") {
            // One run, for profiling: --only STRATEGY [--engine | --nearly-full | --churn | --replay]
            // (the pool index + strategy row, the 99 %-full /16 row, the churn row, the replay row)
            let strategy = CommandLine.arguments[index + 1]
            if CommandLine.arguments.contains("--engine") {
                try engine(strategy: strategy, count: count)
            } else if CommandLine.arguments.contains("--nearly-full") {
                try nearlyFull(strategy: strategy)
            } else if CommandLine.arguments.contains("--churn") {
                try churn(strategy: strategy, count: quick ? 50_000 : 200_000)
            } else if CommandLine.arguments.contains("--replay") {
                try replay(strategy: strategy, count: 100_000)
            } else {
                try bulk(strategy: strategy, count: count)
            }
            return
        }
        print("| strategy | allocations | seconds | allocations/s | bytes/assignment (whole allocator) | index intervals | page faults per 1,000 |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for strategy in ["sequential", "hash", "random", "balanced", "sticky"] {
            try bulk(strategy: strategy, count: count)
        }
        print()
        print("| strategy (pool index + strategy only) | allocations | seconds | allocations/s | index bytes/assignment | index intervals |")
        print("|---|---:|---:|---:|---:|---:|")
        for strategy in ["sequential", "hash", "random", "balanced", "sticky"] {
            try engine(strategy: strategy, count: count)
        }
        print()
        print("| strategy | 99 %-full /16: p50 µs | p99 µs | max µs |")
        print("|---|---:|---:|---:|")
        for strategy in ["sequential", "hash", "random", "balanced", "sticky"] {
            try nearlyFull(strategy: strategy)
        }
        print()
        print("| churn (release one, allocate one) in a pool holding 500,000 | operations | seconds | pairs/s |")
        print("|---|---:|---:|---:|")
        for strategy in ["sequential", "random", "sticky"] {
            try churn(strategy: strategy, count: quick ? 50_000 : 200_000)
        }
        print()
        try replay(strategy: "sequential", count: 100_000)
    }

    /// A pool of eight IPv4 /16s and an IPv6 /64, services alternating between families.
    static func pool(_ strategy: String, blocks: [String]? = nil) throws -> [PoolConfig] {
        let addresses = blocks ?? ((0..<8).map { "10.\($0).0.0/16" } + ["2001:db8::/64"])
        let text = """
        version: 1
        pools:
          - name: bench
            addresses: [\(addresses.joined(separator: ", "))]
            strategy: {type: \(strategy)\(strategy == "random" ? ", seed: 1" : "")}
        """
        guard let config = ConfigLoader(registry: registry).load(bytes: Array(text.utf8), file: "bench.yaml").config else {
            fatalError("invalid bench configuration")
        }
        return config.pools
    }

    static func intents(_ count: Int, prefix: String = "svc", alternate: Bool = true) -> [ServiceIntent] {
        (0..<count).map { index in
            ServiceIntent(key: ServiceKey(source: "bench", name: "\(prefix)-\(index)"), request: AddressRequest(families: alternate && index % 2 == 1 ? .ipv6 : .ipv4))
        }
    }

    static func bulk(strategy: String, count: Int) throws {
        // Reversed, to be moved out from the end: a caller hands the allocator intents it owns, and
        // copying each out of an array (retaining its strings, dictionary and arrays, then releasing
        // them) was about 290 instructions of harness per allocation.
        var intents = Array(intents(count).reversed())
        let heapBefore = heapInUse()
        var allocator = try Allocator(pools: try pool(strategy), registry: registry)
        let faultsBefore = minorFaults()
        let start = ContinuousClock.now
        while let intent = intents.popLast() {
            guard case .success = allocator.allocate(intent) else { fatalError("\(strategy): allocation failed") }
            if allocator.pendingCount > 4096 { _ = allocator.takeRecords() }
        }
        let elapsed = seconds(ContinuousClock.now - start)
        let faults = Double(minorFaults() - faultsBefore) / Double(count)
        _ = allocator.takeRecords()
        let bytes = Double(max(0, heapInUse() - heapBefore)) / Double(count)
        let intervals = allocator.indexIntervalCount
        print("| \(strategy) | \(count) | \(format(elapsed, 3)) | \(Int(Double(count) / elapsed)) | \(Int(bytes)) | \(intervals) | \(format(faults * 1000, 1)) |")
        // The intents too: freed before the heap is read, they would hide the allocator's growth.
        withExtendedLifetime((allocator, intents)) {}
    }

    /// The same allocations without the allocator's bookkeeping (service tables, journal records):
    /// what the pool index and the strategy cost on their own.
    static func engine(strategy name: String, count: Int) throws {
        let config = try pool(name)[0]
        guard let strategy = try registry.strategy(named: name).make(config.strategyOptions.configuration) else { fatalError() }
        let keys = (0..<count).map { ServiceKey(source: "bench", name: "svc-\($0)") }
        let heapBefore = heapInUse()
        var v4 = PoolFamilySpace(family: .ipv4, blocks: config.addresses.filter { $0.family == .ipv4 }, reserved: [], avoidBuggyIPs: false)
        var v6 = PoolFamilySpace(family: .ipv6, blocks: config.addresses.filter { $0.family == .ipv6 }, reserved: [], avoidBuggyIPs: false)
        let time = WallClockInstant.epoch
        let start = ContinuousClock.now
        for (index, key) in keys.enumerated() {
            if index % 2 == 0 {
                guard let offer = strategy.choose(for: key, in: v4, at: time), v4.take(offer) != nil else { fatalError("\(name): v4 full") }
            } else {
                guard let offer = strategy.choose(for: key, in: v6, at: time), v6.take(offer) != nil else { fatalError("\(name): v6 full") }
            }
        }
        let elapsed = seconds(ContinuousClock.now - start)
        let bytes = Double(max(0, heapInUse() - heapBefore)) / Double(count)
        print("| \(name) | \(count) | \(format(elapsed, 3)) | \(Int(Double(count) / elapsed)) | \(Int(bytes)) | \(v4.intervalCount + v6.intervalCount) |")
        withExtendedLifetime((v4, v6)) {}
    }

    static func nearlyFull(strategy: String) throws {
        var filler = try Allocator(pools: try pool("random", blocks: ["10.0.0.0/16"]), registry: registry)
        let capacity = 65_536, held = capacity * 99 / 100
        for intent in intents(held, prefix: "fill", alternate: false) { _ = filler.allocate(intent) }
        // Same holdings, now under the strategy being measured.
        var allocator = try Allocator(pools: try pool(strategy, blocks: ["10.0.0.0/16"]), registry: registry)
        allocator.replay(filler.takeRecords())
        _ = allocator.takeRecords()
        // One simulated second per probe: a sticky pool (10m cool-down) ends up with most of its free
        // addresses cooling down, its worst case.
        let clock = BenchClock()
        allocator.clock = clock.tick
        var samples: [Double] = []
        let probes = intents(quick ? 2_000 : 20_000, prefix: "probe", alternate: false)
        for intent in probes {
            let start = ContinuousClock.now
            guard case .success = allocator.allocate(intent) else { fatalError("\(strategy): no room") }
            samples.append(seconds(ContinuousClock.now - start) * 1e6)
            allocator.release(intent.key)
            _ = allocator.takeRecords()
        }
        samples.sort()
        func percentile(_ p: Double) -> String { format(samples[min(samples.count - 1, Int(Double(samples.count) * p))], 2) }
        print("| \(strategy) | \(percentile(0.5)) | \(percentile(0.99)) | \(format(samples.last!, 1)) |")
    }

    static func churn(strategy: String, count: Int) throws {
        var allocator = try Allocator(pools: try pool(strategy), registry: registry)
        var live = intents(500_000)
        for intent in live { _ = allocator.allocate(intent) }
        _ = allocator.takeRecords()
        var generator = SystemRandomNumberGenerator()
        let fresh = intents(count, prefix: "churn")
        let start = ContinuousClock.now
        for (index, intent) in fresh.enumerated() {
            let victim = Int.random(in: 0..<live.count, using: &generator)
            allocator.release(live[victim].key)
            guard case .success = allocator.allocate(intent) else { fatalError("churn: allocation failed") }
            live[victim] = intent
            if index % 4096 == 0 { _ = allocator.takeRecords() }
        }
        let elapsed = seconds(ContinuousClock.now - start)
        print("| \(strategy) | \(count) | \(format(elapsed, 3)) | \(Int(Double(count) / elapsed)) |")
    }

    static func replay(strategy: String, count: Int) throws {
        let directory = "/tmp/ironlb-alloc-bench-\(getpid())"
        defer { _ = try? removeTree(directory) }
        do {
            var allocator = try Allocator(pools: try pool(strategy), registry: registry)
            let (journal, _) = try AllocationJournal.open(directory: directory)
            for intent in intents(count) { _ = allocator.allocate(intent) }
            // As the daemon leaves it: compacted, in frames of 1,024 records.
            try journal.compact(allocator.snapshot())
        }
        var size = stat()
        stat(directory + "/" + AllocationJournal.fileName, &size)
        let start = ContinuousClock.now
        var allocator = try Allocator(pools: try pool(strategy), registry: registry)
        let (_, records) = try AllocationJournal.open(directory: directory)
        let read = ContinuousClock.now
        allocator.replay(records)
        let end = ContinuousClock.now
        precondition(allocator.assignments.count == count)
        print("| restart replay | assignments | journal bytes | read + decode ms | replay ms | total ms |")
        print("|---|---:|---:|---:|---:|---:|")
        print("| \(strategy) pool | \(count) | \(size.st_size) | \(format(seconds(read - start) * 1000, 1)) | \(format(seconds(end - read) * 1000, 1)) | \(format(seconds(end - start) * 1000, 1)) |")
    }

    static func removeTree(_ directory: String) throws {
        unlink(directory + "/" + AllocationJournal.fileName)
        rmdir(directory)
    }

    static func heapInUse() -> Int {
        Int(ironlb_heap_in_use())
    }

    /// Page faults the process has taken without reading a disk: each is a trip into the kernel,
    /// most of them to hand over (and zero) a fresh page of a growing table.
    static func minorFaults() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_minflt
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    static func format(_ value: Double, _ digits: Int) -> String {
        var factor = 1.0
        for _ in 0..<digits { factor *= 10 }
        let rounded = (value * factor).rounded() / factor
        return "\(rounded)"
    }
}

/// A clock that moves one second each time it is read.
final class BenchClock: @unchecked Sendable {
    private var seconds: Int64 = 1_700_000_000
    var tick: @Sendable () -> WallClockInstant {
        { [self] in
            seconds += 1
            return WallClockInstant(nanosecondsSinceEpoch: seconds * 1_000_000_000)
        }
    }
}
