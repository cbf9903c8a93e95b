import RouterLab
import Testing

/// Every suite that drives real routers. They block a thread while they poll the routers, so they
/// run one at a time, and on threads of their own: on the cooperative pool of a 2-core machine they
/// once starved unrelated async tests into timeouts.
@Suite("Router interop", .serialized, .ownThreads)
enum RouterInterop {}
