extension Array {
    /// Stores `element` in a vacant slot when there is one, else at the end; returns its slot. For
    /// tables addressed by `Int32` slots that recycle what they free (no per-element heap object).
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
