import Logging

/// Keeps one resource of the cache current with list + watch, like client-go's reflector: list
/// (remembering the list's resourceVersion), then watch from there with bookmarks; relist when the
/// version is too old (410 Gone), after any failure, and every resync period. Failures back off
/// exponentially up to a cap and never clear the cache.
struct Reflector<Object: KubernetesObject>: Sendable {
    let resource: ClusterCache.Resource
    /// The collection's path, e.g. `/api/v1/services`.
    let path: String
    let store: any WritableKeyPath<ClusterSnapshot, ObjectStore<Object>> & Sendable
    let client: APIClient
    let cache: ClusterCache
    let resyncPeriod: Duration
    let timing: KubernetesTiming
    let logger: Logger

    /// Runs until the task is cancelled.
    func run() async {
        var backoff = Backoff(initial: timing.initialBackoff, maximum: timing.maximumBackoff)
        var resourceVersion: String?
        let clock = ContinuousClock()
        var listedAt = clock.now
        while !Task.isCancelled {
            do throws(APIError) {
                if resourceVersion == nil || listedAt.duration(to: clock.now) >= resyncPeriod {
                    let (items, version) = try await client.list(path, as: Object.self)
                    await cache.replace(store, with: items, resource: resource)
                    logger.debug("listed \(items.count) \(resource.rawValue) at resourceVersion \(version)")
                    resourceVersion = version
                    listedAt = clock.now
                    backoff.reset()
                }
                let untilResync = resyncPeriod - listedAt.duration(to: clock.now)
                try await client.watch(
                    path, from: resourceVersion ?? "", timeout: max(.seconds(1), min(timing.watchTimeout, untilResync)), as: Object.self
                ) { event throws(APIError) in
                    switch event {
                    case .added(let object), .modified(let object), .deleted(let object):
                        resourceVersion = object.metadata.resourceVersion ?? resourceVersion
                        await cache.apply(store, event, resource: resource)
                    case .bookmark(let version):
                        resourceVersion = version
                    case .error(let status):
                        throw APIError.status(code: status.code ?? 500, status)
                    }
                }
            } catch where error.isGone {
                logger.info("resourceVersion of \(resource.rawValue) expired (410 Gone); listing again")
                resourceVersion = nil
            } catch {
                if Task.isCancelled { return }
                await cache.failed(resource, error)
                resourceVersion = nil
                try? await Task.sleep(for: backoff.next())
            }
        }
    }
}
