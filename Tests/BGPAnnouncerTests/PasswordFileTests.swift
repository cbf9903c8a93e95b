import Foundation
import Testing
@testable import BGPAnnouncer

@Suite("TCP-MD5 password files")
struct PasswordFileTests {
    func file(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ironlb-md5-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("Line breaks around the password go (as Foundation's trimming of .newlines did); inner spaces stay")
    func trimming() throws {
        let path = try file(Array("\r\n s3cret pass \r\n\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try PasswordFile.contents(of: path) == " s3cret pass ")
        #expect(PasswordFile.trimmingLineBreaks("\u{2028}x\u{85}") == "x")
        #expect(PasswordFile.trimmingLineBreaks("\n\n") == "")
    }

    @Test("A file longer than one read is read whole")
    func long() throws {
        let text = String(repeating: "k", count: 10_000)
        let path = try file(Array((text + "\n").utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try PasswordFile.contents(of: path) == text)
    }

    @Test("A missing file and bytes that are not UTF-8 are errors that name the file")
    func errors() throws {
        #expect(throws: PasswordFile.ReadError.self) { try PasswordFile.contents(of: "/nonexistent/ironlb-md5") }
        let path = try file([0x73, 0xFF, 0x0A])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(throws: PasswordFile.ReadError.self) { try PasswordFile.contents(of: path) }
        #expect(error.description.contains(path))
    }
}
