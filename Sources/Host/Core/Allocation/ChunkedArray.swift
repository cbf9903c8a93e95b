/// An array that grows a chunk at a time, so appending never moves what it holds.
///
/// The assignment table keeps an entry of 64 bytes per service. In one `Array`, a million of them
/// were copied at every doubling into a fresh buffer: 64 MB copied and 128 MB of new pages touched
/// (each handed over and zeroed by the kernel) to end up holding 64 MB. Here growth starts a new
/// chunk of `chunkSize` elements and touches nothing else; the price is a comparison and one more load
/// per access to a full chunk, whose table stays small enough to be cached (a few kilobytes for
/// millions of elements).
///
/// The chunk being filled (`tail`) is an ordinary array: it is the first chunk of a small table, which
/// grows as arrays do and stays small; every later one is allocated whole.
struct ChunkedArray<Element>: SlotTable {
    /// Elements a chunk holds: 4,096 (256 KiB of 64-byte entries).
    static var chunkShift: Int { 12 }
    static var chunkSize: Int { 1 << chunkShift }

    /// Full chunks, in order.
    private var full: [[Element]] = []
    /// The elements after the full chunks.
    private var tail: [Element] = []

    init() {}

    /// Elements held.
    var count: Int { full.count << Self.chunkShift + tail.count }

    subscript(index: Int) -> Element {
        get {
            let chunk = index >> Self.chunkShift
            return chunk < full.count ? full[chunk][index & (Self.chunkSize - 1)] : tail[index - full.count << Self.chunkShift]
        }
        _modify {
            let chunk = index >> Self.chunkShift
            if chunk < full.count {
                yield &full[chunk][index & (Self.chunkSize - 1)]
            } else {
                yield &tail[index - full.count << Self.chunkShift]
            }
        }
    }

    mutating func append(_ element: consuming Element) {
        if tail.count == Self.chunkSize {
            full.append(tail)
            tail = []
            tail.reserveCapacity(Self.chunkSize)
        }
        tail.append(element)
    }

    /// Makes room in the chunk table for `capacity` elements (the chunks come as they are needed).
    mutating func reserveCapacity(_ capacity: Int) {
        full.reserveCapacity(capacity >> Self.chunkShift)
    }
}
