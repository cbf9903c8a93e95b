public import Foundation

/// Serializes `Process.run()` across every test of the test process.
///
/// The tests start many processes from many threads at once; Foundation's `Process.run()` on Linux
/// crashed once under that load (a segfault in its argument copying), so every spawn goes through
/// one lock. Spawning is fast; waiting for the processes stays concurrent.
public enum SpawnLock {
    private static let lock = NSLock()

    /// Runs `process` while holding the lock.
    public static func run(_ process: Process) throws {
        try lock.withLock { try process.run() }
    }
}
