import Foundation
import Testing

/// Kills an allocating process with SIGKILL at random instants and checks what the next run recovers.
@Suite("Allocation crash safety", .serialized)
struct AllocationCrashTests {
    /// Service → "pool addresses".
    typealias State = [String: String]

    @Test("After SIGKILL at 50+ random instants, each restart recovers exactly the acknowledged state")
    func killAtRandomInstants() async throws {
        let state = try DaemonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        var acknowledged: State = [:]
        var inFlight: State?
        var kills = 0, acks = 0
        var generator = SystemRandomNumberGenerator()
        let deadline = ContinuousClock.now + .seconds(50)
        while kills < 60 && (kills < 50 || ContinuousClock.now < deadline) {
            let report = state.appendingPathComponent("report-\(kills).txt")
            let child = DaemonProcess("ironlb-alloc-churn", [
                "--state", state.path, "--seed", "\(kills)", "--compact-every", kills % 3 == 0 ? "5" : "0", "--output", report.path,
            ])
            try child.start()
            func output() -> String { (try? String(contentsOf: report, encoding: .utf8)) ?? "" }
            var ready = false
            let started = ContinuousClock.now
            while !ready && ContinuousClock.now - started < .seconds(10) && child.process.isRunning {
                ready = output().contains("ready\n")
                if !ready { try await Task.sleep(for: .milliseconds(2)) }
            }
            // The child may have exited between two polls; its report file still tells.
            ready = ready || output().contains("ready\n")
            try #require(ready, "child did not start: \(output())\(child.standardError)")
            let recovered = Self.recoveredState(output())
            #expect(recovered == acknowledged || recovered == inFlight, "run \(kills): recovered state differs from the acknowledged one: \(Self.difference(recovered, acknowledged)); in flight: \(inFlight.map { Self.difference($0, acknowledged) } ?? "none")")
            let addresses = recovered.values.flatMap { $0.split(separator: " ")[1].split(separator: ",") }
            #expect(Set(addresses).count == addresses.count, "run \(kills): an address is held twice")
            try await Task.sleep(for: .milliseconds(Int.random(in: 1...40, using: &generator)))
            child.send(SIGKILL)
            _ = await child.waitForExit(timeout: .seconds(10))
            kills += 1
            // The child is gone: every line it wrote is in the file.
            let (next, pending, count) = Self.replay(output(), from: recovered)
            (acknowledged, inFlight, acks) = (next, pending, acks + count)
        }
        #expect(kills >= 50)
        #expect(acks > 100, "the child acknowledged too little to prove anything")
    }

    /// What `lhs` has that `rhs` does not, and the other way round, for failure messages.
    static func difference(_ lhs: State, _ rhs: State) -> String {
        let keys = Set(lhs.keys).union(rhs.keys).filter { lhs[$0] != rhs[$0] }.sorted()
        return keys.map { "\($0): \(lhs[$0] ?? "-") vs \(rhs[$0] ?? "-")" }.joined(separator: "; ")
    }

    static func recoveredState(_ output: String) -> State {
        var state: State = [:]
        for line in output.split(separator: "\n") {
            if line == "ready" { break }
            let fields = line.split(separator: " ")
            if fields.first == "state", fields.count == 4 { state[String(fields[1])] = "\(fields[2]) \(fields[3])" }
        }
        return state
    }

    /// The state after every acknowledged batch, the state if the unacknowledged last batch also
    /// made it to disk, and how many batches were acknowledged.
    static func replay(_ output: String, from start: State) -> (State, State?, Int) {
        var state = start
        var batch: [Substring] = []
        var acks = 0
        let complete = output.hasSuffix("\n") ? output[...] : output[..<(output.lastIndex(of: "\n") ?? output.startIndex)]
        let lines = complete.split(separator: "\n").drop { $0 != "ready" }.dropFirst()
        func apply(_ lines: [Substring], to state: inout State) {
            for line in lines {
                let fields = line.split(separator: " ")
                if fields[1] == "A" { state[String(fields[2])] = "\(fields[3]) \(fields[4])" } else { state[String(fields[2])] = nil }
            }
        }
        for line in lines {
            if line == "ack" {
                apply(batch, to: &state)
                batch.removeAll()
                acks += 1
            } else if line.hasPrefix("pending ") {
                batch.append(line)
            }
        }
        guard !batch.isEmpty else { return (state, nil, acks) }
        var withPending = state
        apply(batch, to: &withPending)
        return (state, withPending, acks)
    }
}
