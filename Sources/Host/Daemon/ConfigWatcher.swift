import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Watches the configuration file's directory with inotify and asks for a reload, debounced, when
/// the file may have changed: in-place writes, editors' atomic replace (write a temporary file, rename
/// over), ConfigMap-style `..data` symlink swaps, deletion and re-creation, and moves of the
/// directory itself (then it waits for the directory to come back and watches it again).
struct ConfigWatcher: Service {
    let path: String
    let debounce: Duration
    let logger: Logger
    let onChange: @Sendable (String) -> Void

    private var directory: String { (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent }
    private var fileName: String { (path as NSString).lastPathComponent }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            let changes = ChangeCounter()
            await withTaskGroup(of: Void.self) { tasks in
                tasks.addTask { await self.watchLoop(changes: changes) }
                tasks.addTask { await self.debounceLoop(changes: changes) }
                await tasks.waitForAll()
            }
        }
    }

    /// Counts relevant events; re-establishes the watch whenever it is lost.
    private func watchLoop(changes: ChangeCounter) async {
        var announcedMissing = false
        while !Task.isCancelled {
            guard FileManager.default.fileExists(atPath: directory) else {
                if !announcedMissing { logger.warning("configuration directory \(directory) is gone; keeping the running configuration") }
                announcedMissing = true
                try? await Task.sleep(for: .milliseconds(250))
                continue
            }
            if announcedMissing {
                announcedMissing = false
                changes.bump()
            }
            do {
                try await watchOnce(changes: changes)
            } catch is CancellationError {
                return
            } catch {
                logger.warning("watching \(directory) failed: \(error); retrying")
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
    }

    private func watchOnce(changes: ChangeCounter) async throws {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw WatchError(description: "inotify_init1: \(String(cString: strerror(errno)))") }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB)
        guard inotify_add_watch(fd, directory, mask) >= 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw WatchError(description: "inotify_add_watch \(directory): \(message)")
        }
        let channel = try await NIOPipeBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .takingOwnershipOfDescriptor(input: fd) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await withTaskCancellationHandler {
            try await channel.executeThenClose { inbound, _ in
                var pending = ByteBuffer()
                for try await chunk in inbound {
                    pending.writeImmutableBuffer(chunk)
                    for event in InotifyEvent.drain(&pending) {
                        if event.mask & UInt32(IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
                            changes.bump()
                            return  // the watch is gone; the loop re-establishes it
                        }
                        if event.name == fileName || event.name == "..data" {
                            changes.bump()
                        }
                    }
                }
            }
        } onCancel: {
            channel.channel.close(promise: nil)
        }
    }

    /// Waits for `debounce` of quiet after the last change, then asks for one reload.
    private func debounceLoop(changes: ChangeCounter) async {
        var seen = 0
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(20))
            let now = changes.current
            guard now != seen else { continue }
            var settled = now
            repeat {
                seen = settled
                try? await Task.sleep(for: debounce)
                settled = changes.current
            } while settled != seen && !Task.isCancelled
            onChange("configuration file changed")
        }
    }

    struct WatchError: Error, CustomStringConvertible {
        var description: String
    }
}

/// One `struct inotify_event` read from the inotify descriptor.
struct InotifyEvent {
    var mask: UInt32
    var name: String

    /// Removes every complete event from `buffer`; a partial one stays for the next read.
    static func drain(_ buffer: inout ByteBuffer) -> [InotifyEvent] {
        var events: [InotifyEvent] = []
        // struct inotify_event { int wd; uint32_t mask; uint32_t cookie; uint32_t len; char name[len]; }
        while buffer.readableBytes >= 16 {
            let start = buffer.readerIndex
            guard let mask = buffer.getInteger(at: start + 4, endianness: .host, as: UInt32.self),
                  let length = buffer.getInteger(at: start + 12, endianness: .host, as: UInt32.self),
                  buffer.readableBytes >= 16 + Int(length) else { break }
            let nameBytes = buffer.getBytes(at: start + 16, length: Int(length)) ?? []
            let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
            buffer.moveReaderIndex(forwardBy: 16 + Int(length))
            events.append(InotifyEvent(mask: mask, name: name))
        }
        buffer.discardReadBytes()
        return events
    }
}

/// Counts file-system events between the watcher and its debouncer.
final class ChangeCounter: Sendable {
    private let value = Atomic<Int>(0)

    /// Records one more event.
    func bump() { value.add(1, ordering: .relaxed) }

    /// The number of events so far.
    var current: Int { value.load(ordering: .relaxed) }
}
