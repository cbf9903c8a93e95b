/// The duration notation of the configuration file: `100ms`, `3s`, `1m30s`, `2h`.
public enum ConfigDuration {
    /// Parses a duration; nil unless every part is `<digits><unit>` with unit ms, s, m or h.
    public static func parse(_ text: String) -> Duration? {
        if text == "0" { return .zero }
        var total: Duration = .zero
        var digits: UInt64 = 0
        var sawDigit = false
        var bytes = Array(text.utf8)[...]
        guard !bytes.isEmpty else { return nil }
        while let byte = bytes.first {
            if byte >= 0x30 && byte <= 0x39 {
                let (product, overflow1) = digits.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = product.addingReportingOverflow(UInt64(byte - 0x30))
                guard !overflow1, !overflow2, sum < 1 << 40 else { return nil }
                digits = sum
                sawDigit = true
                bytes = bytes.dropFirst()
                continue
            }
            guard sawDigit else { return nil }
            let unit: Duration
            if bytes.starts(with: "ms".utf8) {
                unit = .milliseconds(1); bytes = bytes.dropFirst(2)
            } else if byte == UInt8(ascii: "s") {
                unit = .seconds(1); bytes = bytes.dropFirst()
            } else if byte == UInt8(ascii: "m") {
                unit = .seconds(60); bytes = bytes.dropFirst()
            } else if byte == UInt8(ascii: "h") {
                unit = .seconds(3600); bytes = bytes.dropFirst()
            } else {
                return nil
            }
            total += unit * Int(digits)
            digits = 0
            sawDigit = false
        }
        return sawDigit ? nil : total
    }

    /// Formats a duration in the same notation, choosing the largest exact units (`1m30s`, `100ms`).
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let totalMilliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if totalMilliseconds == 0 { return "0s" }
        if totalMilliseconds % 1000 != 0 { return "\(totalMilliseconds)ms" }
        var rest = totalMilliseconds / 1000
        var text = ""
        if rest >= 3600 { text += "\(rest / 3600)h"; rest %= 3600 }
        if rest >= 60 { text += "\(rest / 60)m"; rest %= 60 }
        if rest > 0 { text += "\(rest)s" }
        return text
    }
}
