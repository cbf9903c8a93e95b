import PropertyBased
import Testing
@testable import IronLBCore

@Suite("Slot index")
struct SlotIndexTests {
    @Test("Random inserts and removes agree with a dictionary, even when every key hashes alike")
    func agreesWithModel() async {
        // Keys 0..<64 with hashes from 0..<hashes: few hashes force long runs, wrap-around and backward shifts.
        await propertyCheck(count: 200, input: Gen.int(in: 0...63).array(of: 1...300), Gen.int(in: 1...70)) { keys, hashes in
            var index = SlotIndex()
            var model: [Int: Int32] = [:]
            var nextSlot: Int32 = 0
            func hash(_ key: Int) -> UInt32 { UInt32(key % hashes) &* 0x9E37_79B1 }
            // The "table" the index points into: slot → key.
            var table: [Int32: Int] = [:]
            for key in keys {
                if let slot = model[key] {
                    index.remove(slot, hash: hash(key))
                    model[key] = nil
                    table[slot] = nil
                } else {
                    index.insert(nextSlot, hash: hash(key))
                    model[key] = nextSlot
                    table[nextSlot] = key
                    nextSlot += 1
                }
                #expect(index.count == model.count)
            }
            for key in 0..<64 {
                #expect(index.find(hash(key), where: { table[$0] == key }) == model[key], "key \(key)")
            }
        }
    }
}
