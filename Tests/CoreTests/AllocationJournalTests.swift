import Foundation
import Testing
@testable import IronLBCore
import IronLBPluginAPI

@Suite("Allocation journal")
struct AllocationJournalTests {
    typealias F = AllocatorFixtures

    let records: [AllocationRecord] = [
        .assigned(
            Assignment(key: F.key("web"), pool: "public", addresses: [F.address("203.0.113.2"), F.address("2001:db8::1")]),
            request: AddressRequest(
                pool: "public", families: .dualStack, sharingKey: "k", ports: [ServicePort(port: 443, transport: .tcp), ServicePort(port: 53, transport: .udp)],
                trafficPolicy: .local, endpointSelector: ["app": "web", "tier": "front"]
            ),
            at: WallClockInstant(nanosecondsSinceEpoch: 1_700_000_000_123_456_789)
        ),
        .assigned(Assignment(key: ServiceKey(source: "kubernetes", name: "ns/é"), pool: "p", addresses: [F.address("192.0.2.1")]), request: AddressRequest(addresses: [F.address("192.0.2.1")]), at: .epoch),
        .released(Assignment(key: F.key("web"), pool: "public", addresses: [F.address("203.0.113.2")]), at: WallClockInstant(nanosecondsSinceEpoch: -5)),
    ]

    var file: (String) -> String { { $0 + "/" + AllocationJournal.fileName } }

    @Test("Records round-trip through the file, in order, across reopenings")
    func roundTrip() throws {
        let directory = F.temporaryDirectory() + "/nested/state"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (journal, empty) = try AllocationJournal.open(directory: directory)
        #expect(empty.isEmpty)
        try journal.append(Array(records.prefix(2)))
        try journal.append([records[2]])
        let (_, replayed) = try AllocationJournal.open(directory: directory)
        #expect(replayed == records)
    }

    @Test("A torn last batch (any cut inside it) is dropped whole and the file is truncated to the whole batches")
    func tornTail() throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (journal, _) = try AllocationJournal.open(directory: directory)
        try journal.append(Array(records.prefix(2)))
        let whole = try Data(contentsOf: URL(fileURLWithPath: file(directory)))
        try journal.append([records[2]])
        let full = try Data(contentsOf: URL(fileURLWithPath: file(directory)))
        for cut in whole.count..<full.count {
            try full.prefix(cut).write(to: URL(fileURLWithPath: file(directory)))
            let (reopened, replayed) = try AllocationJournal.open(directory: directory)
            #expect(replayed == Array(records.prefix(2)), "cut at \(cut)")
            #expect(reopened.droppedBytes == cut - whole.count)
            #expect(try Data(contentsOf: URL(fileURLWithPath: file(directory))) == whole)
        }
        let (reopened, _) = try AllocationJournal.open(directory: directory)
        try reopened.append([records[2]])
        #expect(try AllocationJournal.open(directory: directory).1 == records)
    }

    @Test("A batch whose checksum does not match ends the journal, all of it")
    func corruptChecksum() throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (journal, _) = try AllocationJournal.open(directory: directory)
        try journal.append(Array(records.prefix(2)))
        try journal.append(Array(records.suffix(1)))
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file(directory)))
        bytes[bytes.count - 3] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: file(directory)))
        #expect(try AllocationJournal.open(directory: directory).1 == Array(records.prefix(2)))
    }

    @Test("A batch whose checksum matches but whose last record does not decode ends the journal, its good records too")
    func undecodableRecord() throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (journal, _) = try AllocationJournal.open(directory: directory)
        try journal.append([records[0]])
        var frame: [UInt8] = []
        AllocationJournal.frame(Array(records.suffix(2))[...], into: &frame)
        // The last record's kind byte (2, released) becomes 9, and the checksum is made to match.
        var payload = Array(frame[8...])
        // count u32 · length u32 · first record · length u32 · last record
        let firstLength = Int(UInt32(payload[4]) | UInt32(payload[5]) << 8 | UInt32(payload[6]) << 16 | UInt32(payload[7]) << 24)
        let lastKind = 4 + 4 + firstLength + 4
        #expect(payload[lastKind] == 2)
        payload[lastKind] = 9
        var header = JournalWriter()
        header.u32(UInt32(payload.count))
        header.u32(CRC32C.checksum(payload))
        let handle = try #require(FileHandle(forWritingAtPath: file(directory)))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(header.bytes + payload))
        try handle.close()
        let (reopened, replayed) = try AllocationJournal.open(directory: directory)
        #expect(replayed == [records[0]])
        #expect(reopened.droppedBytes == header.bytes.count + payload.count)
    }

    @Test("A journal of format 1 (no endpoint selectors) is read and rewritten in format 2 before anything is appended")
    func formatOne() throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Format 1 as it was written: the same records without the selector byte that ends an
        // assignment in format 2, in one frame, under the old header.
        let old = records.map { record -> AllocationRecord in
            guard case .assigned(let assignment, var request, let time) = record else { return record }
            request.endpointSelector = nil
            return .assigned(assignment, request: request, at: time)
        }
        var payload = JournalWriter()
        payload.u32(UInt32(old.count))
        for record in old {
            var encoded = JournalWriter()
            record.encode(into: &encoded)
            if case .assigned = record { #expect(encoded.bytes.removeLast() == 0) }
            payload.u32(UInt32(encoded.bytes.count))
            payload.bytes += encoded.bytes
        }
        var file = JournalWriter()
        file.bytes = Array("IRLBJNL1".utf8)
        file.u32(UInt32(payload.bytes.count))
        file.u32(CRC32C.checksum(payload.bytes))
        try Data(file.bytes + payload.bytes).write(to: URL(fileURLWithPath: self.file(directory)))

        let (journal, replayed) = try AllocationJournal.open(directory: directory)
        #expect(replayed == old)
        #expect(try Data(contentsOf: URL(fileURLWithPath: self.file(directory))).prefix(8) == Data("IRLBJNL2".utf8))
        try journal.append([records[0]])
        #expect(try AllocationJournal.open(directory: directory).1 == old + [records[0]])
    }

    @Test("An assignment of another shape than one address per family, IPv4 first, decodes to none; the record's other fields still read")
    func misshapenAssignment() throws {
        func released(_ addresses: [(UInt8, UInt32)]) throws -> AssignedAddresses {
            var writer = JournalWriter()
            writer.u8(2)
            writer.u64(7)
            for text in ["test", "web", "public"] { writer.string(text) }
            writer.u8(UInt8(addresses.count))
            for (kind, value) in addresses {
                writer.u8(kind)
                if kind == 4 { writer.u32(value) } else { writer.u64(UInt64(value)); writer.u64(0) }
            }
            return try writer.bytes.withUnsafeBytes { bytes in
                var reader = JournalReader(bytes: bytes)
                let record = try AllocationRecord(from: &reader, format: 2)
                #expect(reader.isAtEnd)
                guard case .released(let assignment, _) = record else { return [] }
                #expect(assignment.key == F.key("web") && assignment.pool == "public")
                return assignment.addresses
            }
        }
        #expect(try released([(4, 0xC000_0201), (6, 1)]) == [F.address("192.0.2.1"), F.address("::1")])
        #expect(try released([(4, 0xC000_0201), (4, 0xC000_0202)]).isEmpty)
        #expect(try released([(6, 1), (4, 0xC000_0201)]).isEmpty)
        #expect(try released([(6, 1), (6, 2)]).isEmpty)
    }

    @Test("Compaction replaces the journal atomically with the snapshot")
    func compaction() throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (journal, _) = try AllocationJournal.open(directory: directory)
        try journal.append(records)
        try journal.compact([records[1]])
        try journal.append([records[0]])
        #expect(try AllocationJournal.open(directory: directory).1 == [records[1], records[0]])
        #expect(!FileManager.default.fileExists(atPath: file(directory) + ".tmp"))
    }

    @Test("A file that is not a journal, or a directory that cannot be created, is a clear error")
    func errors() throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("hello".utf8).write(to: URL(fileURLWithPath: file(directory)))
        #expect { try AllocationJournal.open(directory: directory) } throws: { "\($0)".contains("is not an IronLB allocation journal") }
        #expect { try AllocationJournal.open(directory: file(directory) + "/sub") } throws: { "\($0)".contains("cannot create state directory") }
    }
}
