/// Merging AS4_PATH and AS4_AGGREGATOR from a 2-octet AS peer into the true path (RFC 6793 §4.2.3).
extension PathAttributes {
    /// The attributes with AS_PATH and AGGREGATOR rebuilt from AS4_PATH and AS4_AGGREGATOR as
    /// RFC 6793 §4.2.3 says, and those two attributes removed.
    ///
    /// Use it on UPDATEs from a peer without 4-octet AS support; from one with it, the decoder has
    /// already discarded AS4_PATH and AS4_AGGREGATOR, and this returns the attributes unchanged.
    package func reconstructingFourOctetPath() -> PathAttributes {
        var result = self
        result.as4Path = nil
        result.as4Aggregator = nil
        // RFC 6793 §4.2.3: an AGGREGATOR with a real AS means a 2-octet speaker aggregated after
        // the last 4-octet one, so AS4_AGGREGATOR and AS4_PATH are both stale and ignored.
        if let aggregator, aggregator.asn != UInt32(BGPWire.asTrans) {
            return result
        }
        // RFC 6793 §4.2.3: AGGREGATOR carrying AS_TRANS is replaced by AS4_AGGREGATOR.
        if aggregator != nil, let as4Aggregator {
            result.aggregator = as4Aggregator
        }
        if let asPath, let as4Path {
            result.asPath = ASPath.reconstructed(twoOctet: asPath, fourOctet: as4Path)
        }
        return result
    }
}

extension ASPath {
    /// The path RFC 6793 §4.2.3 rebuilds: the leading ASes of the 2-octet AS_PATH that AS4_PATH
    /// lacks, followed by AS4_PATH; or AS_PATH alone when AS4_PATH is longer (then it is bogus).
    ///
    /// Lengths are counted as in route selection: an AS_SET counts one, confederation
    /// segments none (RFC 6793 §4.2.3, RFC 4271 §9.1.2.2).
    package static func reconstructed(twoOctet: ASPath, fourOctet: ASPath) -> ASPath {
        let fourOctet = fourOctet.withoutConfederationSegments
        guard twoOctet.pathLength >= fourOctet.pathLength else { return twoOctet }
        var needed = twoOctet.pathLength - fourOctet.pathLength
        var leading: [ASPathSegment] = []
        for segment in twoOctet.segments where needed > 0 {
            switch segment.kind {
            case .confederationSequence, .confederationSet:
                leading.append(segment)
            case .set:
                leading.append(segment)
                needed -= 1
            case .sequence:
                let taken = min(needed, segment.asns.count)
                leading.append(ASPathSegment(.sequence, Array(segment.asns.prefix(taken))))
                needed -= taken
            }
        }
        var segments = leading
        for segment in fourOctet.segments {
            // Join the cut sequence to AS4_PATH's first sequence, as it was one segment originally.
            if segment.kind == .sequence, let last = segments.last, last.kind == .sequence,
                segments.count == leading.count, last.asns.count + segment.asns.count <= maximumSegmentLength
            {
                segments[segments.count - 1].asns += segment.asns
            } else {
                segments.append(segment)
            }
        }
        return ASPath(segments)
    }
}
