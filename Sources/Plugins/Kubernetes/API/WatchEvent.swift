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

    private struct Head: Decodable { var type: String }
    private struct Body<Payload: Decodable>: Decodable { var object: Payload }
    private struct BookmarkObject: Decodable { var metadata: ListMeta }

    /// Decodes one line; an unknown event type is a decoding error.
    init(line: Data, decoder: JSONDecoder) throws {
        let head = try decoder.decode(Head.self, from: line)
        switch head.type {
        case "ADDED": self = .added(try decoder.decode(Body<Object>.self, from: line).object)
        case "MODIFIED": self = .modified(try decoder.decode(Body<Object>.self, from: line).object)
        case "DELETED": self = .deleted(try decoder.decode(Body<Object>.self, from: line).object)
        case "BOOKMARK":
            let object = try decoder.decode(Body<BookmarkObject>.self, from: line).object
            self = .bookmark(resourceVersion: object.metadata.resourceVersion ?? "")
        case "ERROR": self = .error(try decoder.decode(Body<APIStatus>.self, from: line).object)
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unknown watch event type '\(head.type)'"))
        }
    }
}
