@testable import IronLBDaemon
import Testing

@Suite("JournalRecord encoding")
struct JournalRecordTests {
    @Test("Single-line values are KEY=value lines; a value with a newline gets the binary length form")
    func encoding() {
        var record = JournalRecord()
        record.append("MESSAGE", "one\ntwo")
        record.append("PRIORITY", "6")
        let expected: [UInt8] = Array("MESSAGE\n".utf8) + [7, 0, 0, 0, 0, 0, 0, 0] + Array("one\ntwo\n".utf8) + Array("PRIORITY=6\n".utf8)
        #expect(record.encoded == expected)
        #expect(JournalDatagram.fields(record.encoded) == ["MESSAGE": ["one\ntwo"], "PRIORITY": ["6"]])
    }

    @Test("Metadata keys become IRONLB_ fields of only A-Z, 0-9 and _, at most 64 bytes")
    func fieldNames() {
        #expect(JournalRecord.fieldName(for: "peer") == "IRONLB_PEER")
        #expect(JournalRecord.fieldName(for: "pool-name") == "IRONLB_POOL_NAME")
        #expect(JournalRecord.fieldName(for: "ä.b") == "IRONLB___B")
        #expect(JournalRecord.fieldName(for: String(repeating: "x", count: 100)).utf8.count == 64)
    }

    @Test("swift-log levels map to syslog priorities")
    func priorities() {
        #expect(JournalLogHandler.priority(.trace) == 7)
        #expect(JournalLogHandler.priority(.info) == 6)
        #expect(JournalLogHandler.priority(.warning) == 4)
        #expect(JournalLogHandler.priority(.critical) == 2)
    }
}
