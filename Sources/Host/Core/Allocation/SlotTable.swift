/// A table addressed by `Int32` slots that recycles the slots it frees (no heap object per element):
/// `Array`, or a `ChunkedArray` when the table grows large.
protocol SlotTable {
    associatedtype Element
    var count: Int { get }
    subscript(index: Int) -> Element { get set }
    mutating func append(_ element: consuming Element)
}

extension SlotTable {
    /// Stores `element` in a vacant slot when there is one, else at the end; returns its slot.
    /// (`element` is consumed: moved in, not copied and then dropped by the caller.)
    mutating func store(_ element: consuming Element, reusing vacant: inout [Int32]) -> Int32 {
        if let reused = vacant.popLast() {
            self[Int(reused)] = element
            return reused
        }
        append(element)
        return Int32(count - 1)
    }
}

extension Array: SlotTable {}
