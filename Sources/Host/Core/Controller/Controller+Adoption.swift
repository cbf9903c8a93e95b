import IronLBPluginAPI
import Logging

extension Controller {
    /// Allocates for `intent`. The first time a service is heard of, its recorded addresses (a
    /// Kubernetes Service's status) are reconciled with the store, deterministically:
    ///
    /// - the store holds nothing and the request names no address: the recorded addresses are
    ///   adopted when a pool that would serve the service has them free; otherwise the service gets
    ///   what it would have got anyway, and the conflict is reported;
    /// - the store holds an assignment that differs: the store wins (the request decides as it always
    ///   does), and the conflict is reported.
    ///
    /// A reported conflict is logged, kept in ``conflicts`` for `ironlbctl`, and told to the source's
    /// observer (Kubernetes records an Event). A service is never moved without saying so.
    func allocate(
        _ intent: ServiceIntent, before: Assignment?, messages: inout [(String, Logger.Metadata)]
    ) -> Result<Assignment, AllocationRefusal> {
        guard firstHeard.remove(intent.key) != nil, !intent.recordedAddresses.isEmpty else { return allocator.allocate(intent) }
        let recorded = Self.text(intent.recordedAddresses)
        if let before {
            let outcome = allocator.allocate(intent)
            guard Set(intent.recordedAddresses) != Set(before.addresses) else { return outcome }
            let held = Self.text(before.addresses)
            let resolution = switch outcome {
            case .success(let kept) where kept.addresses == before.addresses: "keeping \(held): the store is the source of truth"
            case .success(let moved): "its request now gives it \(Self.text(moved.addresses))"
            case .failure(let refusal): "its request now gets it nothing: \(refusal.message)"
            }
            report(conflict: "the allocation store holds \(held) but its source records \(recorded); \(resolution)", for: intent.key)
            return outcome
        }
        guard intent.request.addresses.isEmpty else { return allocator.allocate(intent) }
        switch allocator.adopt(intent, recorded: intent.recordedAddresses) {
        case .success(let adopted):
            messages.append((
                "adopted \(Self.text(adopted.addresses)) for \(intent.key) from what its source records (pool \(adopted.pool))",
                ["service": "\(intent.key)", "pool": "\(adopted.pool)"]
            ))
            return .success(adopted)
        case .failure(let refusal):
            let outcome = allocator.allocate(intent)
            let resolution = switch outcome {
            case .success(let fresh): "allocated \(Self.text(fresh.addresses)) instead"
            case .failure(let other): "and nothing else could be allocated: \(other.message)"
            }
            report(conflict: "its source records \(recorded), which cannot be kept (\(refusal.message)); \(resolution)", for: intent.key)
            return outcome
        }
    }

    private func report(conflict: String, for key: ServiceKey) {
        conflicts[key] = conflict
        logger.warning("allocation conflict for \(key): \(conflict)", metadata: ["service": "\(key)"])
    }

    private static func text(_ addresses: some Collection<IPAddress>) -> String {
        addresses.map(\.description).joined(separator: ", ")
    }
}
