import NIOCore

extension ASPath {
    /// The most AS numbers one segment holds: its length field is one octet (RFC 4271 §4.3).
    static let maximumSegmentLength = 255

    /// Reads an AS_PATH or AS4_PATH value with AS numbers of `asnWidth` octets (2 or 4).
    ///
    /// Checks the syntax of RFC 7606 §7.2: a known segment type, a non-zero segment length,
    /// no segment overrunning the attribute, and no single octet left over.
    static func decode(from value: inout ByteBuffer, asnWidth: Int) throws(AttributeValueError) -> ASPath {
        var segments: [ASPathSegment] = []
        while value.readableBytes > 0 {
            // RFC 7606 §7.2: a single octet left cannot hold a segment header.
            guard let (rawKind, count) = value.readMultipleIntegers(as: (UInt8, UInt8).self) else {
                throw AttributeValueError(.value, "one octet left after the last segment")
            }
            // RFC 7606 §7.2: an unrecognized segment type makes the AS_PATH malformed.
            guard let kind = ASPathSegment.Kind(rawValue: rawKind) else {
                throw AttributeValueError(.value, "unknown segment type \(rawKind)")
            }
            // RFC 7606 §7.2: a segment length of zero makes the segment malformed.
            guard count > 0 else {
                throw AttributeValueError(.value, "segment of length zero")
            }
            // RFC 7606 §7.2: a segment that overruns the attribute makes it malformed.
            guard value.readableBytes >= Int(count) * asnWidth else {
                throw AttributeValueError(.value, "segment of \(count) ASes overruns the attribute")
            }
            var asns: [UInt32] = []
            asns.reserveCapacity(Int(count))
            for _ in 0..<count {
                asns.append(asnWidth == 4 ? value.readInteger(as: UInt32.self)! : UInt32(value.readInteger(as: UInt16.self)!))
            }
            segments.append(ASPathSegment(kind, asns))
        }
        return ASPath(segments)
    }

    /// Writes the path with AS numbers of 4 octets, or of 2 octets with AS_TRANS standing in for
    /// those that need 4 (RFC 6793 §4.2.2). Segments longer than 255 ASes are split.
    func encode(into buffer: inout ByteBuffer, fourOctet: Bool) {
        for segment in segments {
            var start = 0
            repeat {
                let end = min(start + Self.maximumSegmentLength, segment.asns.count)
                buffer.writeMultipleIntegers(segment.kind.rawValue, UInt8(end - start))
                for asn in segment.asns[start..<end] {
                    if fourOctet {
                        buffer.writeInteger(asn)
                    } else {
                        buffer.writeInteger(asn > UInt32(UInt16.max) ? BGPWire.asTrans : UInt16(asn))
                    }
                }
                start = end
            } while start < segment.asns.count
        }
    }

    /// The path without its confederation segments, as AS4_PATH must carry it (RFC 6793 §3).
    var withoutConfederationSegments: ASPath {
        ASPath(segments.filter { !$0.kind.isConfederation })
    }
}
