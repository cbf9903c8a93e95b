import Testing

/// Every suite that drives real routers. They block a thread while they poll the routers, so they
/// run one at a time: running them side by side once tied up the whole cooperative pool of a
/// 2-core machine, and unrelated async tests starved into timeouts.
@Suite("Router interop", .serialized)
enum RouterInterop {}
