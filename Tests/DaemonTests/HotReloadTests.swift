import Foundation
import Testing

/// Hot reload of the real daemon: every kind of file change, SIGHUP, bad edits and refused changes.
@Suite("Hot reload end to end", .serialized)
struct HotReloadTests {
    /// A scratch directory holding a copy of the example configuration.
    final class Scratch {
        let directory: URL
        var config: URL { directory.appendingPathComponent("ironlb.yaml") }
        let original: String

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("ironlb-reload-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            // The example with its durable state kept in this scratch directory, not /var/lib/ironlb.
            original = try String(contentsOf: DaemonProcess.root.appendingPathComponent("etc/ironlb/ironlb.yaml"), encoding: .utf8)
                .replacingOccurrences(of: "state-directory: /var/lib/ironlb", with: "state-directory: \(directory.path)/state")
            try original.write(to: config, atomically: false, encoding: .utf8)
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        /// The example plus one static service named `name` in pool public.
        func withService(_ name: String) -> String {
            original.replacingOccurrences(of: "  - name: registry\n    pool: internal\n", with: "  - name: registry\n    pool: internal\n  - name: \(name)\n    pool: public\n")
        }

        /// Writes like an editor: a temporary file renamed over the original.
        func replaceAtomically(_ text: String) throws {
            let temporary = directory.appendingPathComponent(".ironlb.yaml.swp")
            try text.write(to: temporary, atomically: false, encoding: .utf8)
            guard rename(temporary.path, config.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        }

        /// Writes in place: truncate and write the same inode.
        func writeInPlace(_ text: String) throws {
            let handle = try FileHandle(forWritingTo: config)
            try handle.truncate(atOffset: 0)
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        }
    }

    func startDaemon(_ scratch: Scratch, config: URL? = nil) async throws -> DaemonProcess {
        let daemon = DaemonProcess("ironlbd", ["--config", (config ?? scratch.config).path])
        try daemon.start()
        let started = await daemon.waitForError(timeout: .seconds(20)) { $0.contains("would announce 192.0.2.64/32") }
        #expect(started, "daemon did not start: \(daemon.standardError)")
        return daemon
    }

    func stop(_ daemon: DaemonProcess) async {
        daemon.send(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0, "stderr:\n\(daemon.standardError)")
    }

    @Test("An editor-style atomic replace adds a service without a restart; removing it withdraws it")
    func atomicReplace() async throws {
        let scratch = try Scratch()
        let daemon = try await startDaemon(scratch)
        try scratch.replaceAtomically(scratch.withService("extra"))
        #expect(await daemon.waitForError(timeout: .seconds(30)) {
            $0.contains("allocated 203.0.113.3 to static/extra from pool public") && $0.contains("configuration generation 2 applied: sources ~static")
        }, "\(daemon.standardError)")
        try scratch.replaceAtomically(scratch.original)
        #expect(await daemon.waitForError(timeout: .seconds(30)) { $0.contains("would withdraw 203.0.113.3/32") }, "\(daemon.standardError)")
        #expect(!daemon.standardError.contains("ironlbd 0.1.0 starting\n") || daemon.standardError.components(separatedBy: "starting").count == 2, "no restart")
        await stop(daemon)
    }

    @Test("An in-place write is picked up too")
    func inPlaceWrite() async throws {
        let scratch = try Scratch()
        let daemon = try await startDaemon(scratch)
        try scratch.writeInPlace(scratch.withService("inplace"))
        #expect(await daemon.waitForError(timeout: .seconds(30)) { $0.contains("to static/inplace from pool public") }, "\(daemon.standardError)")
        await stop(daemon)
    }

    @Test("A broken edit is rejected with its position and changes nothing; fixing it recovers")
    func brokenEdit() async throws {
        let scratch = try Scratch()
        let daemon = try await startDaemon(scratch)
        try scratch.replaceAtomically(scratch.withService("extra").replacingOccurrences(of: "    pool: public\n    families: dual-stack", with: "    pool: publik\n    families: dual-stack"))
        #expect(await daemon.waitForError(timeout: .seconds(30)) {
            $0.contains("\(scratch.config.path):71:11: error: services[0].pool: unknown pool 'publik'; did you mean 'public'?")
                && $0.contains("reload rejected; configuration generation 1 keeps running")
        }, "\(daemon.standardError)")
        #expect(!daemon.standardError.contains("static/extra"), "nothing of the broken file was applied")
        try scratch.replaceAtomically(scratch.withService("extra"))
        #expect(await daemon.waitForError(timeout: .seconds(30)) { $0.contains("configuration generation 2 applied") }, "\(daemon.standardError)")
        await stop(daemon)
    }

    @Test("SIGHUP reloads, a deleted file keeps the running configuration, and its return is picked up")
    func sighupAndDeletion() async throws {
        let scratch = try Scratch()
        let daemon = try await startDaemon(scratch)
        daemon.send(SIGHUP)
        #expect(await daemon.waitForError(timeout: .seconds(30)) { $0.contains("reloading configuration (SIGHUP)") && $0.contains("configuration unchanged") })
        try FileManager.default.removeItem(at: scratch.config)
        #expect(await daemon.waitForError(timeout: .seconds(30)) { $0.contains("cannot read the configuration: no such file") })
        #expect(daemon.process.isRunning)
        try scratch.withService("back").write(to: scratch.config, atomically: false, encoding: .utf8)
        #expect(await daemon.waitForError(timeout: .seconds(30)) { $0.contains("to static/back from pool public") }, "\(daemon.standardError)")
        await stop(daemon)
    }

    @Test("A ConfigMap-style ..data symlink swap is picked up")
    func configMapSwap() async throws {
        let scratch = try Scratch()
        let fm = FileManager.default
        let first = scratch.directory.appendingPathComponent("..2026_11_28_01"), second = scratch.directory.appendingPathComponent("..2026_11_28_02")
        try fm.createDirectory(at: first, withIntermediateDirectories: true)
        try scratch.original.write(to: first.appendingPathComponent("ironlb.yaml"), atomically: false, encoding: .utf8)
        try fm.createSymbolicLink(atPath: scratch.directory.appendingPathComponent("..data").path, withDestinationPath: first.lastPathComponent)
        let mounted = scratch.directory.appendingPathComponent("mounted.yaml")
        try fm.createSymbolicLink(atPath: mounted.path, withDestinationPath: "..data/ironlb.yaml")
        let daemon = try await startDaemon(scratch, config: mounted)
        // What the kubelet does: write the new version into a new directory, then swap ..data atomically.
        try fm.createDirectory(at: second, withIntermediateDirectories: true)
        try scratch.withService("cm").write(to: second.appendingPathComponent("ironlb.yaml"), atomically: false, encoding: .utf8)
        let temporaryLink = scratch.directory.appendingPathComponent("..data_tmp")
        try fm.createSymbolicLink(atPath: temporaryLink.path, withDestinationPath: second.lastPathComponent)
        #expect(rename(temporaryLink.path, scratch.directory.appendingPathComponent("..data").path) == 0)
        #expect(await daemon.waitForError(timeout: .seconds(30)) { $0.contains("to static/cm from pool public") }, "\(daemon.standardError)")
        await stop(daemon)
    }

    @Test("A change that cannot be applied live is refused whole, with the reason")
    func unappliable() async throws {
        let scratch = try Scratch()
        let daemon = try await startDaemon(scratch)
        let edited = scratch.withService("extra").replacingOccurrences(of: "socket: /run/ironlb/control.sock", with: "socket: /run/ironlb/other.sock")
        try scratch.replaceAtomically(edited)
        #expect(await daemon.waitForError(timeout: .seconds(30)) {
            $0.contains("reload refused: control.socket changed (/run/ironlb/control.sock → /run/ironlb/other.sock); restart ironlbd to move the control socket")
        }, "\(daemon.standardError)")
        #expect(!daemon.standardError.contains("static/extra"), "nothing is half-applied")
        await stop(daemon)
    }

    @Test("A burst of edits is debounced into few reloads of the latest content")
    func debounce() async throws {
        let scratch = try Scratch()
        let daemon = try await startDaemon(scratch)
        for index in 0..<20 { try scratch.writeInPlace(scratch.withService("burst\(index)")) }
        #expect(await daemon.waitForError(timeout: .seconds(30)) { $0.contains("to static/burst19 from pool public") }, "\(daemon.standardError)")
        try await Task.sleep(for: .milliseconds(500))
        let reloads = daemon.standardError.components(separatedBy: "reloading configuration (configuration file changed)").count - 1
        #expect(reloads >= 1 && reloads <= 3, "\(reloads) reloads for a burst of 20 writes")
        await stop(daemon)
    }
}
