package import ServiceLifecycle
package import Logging

/// Runs plugin instances that come and go while the daemon runs (announcers, sources): each in its
/// own small service group, so one can be stopped gracefully, replaced or added on reload without
/// touching the others. On the daemon's graceful shutdown it stops them all, newest first.
package final class ServiceSupervisor: Service, Sendable {
    private enum Command: Sendable {
        case start(name: String, service: any Service)
        case stop(name: String, done: CheckedContinuation<Void, Never>)
        case finished(name: String, generation: Int, error: String?)
        case shutdownAll
    }

    private let label: String
    private let logger: Logger
    private let commands: AsyncStream<Command>
    private let continuation: AsyncStream<Command>.Continuation

    /// Creates a supervisor; `label` names it in logs ("announcers", "sources").
    package init(label: String, logger: Logger) {
        self.label = label
        self.logger = logger
        (commands, continuation) = AsyncStream<Command>.makeStream()
    }

    /// Starts `service` under `name` (replacing nothing: stop the old one first).
    package func start(_ name: String, _ service: any Service) {
        continuation.yield(.start(name: name, service: service))
    }

    /// Stops the instance named `name` gracefully and returns when it has finished.
    package func stop(_ name: String) async {
        await withCheckedContinuation { done in
            continuation.yield(.stop(name: name, done: done))
        }
    }

    package func run() async throws {
        await withGracefulShutdownHandler {
            await supervise()
        } onGracefulShutdown: {
            self.continuation.yield(.shutdownAll)
        }
    }

    private func supervise() async {
        await withTaskGroup(of: Void.self) { tasks in
            var running: [String: (group: ServiceGroup, generation: Int)] = [:]
            var order: [String] = []
            var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]
            var generation = 0
            var shuttingDown = false
            for await command in commands {
                switch command {
                case .start(let name, let service):
                    guard !shuttingDown, running[name] == nil else {
                        logger.error("\(label): not starting '\(name)': \(shuttingDown ? "shutting down" : "already running")")
                        continue
                    }
                    generation += 1
                    let group = ServiceGroup(configuration: .init(services: [.init(service: service)], logger: logger))
                    running[name] = (group, generation)
                    order.append(name)
                    let current = generation
                    tasks.addTask { [continuation] in
                        var failure: String?
                        do { try await group.run() } catch { failure = "\(error)" }
                        continuation.yield(.finished(name: name, generation: current, error: failure))
                    }
                case .stop(let name, let done):
                    guard let entry = running[name] else { done.resume(); continue }
                    waiting[name, default: []].append(done)
                    await entry.group.triggerGracefulShutdown()
                case .finished(let name, let finishedGeneration, let error):
                    guard running[name]?.generation == finishedGeneration else { continue }
                    running[name] = nil
                    order.removeAll { $0 == name }
                    if let error { logger.error("\(label): '\(name)' stopped with an error: \(error)") }
                    for done in waiting.removeValue(forKey: name) ?? [] { done.resume() }
                    if shuttingDown && running.isEmpty { continuation.finish() }
                case .shutdownAll:
                    shuttingDown = true
                    if running.isEmpty { continuation.finish(); continue }
                    for name in order.reversed() { await running[name]?.group.triggerGracefulShutdown() }
                }
            }
            for list in waiting.values { for done in list { done.resume() } }
        }
    }
}
