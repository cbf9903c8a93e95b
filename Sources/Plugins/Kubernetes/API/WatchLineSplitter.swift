import Foundation
import NIOCore

/// Cuts a watch stream (newline-delimited JSON, arriving in arbitrary chunks) into whole lines.
struct WatchLineSplitter {
    private var buffer: [UInt8] = []
    private var start = 0

    /// Adds a chunk of the stream.
    mutating func append(_ chunk: ByteBuffer) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: chunk.readableBytesView)
    }

    /// The next complete, non-empty line (without its newline), or nil when none is complete yet.
    mutating func next() -> Data? {
        while let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
            let line = buffer[start..<newline]
            start = newline + 1
            if !line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { return Data(line) }
        }
        return nil
    }
}
