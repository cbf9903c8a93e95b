package import IronLBPluginAPI

/// The addresses of one assignment: at most one per family, IPv4 first.
///
/// Stored inline (32 bytes) rather than in an array: making, copying and dropping an assignment
/// allocates and reference-counts nothing, and an assignment cannot hold two addresses of one
/// family. Reads like an array of `IPAddress`; JSON and YAML see an array.
package struct AssignedAddresses: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral, CustomStringConvertible {
    private var v6: UInt128 = 0
    private var v4: UInt32 = 0
    /// Bit 0: holds `v4`; bit 1: holds `v6`.
    private var families: UInt8 = 0

    /// None.
    package init() {}

    /// The IPv4 and the IPv6 address given.
    package init(v4: IPv4Address?, v6: IPv6Address?) {
        if let v4 { self.v4 = v4.rawValue; families |= 1 }
        if let v6 { self.v6 = v6.rawValue; families |= 2 }
    }

    /// `addresses`, when they are at most one per family, IPv4 first; nil otherwise.
    package init?(_ addresses: some Sequence<IPAddress>) {
        for address in addresses {
            guard append(address) else { return nil }
        }
    }

    /// Adds `address` after the others; false, with nothing changed, when that would make two of
    /// one family or put IPv4 after IPv6.
    package mutating func append(_ address: IPAddress) -> Bool {
        switch address {
        case .v4(let v4):
            guard families == 0 else { return false }
            self.v4 = v4.rawValue
            families |= 1
        case .v6(let v6):
            guard families & 2 == 0 else { return false }
            self.v6 = v6.rawValue
            families |= 2
        }
        return true
    }

    /// Traps unless the literal is at most one address per family, IPv4 first.
    package init(arrayLiteral elements: IPAddress...) {
        guard let addresses = Self(elements) else { preconditionFailure("not one address per family, IPv4 first: \(elements)") }
        self = addresses
    }

    /// The IPv4 address, if any.
    package var ipv4: IPv4Address? { families & 1 != 0 ? IPv4Address(v4) : nil }
    /// The IPv6 address, if any.
    package var ipv6: IPv6Address? { families & 2 != 0 ? IPv6Address(v6) : nil }

    package var startIndex: Int { 0 }
    package var endIndex: Int { families.nonzeroBitCount }

    package subscript(position: Int) -> IPAddress {
        precondition(position >= 0 && position < endIndex, "address index out of range")
        return position == 0 && families & 1 != 0 ? .v4(IPv4Address(v4)) : .v6(IPv6Address(v6))
    }

    /// Whether `address` is one of them (no search: one comparison).
    package func contains(_ address: IPAddress) -> Bool {
        switch address {
        case .v4(let other): families & 1 != 0 && v4 == other.rawValue
        case .v6(let other): families & 2 != 0 && v6 == other.rawValue
        }
    }

    package static func == (lhs: AssignedAddresses, rhs: AssignedAddresses) -> Bool {
        lhs.families == rhs.families && (lhs.families & 1 == 0 || lhs.v4 == rhs.v4) && (lhs.families & 2 == 0 || lhs.v6 == rhs.v6)
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(families)
        if families & 1 != 0 { hasher.combine(v4) }
        if families & 2 != 0 { hasher.combine(v6) }
    }

    package var description: String { "[\(map(\.description).joined(separator: ", "))]" }
}

extension AssignedAddresses: Codable {
    package init(from decoder: any Decoder) throws {
        let addresses = try [IPAddress](from: decoder)
        guard let value = Self(addresses) else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath, debugDescription: "an assignment holds at most one address per family, IPv4 first"))
        }
        self = value
    }

    package func encode(to encoder: any Encoder) throws {
        try Array(self).encode(to: encoder)
    }
}
