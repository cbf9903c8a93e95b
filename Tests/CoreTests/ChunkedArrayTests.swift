import PropertyBased
import Testing
@testable import IronLBCore

@Suite("Chunked array")
struct ChunkedArrayTests {
    typealias Chunked = ChunkedArray<String>

    @Test("Appends, stores, writes and reads agree with an array, across chunk boundaries")
    func agreesWithArray() async {
        // Up to three chunks and a bit: every boundary, the first chunk growing, later ones whole.
        let size = Gen.int(in: 0...(3 * Chunked.chunkSize + 17))
        await propertyCheck(count: 12, input: size, Gen.int(in: 0...200).array(of: 0...60)) { count, picks in
            var chunked = Chunked(), model: [String] = []
            for value in 0..<count {
                chunked.append("e\(value)")
                model.append("e\(value)")
            }
            #expect(chunked.count == model.count)
            // Overwrite and free some, then store into the freed slots and past the end.
            var vacant: [Int32] = []
            for pick in picks where !model.isEmpty {
                let index = pick * 7919 % model.count
                chunked[index] += "!"
                model[index] += "!"
                if pick % 3 == 0 { vacant.append(Int32(index)) }
            }
            for round in 0..<(vacant.count + 2) {
                let slot = chunked.store("s\(round)", reusing: &vacant)
                if Int(slot) == model.count { model.append("s\(round)") } else { model[Int(slot)] = "s\(round)" }
            }
            #expect(vacant.isEmpty)
            #expect(chunked.count == model.count)
            #expect((0..<model.count).allSatisfy { chunked[$0] == model[$0] })
        }
    }

    @Test("Growing never moves what a full chunk holds")
    func fullChunksStay() {
        var chunked = ChunkedArray<Int>()
        for value in 0..<(2 * ChunkedArray<Int>.chunkSize) { chunked.append(value) }
        // The first chunk's storage, before and after more chunks come.
        func firstChunkAddress(_ array: inout ChunkedArray<Int>) -> UnsafeMutableRawPointer? {
            var address: UnsafeMutableRawPointer?
            withUnsafeMutablePointer(to: &array[0]) { address = UnsafeMutableRawPointer($0) }
            return address
        }
        let before = firstChunkAddress(&chunked)
        for value in 0..<(5 * ChunkedArray<Int>.chunkSize) { chunked.append(value) }
        #expect(firstChunkAddress(&chunked) == before)
        #expect(chunked[ChunkedArray<Int>.chunkSize - 1] == ChunkedArray<Int>.chunkSize - 1)
        #expect(chunked.count == 7 * ChunkedArray<Int>.chunkSize)
    }
}
