#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The allocator's durable state: an append-only journal of `AllocationRecord`s in the state
/// directory, synced to disk before `append` returns, and compacted by atomic replacement.
///
/// Each appended batch is one frame, `length u32 · CRC-32C u32 · payload`, whose payload is
/// `count u32` then `length u32 · record` per record, so a batch (a release and the re-assignment of
/// a changed service) lands whole or not at all. A crash can only tear the last write; on open, the
/// first frame whose length runs past the end of the file, whose checksum does not match or whose
/// records do not decode ends the journal, and the file is truncated there, so the next append does
/// not follow garbage. An acknowledged batch was synced, so it is never the one dropped. Why a
/// journal and not SQLite: docs/design/allocation-store.md.
///
/// The header names the record format. A journal of an older format is read and at once rewritten
/// in the current one (by compaction), so appends never mix formats; a new format gets a new header,
/// so that an older IronLB refuses the file ("bad header") instead of reading its first new record as
/// a torn end and truncating everything after it.
package final class AllocationJournal {
    /// The journal file's name in the state directory.
    package static let fileName = "allocations.journal"
    /// The header of the current format, 2 (format 1 had no endpoint selectors).
    private static let magic: [UInt8] = Array("IRLBJNL2".utf8)
    /// The formats this version reads, by header.
    private static let formats: [(header: [UInt8], format: Int)] = [(magic, 2), (Array("IRLBJNL1".utf8), 1)]

    /// The state directory.
    package let directory: String
    private var descriptor: Int32
    /// Records appended since the last compaction (or since open).
    package private(set) var appendedSinceCompaction = 0
    /// Bytes of a torn or corrupt tail dropped when the journal was opened.
    package private(set) var droppedBytes = 0

    private var path: String { directory + "/" + Self.fileName }

    /// Opens the journal in `directory`, creating the directory (mode 0750) and file as needed, and
    /// returns it with the records it holds, in order.
    package static func open(directory: String) throws(AllocationStoreError) -> (AllocationJournal, [AllocationRecord]) {
        try DurableFile.makeDirectory(directory)
        let path = directory + "/" + fileName
        let descriptor = posixOpen(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw AllocationStoreError("cannot open \(path)", errno: errno) }
        let journal = AllocationJournal(directory: directory, descriptor: descriptor)
        let (records, format) = try journal.readAll()
        if format != 2 { try journal.compact(records) }
        return (journal, records)
    }

    private init(directory: String, descriptor: Int32) {
        self.directory = directory
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Appends `records` and syncs them to disk; when this returns they survive a crash.
    package func append(_ records: [AllocationRecord]) throws(AllocationStoreError) {
        guard !records.isEmpty else { return }
        var frame: [UInt8] = []
        Self.frame(records[...], into: &frame)
        try DurableFile.writeAll(frame, to: descriptor, path: path)
        guard fdatasync(descriptor) == 0 else { throw AllocationStoreError("cannot sync \(path)", errno: errno) }
        appendedSinceCompaction += records.count
    }

    /// Whether the journal has grown enough past `live` records to be worth compacting.
    package func shouldCompact(live: Int) -> Bool {
        appendedSinceCompaction > max(4096, 2 * live)
    }

    /// Replaces the journal with `snapshot` atomically: write a temporary file, sync it, rename it over
    /// the journal, sync the directory. A crash at any point leaves either the old or the new journal.
    package func compact(_ snapshot: [AllocationRecord]) throws(AllocationStoreError) {
        let temporary = path + ".tmp"
        let fresh = posixOpen(temporary, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard fresh >= 0 else { throw AllocationStoreError("cannot create \(temporary)", errno: errno) }
        var bytes = Self.magic
        var start = snapshot.startIndex
        while start < snapshot.endIndex {
            let end = min(start + 1024, snapshot.endIndex)
            Self.frame(snapshot[start..<end], into: &bytes)
            start = end
        }
        do throws(AllocationStoreError) {
            try DurableFile.writeAll(bytes, to: fresh, path: temporary)
            guard fsync(fresh) == 0 else { throw AllocationStoreError("cannot sync \(temporary)", errno: errno) }
            guard rename(temporary, path) == 0 else { throw AllocationStoreError("cannot replace \(path)", errno: errno) }
        } catch {
            close(fresh)
            unlink(temporary)
            throw error
        }
        try DurableFile.syncDirectory(directory)
        close(descriptor)
        descriptor = fresh
        guard lseek(descriptor, 0, SEEK_END) >= 0 else { throw AllocationStoreError("cannot seek \(path)", errno: errno) }
        appendedSinceCompaction = 0
    }

    /// Appends one frame holding `records` to `bytes`.
    static func frame(_ records: ArraySlice<AllocationRecord>, into bytes: inout [UInt8]) {
        var payload = JournalWriter()
        payload.u32(UInt32(records.count))
        for record in records {
            var encoded = JournalWriter()
            record.encode(into: &encoded)
            payload.u32(UInt32(encoded.bytes.count))
            payload.bytes += encoded.bytes
        }
        var header = JournalWriter()
        header.u32(UInt32(payload.bytes.count))
        header.u32(CRC32C.checksum(payload.bytes))
        bytes += header.bytes
        bytes += payload.bytes
    }

    /// Reads every whole record, truncating the file after the last one; and the file's format.
    private func readAll() throws(AllocationStoreError) -> ([AllocationRecord], format: Int) {
        let bytes = try DurableFile.readAll(from: descriptor, path: path)
        if bytes.isEmpty {
            try DurableFile.writeAll(Self.magic, to: descriptor, path: path)
            guard fsync(descriptor) == 0 else { throw AllocationStoreError("cannot sync \(path)", errno: errno) }
            try DurableFile.syncDirectory(directory)
            return ([], 2)
        }
        guard let (header, format) = Self.formats.first(where: { bytes.starts(with: $0.header) }) else {
            throw AllocationStoreError("\(path) is not an IronLB allocation journal this version reads (bad header); move it aside to start empty", errno: 0)
        }
        let (records, end) = bytes.withUnsafeBytes { Self.records(in: $0, from: header.count, format: format) }
        if end < bytes.count {
            droppedBytes = bytes.count - end
            guard ftruncate(descriptor, off_t(end)) == 0, fsync(descriptor) == 0 else {
                throw AllocationStoreError("cannot truncate the torn end of \(path)", errno: errno)
            }
        }
        guard lseek(descriptor, 0, SEEK_END) >= 0 else { throw AllocationStoreError("cannot seek \(path)", errno: errno) }
        return (records, format)
    }

    /// The records of the whole frames from `start`, and where the last whole frame ends.
    static func records(in bytes: UnsafeRawBufferPointer, from start: Int, format: Int) -> ([AllocationRecord], Int) {
        var records: [AllocationRecord] = []
        var reader = JournalReader(bytes: bytes, position: start)
        var end = start
        while !reader.isAtEnd {
            let before = records.count
            guard let length = try? reader.u32(), let checksum = try? reader.u32(),
                  let payload = try? reader.take(Int(length)), CRC32C.checksum(payload) == checksum,
                  (try? decode(payload, format: format, into: &records)) != nil
            else {
                // The frame's records that did decode go with it.
                records.removeSubrange(before...)
                break
            }
            end = reader.position
        }
        return (records, end)
    }

    /// Appends the records of one frame's payload to `records` (decoded in place: collecting each
    /// frame apart and appending it copied every record once more).
    private static func decode(_ payload: UnsafeRawBufferPointer, format: Int, into records: inout [AllocationRecord]) throws(JournalReader.Malformed) {
        var reader = JournalReader(bytes: payload)
        let count = Int(try reader.u32())
        for _ in 0..<count {
            var recordReader = JournalReader(bytes: try reader.take(Int(try reader.u32())))
            records.append(try AllocationRecord(from: &recordReader, format: format))
            guard recordReader.isAtEnd else { throw JournalReader.Malformed() }
        }
        guard reader.isAtEnd else { throw JournalReader.Malformed() }
    }
}

/// Why the allocation journal could not be opened, written or compacted.
package struct AllocationStoreError: Error, CustomStringConvertible {
    /// The sentence, with the system's reason.
    package let description: String

    init(_ message: String, errno code: Int32) {
        description = code == 0 ? message : "\(message): \(String(cString: strerror(code)))"
    }
}

/// `open(2)`, out of reach of `AllocationJournal.open(directory:)`'s name.
private func posixOpen(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
    open(path, flags, mode)
}
