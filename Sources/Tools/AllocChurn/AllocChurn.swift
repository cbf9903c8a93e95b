import IronLBBuiltins
import IronLBCore
import IronLBPluginAPI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `ironlb-alloc-churn --state DIR --seed N [--compact-every N] [--output FILE]`: the child of the
/// crash test. Its report goes to FILE (appended with unbuffered writes, so everything written before
/// a SIGKILL is in the file once the process is gone), or to standard output.
///
/// It replays the journal in DIR and prints the recovered state (`state KEY POOL ADDRESSES`, then
/// `ready`), then allocates and releases at random forever. Before each durable append it prints the
/// records it is about to write (`pending …`), and after the append returns, `ack`. The parent kills
/// it with SIGKILL at a random instant and checks that the next run recovers exactly the acknowledged
/// state, or that state plus the one batch that was pending. It churns until killed, so it dies with
/// its parent (checked every 256 operations): a test process that crashed once left one spinning
/// for an hour.
@main
struct AllocChurn {
    static func main() {
        var arguments = CommandLine.arguments.dropFirst()
        var state = "", seed: UInt64 = 1, compactEvery = 0, output: Int32 = 1
        while let flag = arguments.popFirst() {
            let value = arguments.popFirst() ?? ""
            switch flag {
            case "--state": state = value
            case "--seed": seed = UInt64(value) ?? 1
            case "--compact-every": compactEvery = Int(value) ?? 0
            case "--output":
                output = open(value, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
                if output < 0 { fail("cannot open \(value)") }
            default: fail("unknown argument \(flag)")
            }
        }
        guard !state.isEmpty else { fail("--state is required") }
        do {
            try churn(directory: state, seed: seed, compactEvery: compactEvery, output: output)
        } catch {
            fail("\(error)")
        }
    }

    static func churn(directory: String, seed: UInt64, compactEvery: Int, output: Int32) throws {
        var allocator = try Allocator(pools: pools(), registry: BuiltinPlugins.registry())
        let (journal, records) = try AllocationJournal.open(directory: directory)
        allocator.replay(records)
        try journal.append(allocator.takeRecords())
        var text = ""
        for (key, assignment) in allocator.assignments.sorted(by: { $0.key < $1.key }) {
            text += "state \(key) \(assignment.pool) \(assignment.addresses.map(\.description).joined(separator: ","))\n"
        }
        emit(text + "ready\n", to: output)
        var generator = SystemRandomNumberGenerator()
        var random = seed ^ generator.next()
        var operations = 0
        let parent = getppid()
        while true {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            let service = ServiceKey(source: "churn", name: "s\(random >> 33 % 300)")
            if (random >> 20) % 3 == 0 {
                allocator.release(service)
            } else {
                var request = AddressRequest()
                request.pool = ["seq", "rand", "sticky"][Int(random >> 40 % 3)]
                _ = allocator.allocate(ServiceIntent(key: service, request: request))
            }
            let batch = allocator.takeRecords()
            guard !batch.isEmpty else { continue }
            emit(batch.map(describe).joined(), to: output)
            try journal.append(batch)
            emit("ack\n", to: output)
            operations += 1
            if operations % 256 == 0 && getppid() != parent { exit(1) }
            if compactEvery > 0 && operations % compactEvery == 0 { try journal.compact(allocator.snapshot()) }
        }
    }

    /// Three pools, one per kind of strategy state: none (sequential), a generator (random), a quarantine (sticky).
    static func pools() -> [PoolConfig] {
        let text = """
        version: 1
        pools:
          - {name: seq, addresses: [192.0.2.0/26]}
          - {name: rand, addresses: [198.51.100.0/24, 2001:db8::/64], strategy: random}
          - {name: sticky, addresses: [203.0.113.0/25], strategy: {type: sticky, cool-down: 1h}}
        """
        guard let config = ConfigLoader(registry: BuiltinPlugins.registry()).load(bytes: Array(text.utf8), file: "churn.yaml").config else {
            fail("the built-in churn configuration is invalid")
        }
        return config.pools
    }

    static func describe(_ record: AllocationRecord) -> String {
        switch record {
        case .assigned(let assignment, _, _):
            "pending A \(assignment.key) \(assignment.pool) \(assignment.addresses.map(\.description).joined(separator: ","))\n"
        case .released(let assignment, _):
            "pending R \(assignment.key)\n"
        }
    }

    /// Writes `text` to standard output in one unbuffered write, so a kill never leaves it half in a buffer.
    static func emit(_ text: String, to descriptor: Int32 = 1) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written <= 0 { exit(3) }
            offset += written
        }
    }

    static func fail(_ message: String) -> Never {
        emit("error \(message)\n")
        exit(2)
    }
}
