import Foundation
import Testing

/// Journald-native logging of the real daemon, with a test socket standing in for the journal.
@Suite("journald records", .serialized)
struct JournalLoggingTests {
    static let webAllocated = "allocated 203.0.113.2, 2001:db8:100::1 to static/web from pool public"

    /// Runs the daemon until the allocation line for static/web was logged somewhere, then stops it;
    /// returns the journal records and the daemon's standard error.
    func run(_ arguments: [String], environment: [String: String] = [:], journalStreamOfStderr: Bool = false) async throws -> ([[String: [String]]], String) {
        let journal = try DatagramSocket(name: "journal")
        var environment = environment
        environment["IRONLB_JOURNAL_SOCKET"] = journal.path
        let state = try DaemonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let daemon = DaemonProcess("ironlbd", ["--config", "etc/ironlb/ironlb.yaml", "--state-directory", state.path] + arguments, environment: environment)
        if journalStreamOfStderr {
            // What systemd does with StandardError=journal: JOURNAL_STREAM names stderr's device:inode.
            var info = stat()
            fstat(daemon.errorPipe.fileHandleForWriting.fileDescriptor, &info)
            daemon.process.environment = (daemon.process.environment ?? ProcessInfo.processInfo.environment)
                .merging(["JOURNAL_STREAM": "\(info.st_dev):\(info.st_ino)"]) { _, new in new }
        }
        try daemon.start()
        var records: [[String: [String]]] = []
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline, !daemon.standardError.contains(Self.webAllocated),
              !records.contains(where: { $0["MESSAGE"] == [Self.webAllocated] }) {
            if let datagram = await journal.receive(timeout: .milliseconds(50)), let fields = JournalDatagram.fields(datagram) { records.append(fields) }
        }
        daemon.send(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)
        while let datagram = await journal.receive(timeout: .milliseconds(200)), let fields = JournalDatagram.fields(datagram) { records.append(fields) }
        return (records, daemon.standardError)
    }

    @Test("--log-target journal: records carry MESSAGE, PRIORITY, SYSLOG_IDENTIFIER, CODE_* and IRONLB_* fields; stderr stays quiet")
    func structuredFields() async throws {
        let (records, errors) = try await run(["--log-target", "journal"])
        let web = try #require(records.first { $0["MESSAGE"] == [Self.webAllocated] }, "records: \(records.compactMap { $0["MESSAGE"] })")
        #expect(web["PRIORITY"] == ["6"])
        #expect(web["SYSLOG_IDENTIFIER"] == ["ironlbd"])
        #expect(web["IRONLB_SERVICE"] == ["static/web"])
        #expect(web["IRONLB_POOL"] == ["public"])
        #expect(web["CODE_FILE"]?.first?.hasSuffix("Controller.swift") == true)
        #expect(web["CODE_LINE"]?.first.flatMap { Int($0) } != nil)
        #expect(web["CODE_FUNC"]?.first?.isEmpty == false)
        let stop = try #require(records.first { $0["MESSAGE"]?.first?.hasPrefix("dry-run announcer stopping") == true })
        #expect(stop["IRONLB_LOGGER"] == ["ironlbd.announcer.dry-run"])
        #expect(!errors.contains(Self.webAllocated))
    }

    @Test("--log-target auto: the journal only when JOURNAL_STREAM names our stderr")
    func autoDetection() async throws {
        let (journalRecords, journalErrors) = try await run([], journalStreamOfStderr: true)
        #expect(journalRecords.contains { $0["MESSAGE"] == [Self.webAllocated] })
        #expect(!journalErrors.contains(Self.webAllocated))

        let (records, errors) = try await run([], environment: ["JOURNAL_STREAM": "0:1"])
        #expect(records.isEmpty)
        #expect(errors.contains(Self.webAllocated))
    }

    @Test("An unknown --log-target is refused")
    func unknownTarget() async throws {
        let (status, _, errors) = try await DaemonProcess.run("ironlbd", ["--config", "etc/ironlb/ironlb.yaml", "--log-target", "syslog"])
        #expect(status != 0)
        #expect(errors.contains("unknown log target 'syslog'"))
    }
}
