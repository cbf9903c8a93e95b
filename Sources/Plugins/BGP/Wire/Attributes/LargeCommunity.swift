/// A community of the LARGE_COMMUNITY attribute, written "global:local1:local2" (RFC 8092).
package struct LargeCommunity: Hashable, Comparable, Sendable, CustomStringConvertible, LosslessStringConvertible {
    /// The Global Administrator: by convention the 4-octet AS that defines the community.
    package var globalAdministrator: UInt32
    /// The first 4-octet Local Data Part.
    package var localData1: UInt32
    /// The second 4-octet Local Data Part.
    package var localData2: UInt32

    /// Creates "global:local1:local2".
    package init(_ globalAdministrator: UInt32, _ localData1: UInt32, _ localData2: UInt32) {
        self.globalAdministrator = globalAdministrator
        self.localData1 = localData1
        self.localData2 = localData2
    }

    /// Parses "a:b:c" with three decimal numbers up to 4294967295 (RFC 8195 §2 notation).
    package init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3,
            let global = CommunityText.decimal(parts[0], max: UInt32.max),
            let local1 = CommunityText.decimal(parts[1], max: UInt32.max),
            let local2 = CommunityText.decimal(parts[2], max: UInt32.max)
        else { return nil }
        self.init(UInt32(global), UInt32(local1), UInt32(local2))
    }

    /// "global:local1:local2".
    package var description: String {
        "\(globalAdministrator):\(localData1):\(localData2)"
    }

    /// Orders by the three fields in turn.
    package static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.globalAdministrator, lhs.localData1, lhs.localData2) < (rhs.globalAdministrator, rhs.localData1, rhs.localData2)
    }
}
