import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP socket listening on 127.0.0.1 inside a network namespace made with `ip netns add`, so a
/// server in the test process can be reached by a process that runs in that namespace (ironlbd in
/// a router lab) without any interface in the host's namespace.
///
/// A socket belongs to the namespace of the thread that created it, for good: the socket is made on
/// a thread of its own, which enters the namespace (setns) and goes back before it ends, so no
/// thread of the cooperative pool or of an event loop ever changes namespace.
enum NamespaceSocket {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A non-blocking socket listening on 127.0.0.1 (ephemeral port) in the namespace `name`.
    static func listen(inNamespace name: String) async throws -> CInt {
        let result: Result<CInt, Failure> = await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: make(name)) }
            thread.start()
        }
        return try result.get()
    }

    /// setns(2), which Glibc's module map leaves out (it sits behind _GNU_SOURCE).
    private typealias SetNamespace = @convention(c) (CInt, CInt) -> CInt
    /// CLONE_NEWNET, from <linux/sched.h>.
    private static let newNetworkNamespace: CInt = 0x4000_0000

    private static func make(_ name: String) -> Result<CInt, Failure> {
        guard let symbol = dlsym(nil, "setns") else { return .failure(Failure(description: "setns is not available")) }
        let setns = unsafeBitCast(symbol, to: SetNamespace.self)
        func failure(_ what: String) -> Failure { Failure(description: "\(what) (namespace \(name)): \(String(cString: strerror(errno)))") }
        let original = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        guard original >= 0 else { return .failure(failure("cannot open this thread's network namespace")) }
        defer { close(original) }
        let target = open("/var/run/netns/\(name)", O_RDONLY | O_CLOEXEC)
        guard target >= 0 else { return .failure(failure("cannot open the network namespace")) }
        defer { close(target) }
        guard setns(target, newNetworkNamespace) == 0 else { return .failure(failure("cannot enter the network namespace")) }
        defer { _ = setns(original, newNetworkNamespace) }
        let socket = Glibc.socket(AF_INET, CInt(SOCK_STREAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue) | CInt(SOCK_NONBLOCK.rawValue), 0)
        guard socket >= 0 else { return .failure(failure("cannot make a socket")) }
        var one: CInt = 1
        _ = setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<CInt>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(socket, 128) == 0 else {
            let error = failure("cannot listen on 127.0.0.1")
            close(socket)
            return .failure(error)
        }
        return .success(socket)
    }
}
