import IronLBCore
import IronLBPluginAPI
import Synchronization

/// Hands the sources started with the daemon to the controller, and remembers which of them have
/// delivered their first report, so that READY=1 can mean "the services declared at start hold
/// their addresses and the plan is pushed" rather than merely "the process is up".
final class StartupSink: ServiceIntentSink {
    private let controller: Controller
    private let reported = Mutex<Set<String>>([])

    init(controller: Controller) {
        self.controller = controller
    }

    func replaceServices(from source: String, with intents: [ServiceIntent]) async {
        await controller.replaceServices(from: source, with: intents)
        reported.withLock { _ = $0.insert(source) }
    }

    func upsert(_ intent: ServiceIntent) async {
        await controller.upsert(intent)
        reported.withLock { _ = $0.insert(intent.key.source) }
    }

    func remove(_ key: ServiceKey) async {
        await controller.remove(key)
    }

    func observeAssignments(of source: String, by observer: (any AssignmentObserver)?) async {
        await controller.observeAssignments(of: source, by: observer)
    }

    /// Whether every source in `sources` has reported at least once.
    func haveReported(_ sources: Set<String>) -> Bool {
        reported.withLock { sources.isSubset(of: $0) }
    }
}
