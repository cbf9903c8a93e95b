/// Typed, strict reading of scalar nodes. Each accessor reports what is wrong and returns nil,
/// so a reader can keep going and report every problem in one pass.
extension ConfigNode {
    /// A non-null scalar's text.
    public func string(_ diagnostics: inout Diagnostics) -> String? {
        guard let scalar, !scalar.isNull else {
            diagnostics.error(self, "expected a string, found \(kindDescription)")
            return nil
        }
        return scalar.text
    }

    /// A non-empty name: letters, digits, `-`, `_`, `.`, `/`, at most 253 characters.
    public func name(_ diagnostics: inout Diagnostics) -> String? {
        guard let text = string(&diagnostics) else { return nil }
        let allowed = text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x2F
        }
        guard !text.isEmpty, text.utf8.count <= 253, allowed else {
            diagnostics.error(self, "\"\(text)\" is not a valid name: use 1 to 253 letters, digits, '-', '_', '.' or '/'")
            return nil
        }
        return text
    }

    /// A plain (unquoted) decimal integer inside `range`.
    public func integer(in range: ClosedRange<Int>, _ diagnostics: inout Diagnostics) -> Int? {
        guard let scalar, !scalar.isNull, !scalar.isQuoted else {
            diagnostics.error(self, "expected an integer, found \(kindDescription)\(scalar?.isQuoted == true ? " (quoted, so a string)" : "")")
            return nil
        }
        let text = scalar.text
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(text) else {
            diagnostics.error(self, "expected a decimal integer, found \(kindDescription)")
            return nil
        }
        guard range.contains(value) else {
            diagnostics.error(self, "\(value) is out of range \(range.lowerBound)...\(range.upperBound)")
            return nil
        }
        return value
    }

    /// A plain unsigned 32-bit integer (BGP MED, local-pref and similar).
    public func uint32(_ diagnostics: inout Diagnostics) -> UInt32? {
        integer(in: 0...Int(UInt32.max), &diagnostics).map { UInt32($0) }
    }

    /// An autonomous system number in asplain notation: 1...4294967295, never 23456 (AS_TRANS).
    public func asn(_ diagnostics: inout Diagnostics) -> UInt32? {
        if let text = scalar?.text, !(scalar?.isQuoted ?? true), text.contains(".") {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count == 2, let high = UInt32(parts[0]), let low = UInt32(parts[1]), high <= 65535, low <= 65535 {
                diagnostics.error(self, "asdot notation is not accepted; write \(high << 16 | low)")
                return nil
            }
        }
        guard let value = integer(in: 0...Int(UInt32.max), &diagnostics) else { return nil }
        switch value {
        case 0:
            diagnostics.error(self, "AS 0 is reserved (RFC 7607) and cannot be used")
            return nil
        case 23456:
            diagnostics.error(self, "AS 23456 is AS_TRANS (RFC 6793) and cannot be configured")
            return nil
        case 4_294_967_295, 65535:
            diagnostics.error(self, "AS \(value) is reserved (RFC 7300) and cannot be used")
            return nil
        default:
            return UInt32(value)
        }
    }

    /// `true` or `false`; YAML 1.1's yes/no/on/off are refused because their meaning differs between parsers.
    public func bool(_ diagnostics: inout Diagnostics) -> Bool? {
        if let scalar, !scalar.isQuoted {
            switch scalar.text {
            case "true": return true
            case "false": return false
            case "yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO", "ON", "OFF", "True", "False", "TRUE", "FALSE":
                diagnostics.error(self, "\"\(scalar.text)\" is ambiguous between YAML versions; write true or false")
                return nil
            default: break
            }
        }
        diagnostics.error(self, "expected true or false, found \(kindDescription)")
        return nil
    }

    /// A duration with units, such as `100ms`, `3s`, `1m30s` or `2h`, inside `range`.
    public func duration(
        in range: ClosedRange<Duration> = .zero...Duration.seconds(86_400 * 365),
        _ diagnostics: inout Diagnostics
    ) -> Duration? {
        guard let scalar, !scalar.isNull else {
            diagnostics.error(self, "expected a duration such as 90s, found \(kindDescription)")
            return nil
        }
        guard let value = ConfigDuration.parse(scalar.text) else {
            let hint = scalar.text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) && !scalar.text.isEmpty
                ? "; a unit is required, e.g. \(scalar.text)s" : "; use units ms, s, m, h as in 100ms, 90s, 1m30s"
            diagnostics.error(self, "\"\(scalar.text)\" is not a duration\(hint)")
            return nil
        }
        guard range.contains(value) else {
            diagnostics.error(self, "\(ConfigDuration.format(value)) is out of range \(ConfigDuration.format(range.lowerBound))...\(ConfigDuration.format(range.upperBound))")
            return nil
        }
        return value
    }

    /// One of `choices`; suggests the nearest on a typo.
    public func choice(_ choices: [String], _ diagnostics: inout Diagnostics) -> String? {
        guard let text = string(&diagnostics) else { return nil }
        if choices.contains(text) { return text }
        let list = choices.map { "'\($0)'" }.joined(separator: ", ")
        if let nearest = KeySuggestion.nearest(to: text, among: choices) {
            diagnostics.error(self, "\"\(text)\" is not one of \(list); did you mean '\(nearest)'?")
        } else {
            diagnostics.error(self, "\"\(text)\" is not one of \(list)")
        }
        return nil
    }

    /// The elements of a list.
    public func list(_ diagnostics: inout Diagnostics) -> [ConfigNode]? {
        switch kind {
        case .sequence(let items): return items
        case .scalar(let scalar) where scalar.isNull: return []
        default:
            diagnostics.error(self, "expected a list, found \(kindDescription)")
            return nil
        }
    }

    /// The elements of a list, each decoded by `decode`; failed elements are left out (and reported by `decode`).
    public func list<T>(_ diagnostics: inout Diagnostics, _ decode: (ConfigNode, inout Diagnostics) -> T?) -> [T]? {
        guard let items = list(&diagnostics) else { return nil }
        return items.compactMap { decode($0, &diagnostics) }
    }

    /// A mapping of strings to strings (labels, annotations).
    public func labels(_ diagnostics: inout Diagnostics) -> [String: String]? {
        guard case .mapping(let entries) = kind else {
            if isNull { return [:] }
            diagnostics.error(self, "expected a mapping of labels, found \(kindDescription)")
            return nil
        }
        var result: [String: String] = [:]
        for entry in entries {
            if let value = entry.value.string(&diagnostics) { result[entry.name] = value }
        }
        return result
    }
}
