import Foundation

/// One line of a watch stream (`{"type": ..., "object": ...}`), decoded by its type.
enum WatchEvent<Object: KubernetesObject>: Sendable {
    case added(Object)
    case modified(Object)
    case deleted(Object)
    /// A progress mark: nothing changed up to this resourceVersion.
    case bookmark(resourceVersion: String)
    /// The server ended the watch with a Status (410 Expired when the resourceVersion is too old).
    case error(APIStatus)

    private struct BookmarkObject: Decodable { var metadata: ListMeta }

    /// A whole line: its type says how to read its object, so the line is parsed once.
    private struct Line: Decodable {
        var event: WatchEvent

        enum CodingKeys: String, CodingKey { case type, object }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let type = try container.decode(String.self, forKey: .type)
            switch type {
            case "ADDED": event = .added(try container.decode(Object.self, forKey: .object))
            case "MODIFIED": event = .modified(try container.decode(Object.self, forKey: .object))
            case "DELETED": event = .deleted(try container.decode(Object.self, forKey: .object))
            case "BOOKMARK":
                event = .bookmark(resourceVersion: try container.decode(BookmarkObject.self, forKey: .object).metadata.resourceVersion ?? "")
            case "ERROR": event = .error(try container.decode(APIStatus.self, forKey: .object))
            default:
                throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "unknown watch event type '\(type)'")
            }
        }
    }

    /// Decodes one line; an unknown event type is a decoding error.
    init(line: Data, decoder: JSONDecoder) throws {
        self = try decoder.decode(Line.self, from: line).event
    }
}
