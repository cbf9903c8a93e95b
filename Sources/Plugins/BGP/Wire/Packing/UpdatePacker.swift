package import IronLBPluginAPI
import NIOCore

/// Packs many prefixes that share one attribute set into as few UPDATEs as fit in 4096 octets.
///
/// IPv4 prefixes go in the classic NLRI and Withdrawn Routes fields, IPv6 prefixes in
/// MP_REACH_NLRI and MP_UNREACH_NLRI (RFC 4760). Prefixes are sorted and de-duplicated (unless they
/// already are, as an Adj-RIB-Out's are: then they are read in place, without a copy), then each
/// message is filled as far as it goes. When all prefixes take the same room (all /32s,
/// say) this is the fewest messages possible; with mixed lengths each message wastes less
/// than one prefix's octets.
package struct UpdatePacker: Sendable {
    /// The session context the UPDATEs will be encoded with.
    package var context: BGPCodingContext
    /// The largest message to produce; 4096 unless a test wants smaller ones.
    package var maximumMessageLength: Int

    /// Octets of every UPDATE besides attributes and NLRI: header and the two length fields.
    static let fixedUpdateLength = BGPWire.headerLength + 4

    /// Creates a packer.
    package init(context: BGPCodingContext = BGPCodingContext(), maximumMessageLength: Int = BGPWire.maximumMessageLength) {
        self.context = context
        self.maximumMessageLength = min(maximumMessageLength, BGPWire.maximumMessageLength)
    }

    /// UPDATEs announcing `prefixes` with `attributes`: IPv4 ones with `attributes.nextHop`,
    /// IPv6 ones with `ipv6NextHop` in MP_REACH_NLRI. Any MP_(UN)REACH_NLRI in `attributes` is ignored.
    package func announcements(
        of prefixes: [IPPrefix],
        attributes: PathAttributes,
        ipv6NextHop: MultiprotocolNextHop? = nil
    ) throws(UpdatePackingError) -> [BGPUpdate] {
        var updates: [BGPUpdate] = []
        try announcements(of: prefixes, attributes: attributes, ipv6NextHop: ipv6NextHop) { updates.append($0) }
        return updates
    }

    /// The same UPDATEs as `announcements(of:attributes:ipv6NextHop:)`, handed to `emit` one at a
    /// time so that the caller can encode each and let it go. Nothing is emitted when it throws.
    package func announcements(
        of prefixes: [IPPrefix],
        attributes: PathAttributes,
        ipv6NextHop: MultiprotocolNextHop? = nil,
        each emit: (BGPUpdate) -> Void
    ) throws(UpdatePackingError) {
        let (ipv4, ipv6) = Self.split(prefixes)
        var base = attributes
        base.multiprotocolReach = nil
        base.multiprotocolUnreach = nil
        var ipv4Chunks: [Range<Int>] = []
        if !ipv4.isEmpty {
            guard base.nextHop != nil else { throw .missingNextHop(.ipv4) }
            let length = try encodedLength(of: base)
            let room = maximumMessageLength - Self.fixedUpdateLength - length
            guard let chunks = Self.chunks(ipv4, room: room, overhead: { _ in 0 }) else { throw .attributesTooLarge(length) }
            ipv4Chunks = chunks
        }
        var ipv6Chunks: (nextHop: MultiprotocolNextHop, ranges: [Range<Int>])?
        var ipv6Base = base
        if !ipv6.isEmpty {
            guard let ipv6NextHop else { throw .missingNextHop(.ipv6) }
            // RFC 4760 §3: an UPDATE whose only NLRI are in MP_REACH_NLRI should not carry NEXT_HOP.
            ipv6Base.nextHop = nil
            let length = try encodedLength(of: ipv6Base)
            let room = maximumMessageLength - Self.fixedUpdateLength - length
            // MP_REACH_NLRI: AFI (2), SAFI (1), next hop length (1), next hop, reserved (1).
            let fixed = 5 + ipv6NextHop.encodedLength
            guard let chunks = Self.chunks(ipv6, room: room, overhead: { Self.attributeOverhead(fixed: fixed, nlri: $0) }) else {
                throw .attributesTooLarge(length)
            }
            ipv6Chunks = (ipv6NextHop, chunks)
        }
        for chunk in ipv4Chunks {
            emit(BGPUpdate(attributes: base, nlri: Array(ipv4[chunk])))
        }
        if let (nextHop, ranges) = ipv6Chunks {
            for chunk in ranges {
                var attributes = ipv6Base
                attributes.multiprotocolReach = MultiprotocolReach(family: .ipv6Unicast, nextHop: nextHop, nlri: Array(ipv6[chunk]))
                emit(BGPUpdate(attributes: attributes))
            }
        }
    }

    /// UPDATEs withdrawing `prefixes`: IPv4 in Withdrawn Routes, IPv6 in MP_UNREACH_NLRI.
    package func withdrawals(of prefixes: [IPPrefix]) -> [BGPUpdate] {
        var updates: [BGPUpdate] = []
        withdrawals(of: prefixes) { updates.append($0) }
        return updates
    }

    /// The same UPDATEs as `withdrawals(of:)`, handed to `emit` one at a time.
    package func withdrawals(of prefixes: [IPPrefix], each emit: (BGPUpdate) -> Void) {
        let (ipv4, ipv6) = Self.split(prefixes)
        let room = maximumMessageLength - Self.fixedUpdateLength
        // A bare UPDATE always has room for a prefix, so chunking cannot fail here.
        for chunk in Self.chunks(ipv4, room: room, overhead: { _ in 0 }) ?? [] {
            emit(BGPUpdate(withdrawnRoutes: Array(ipv4[chunk])))
        }
        // MP_UNREACH_NLRI: AFI (2), SAFI (1).
        for chunk in Self.chunks(ipv6, room: room, overhead: { Self.attributeOverhead(fixed: 3, nlri: $0) }) ?? [] {
            emit(BGPUpdate(attributes: PathAttributes(multiprotocolUnreach: MultiprotocolUnreach(family: .ipv6Unicast, withdrawn: Array(ipv6[chunk])))))
        }
    }

    /// The sorted, de-duplicated IPv4 and IPv6 prefixes: slices of `prefixes` itself when it is
    /// already strictly ascending (an Adj-RIB-Out's are), else of a sorted copy.
    private static func split(_ prefixes: [IPPrefix]) -> (ipv4: ArraySlice<IPPrefix>, ipv6: ArraySlice<IPPrefix>) {
        let isStrictlyAscending = zip(prefixes, prefixes.dropFirst()).allSatisfy { $0 < $1 }
        let sorted = isStrictlyAscending ? prefixes : Set(prefixes).sorted()
        let firstIPv6 = sorted.firstIndex { $0.family == .ipv6 } ?? sorted.endIndex
        return (sorted[..<firstIPv6], sorted[firstIPv6...])
    }

    /// The octets of an MP attribute besides its NLRI: header and fixed fields.
    private static func attributeOverhead(fixed: Int, nlri: Int) -> Int {
        PathAttributes.headerLength(forValueLength: fixed + nlri) + fixed
    }

    /// Cuts `prefixes` into runs (index ranges) whose NLRI octets plus `overhead(nlriOctets)` fit in
    /// `room`, or returns `nil` if some prefix does not fit even alone.
    private static func chunks(_ prefixes: ArraySlice<IPPrefix>, room: Int, overhead: (Int) -> Int) -> [Range<Int>]? {
        var chunks: [Range<Int>] = []
        var start = prefixes.startIndex
        var octets = 0
        for index in prefixes.indices {
            let size = PrefixCoding.encodedLength(of: prefixes[index])
            if octets + size + overhead(octets + size) > room {
                guard index > start else { return nil }
                chunks.append(start..<index)
                start = index
                octets = 0
                guard size + overhead(size) <= room else { return nil }
            }
            octets += size
        }
        if start < prefixes.endIndex { chunks.append(start..<prefixes.endIndex) }
        return chunks
    }

    /// The encoded length of `attributes` in this packer's context.
    private func encodedLength(of attributes: PathAttributes) throws(UpdatePackingError) -> Int {
        var buffer = ByteBuffer()
        do {
            try attributes.encode(into: &buffer, context: context)
        } catch {
            throw .unencodable(error)
        }
        return buffer.readableBytes
    }
}
