package import Foundation

/// A JSON document the fake API server stores and edits, as the real one keeps objects schemaless.
package enum JSONValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Parses JSON text.
    package static func parse(_ text: String) -> JSONValue {
        try! JSONValue(parsing: text.utf8)
    }

    /// Parses JSON bytes.
    package static func parse(_ data: Data) throws -> JSONValue {
        try JSONValue(parsing: data)
    }

    /// Compact JSON text, members sorted by key.
    package var text: String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The member `key` of an object, or null.
    package subscript(key: String) -> JSONValue {
        get {
            if case .object(let members) = self { return members[key] ?? .null }
            return .null
        }
        set {
            var members: [String: JSONValue] = [:]
            if case .object(let existing) = self { members = existing }
            members[key] = newValue
            self = .object(members)
        }
    }

    package var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// RFC 7386 JSON merge patch: objects merge member by member, null removes, anything else replaces.
    package func merging(_ patch: JSONValue) -> JSONValue {
        guard case .object(let changes) = patch else { return patch }
        var members: [String: JSONValue] = [:]
        if case .object(let existing) = self { members = existing }
        for (key, value) in changes {
            if value == .null { members[key] = nil } else { members[key] = (members[key] ?? .null).merging(value) }
        }
        return .object(members)
    }
}
