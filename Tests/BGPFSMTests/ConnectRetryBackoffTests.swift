import Testing
@testable import BGPFSM

@Suite("ConnectRetryBackoff")
struct ConnectRetryBackoffTests {
    @Test("Without jitter the delays double from 1 s and stop at the cap")
    func doublingToCap() {
        var backoff = ConnectRetryBackoff(initialDelay: .seconds(1), maximumDelay: .seconds(120), jitter: 0)
        var random = SeededRandom(seed: 1)
        let delays = (0..<10).map { _ in backoff.nextDelay(using: &random) }
        #expect(delays == [1, 2, 4, 8, 16, 32, 64, 120, 120, 120].map { Duration.seconds($0) })
        #expect(backoff.attempts == 10)
    }

    @Test("A configured cap is honoured even when it is not a power of two of the first delay")
    func customCap() {
        var backoff = ConnectRetryBackoff(initialDelay: .milliseconds(500), maximumDelay: .seconds(5), jitter: 0)
        var random = ZeroRandom()
        let delays = (0..<6).map { _ in backoff.nextDelay(using: &random) }
        #expect(delays == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(5), .seconds(5)])
    }

    @Test("Jitter from a seeded source is deterministic, shortens only, and stays within the fraction")
    func seededJitter() {
        func run() -> [Duration] {
            var backoff = ConnectRetryBackoff(jitter: 0.25)
            var random = SeededRandom(seed: 42)
            return (0..<12).map { _ in backoff.nextDelay(using: &random) }
        }
        let first = run()
        #expect(first == run())
        let nominal: [Duration] = [1, 2, 4, 8, 16, 32, 64, 120, 120, 120, 120, 120].map { .seconds($0) }
        for (delay, cap) in zip(first, nominal) {
            #expect(delay <= cap)
            #expect(delay > cap * 0.75)
        }
        // Jitter that changed nothing would make this test pass vacuously.
        #expect(first != nominal)
    }

    @Test("The largest random value shortens by almost the whole jitter fraction")
    func maximumJitter() {
        var backoff = ConnectRetryBackoff(initialDelay: .seconds(4), jitter: 0.5)
        var random = MaxRandom()
        let delay = backoff.nextDelay(using: &random)
        #expect(delay >= .seconds(2) && delay < .milliseconds(2001))
    }

    @Test("Reset starts the sequence over at the first delay")
    func reset() {
        var backoff = ConnectRetryBackoff(jitter: 0)
        var random = ZeroRandom()
        for _ in 0..<5 { _ = backoff.nextDelay(using: &random) }
        #expect(backoff.nominalDelay == .seconds(32))
        backoff.reset()
        #expect(backoff.nextDelay(using: &random) == .seconds(1))
    }

    @Test("Thousands of failures neither overflow nor exceed the cap")
    func longOutage() {
        var backoff = ConnectRetryBackoff(jitter: 0)
        var random = ZeroRandom()
        for _ in 0..<5_000 { _ = backoff.nextDelay(using: &random) }
        #expect(backoff.nextDelay(using: &random) == .seconds(120))
    }
}
