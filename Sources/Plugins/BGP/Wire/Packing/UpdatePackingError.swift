package import IronLBPluginAPI

/// Why prefixes could not be packed into UPDATEs.
package enum UpdatePackingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Prefixes of `family` were given without a next hop for that family.
    case missingNextHop(IPFamily)
    /// The shared attributes leave no room for even one prefix; the value is their encoded length.
    case attributesTooLarge(Int)
    /// The attributes cannot be encoded at all.
    case unencodable(BGPEncodingError)

    /// What went wrong, for logs.
    package var description: String {
        switch self {
        case .missingNextHop(let family): "no \(family) next hop for \(family) prefixes"
        case .attributesTooLarge(let length): "path attributes of \(length) octets leave no room for NLRI"
        case .unencodable(let error): "attributes cannot be encoded: \(error)"
        }
    }
}
