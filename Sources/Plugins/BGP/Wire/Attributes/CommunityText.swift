/// Parsing of the decimal fields in community text, shared by `Community` and `LargeCommunity`.
enum CommunityText {
    /// The value of `text` if it is 1–10 ASCII digits without a sign and at most `max`.
    static func decimal<T: FixedWidthInteger>(_ text: Substring, max: T) -> UInt64? {
        guard (1...10).contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            return nil
        }
        guard let value = UInt64(text), value <= UInt64(max) else { return nil }
        return value
    }
}
