extension SingleValueDecodingContainer {
    /// Decodes a string and parses it with `parse`.
    ///
    /// A parse error becomes `DecodingError.dataCorrupted` carrying the parser's message, so
    /// the decoder's coding path still says which config key held the bad text.
    func decodeParsed<Value>(_ parse: (String) throws(AddressParseError) -> Value) throws -> Value {
        let text = try decode(String.self)
        do throws(AddressParseError) {
            return try parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: self, debugDescription: error.description)
        }
    }
}
