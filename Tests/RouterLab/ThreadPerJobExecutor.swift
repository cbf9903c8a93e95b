import Foundation
public import Testing

/// A task executor that runs every job on a fresh thread of its own.
///
/// Synchronous tests that drive routers block their thread for seconds (process waits, polling
/// sleeps). On the cooperative pool, which has one thread per core, that starves every async test
/// and in-process server of the test process; on a 2-core machine one such test halves the pool.
/// Run under this executor (`withTaskExecutorPreference`), a blocking test holds a thread nobody
/// else needs. Task-locals survive, so Swift Testing still attributes `#expect` to the right test.
public final class ThreadPerJobExecutor: TaskExecutor {
    public static let shared = ThreadPerJobExecutor()

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        let thread = Thread { job.runSynchronously(on: executor) }
        thread.name = "routerlab-blocking"
        thread.stackSize = 4 << 20
        thread.start()
    }
}

/// A suite trait: every test in the suite (recursively) runs under `ThreadPerJobExecutor`, off the
/// cooperative pool. For suites whose tests block on processes and polling.
public struct OwnThreads: SuiteTrait, TestTrait, TestScoping {
    public init() {}

    public var isRecursive: Bool { true }

    public func scopeProvider(for test: Test, testCase: Test.Case?) -> OwnThreads? {
        testCase == nil ? nil : self
    }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        try await withTaskExecutorPreference(ThreadPerJobExecutor.shared) { try await function() }
    }
}

extension Trait where Self == OwnThreads {
    /// Runs the suite's tests on threads of their own, off the cooperative pool.
    public static var ownThreads: OwnThreads { OwnThreads() }
}
