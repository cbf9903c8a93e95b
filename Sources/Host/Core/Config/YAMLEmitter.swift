package import IronLBPluginAPI

/// Writes a ``RenderedValue`` as block-style YAML that the loader reads back to the same value.
package enum YAMLEmitter {
    /// The YAML text of `value` (a mapping at the top level), ending in a newline.
    package static func emit(_ value: RenderedValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        return out
    }

    private static func write(_ value: RenderedValue, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .mapping(let entries):
            for entry in entries {
                out += pad + key(entry.key) + ":"
                writeChild(entry.value, indent: indent, into: &out)
            }
        case .list(let items):
            for item in items {
                out += pad + "-"
                switch item {
                case .mapping(let entries) where !entries.isEmpty:
                    var nested = ""
                    write(item, indent: indent + 2, into: &nested)
                    out += " " + nested.dropFirst(indent + 2)
                case .list(let inner) where !inner.isEmpty:
                    out += "\n"
                    write(item, indent: indent + 2, into: &out)
                default:
                    out += " " + inline(item) + "\n"
                }
            }
        default:
            out += pad + inline(value) + "\n"
        }
    }

    private static func writeChild(_ value: RenderedValue, indent: Int, into out: inout String) {
        switch value {
        case .mapping(let entries) where !entries.isEmpty:
            out += "\n"
            write(value, indent: indent + 2, into: &out)
        case .list(let items) where !items.isEmpty:
            out += "\n"
            write(value, indent: indent + 2, into: &out)
        default:
            out += " " + inline(value) + "\n"
        }
    }

    private static func inline(_ value: RenderedValue) -> String {
        switch value {
        case .string(let text): scalar(text)
        case .integer(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .list: "[]"
        case .mapping: "{}"
        }
    }

    private static func key(_ text: String) -> String { scalar(text) }

    /// A string as a plain scalar when YAML reads it back as the same string, else double-quoted.
    package static func scalar(_ text: String) -> String {
        let reserved: Set<String> = ["", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
                                     "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N"]
        let first = text.unicodeScalars.first
        let startsSafe = first.map { ($0.properties.isAlphabetic) || $0 == "/" } ?? false
        let allSafe = text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_./:".unicodeScalars.contains(scalar)
        }
        let looksNumeric = Double(text) != nil || Int(text) != nil
        if !reserved.contains(text), startsSafe, allSafe, !looksNumeric, !text.hasSuffix(":") {
            return text
        }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            default:
                if scalar.value < 0x20 {
                    quoted += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }
}
