import CHeapStats
import Logging
import ServiceLifecycle

/// Gives memory the heap no longer uses back to the system now and then.
///
/// glibc keeps freed memory in its arenas, and after a burst (10,000 Services decoded from a watch
/// stream at once, their Events queued and sent) most of it sits in free chunks between live ones,
/// where only `malloc_trim` releases it: in the 10,000-Service benchmark it took ironlbd's RSS from
/// 130 to 107 MiB. It runs every `period` when more than `threshold` bytes lie free, costs
/// milliseconds, and takes the arena locks only briefly.
struct HeapTrimmer: Service {
    var period: Duration = .seconds(10)
    var threshold = 8 << 20
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: period)
                if !Task.isCancelled { trim() }
            }
        }
    }

    /// Trims when enough lies free; returns the bytes that lay free before.
    @discardableResult
    func trim() -> Int {
        let free = ironlb_heap_free()
        guard free > threshold else { return free }
        ironlb_heap_trim()
        logger.debug("gave free heap memory back to the system", metadata: ["free-before": "\(free)", "free-after": "\(ironlb_heap_free())"])
        return free
    }
}
