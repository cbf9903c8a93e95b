import NIOCore

extension BGPCapability {
    /// Reads a sequence of capabilities, each code (1), length (1), value (RFC 5492 §4).
    static func decodeList(from buffer: inout ByteBuffer) throws(BGPMessageError) -> [BGPCapability] {
        var capabilities: [BGPCapability] = []
        while buffer.readableBytes > 0 {
            // RFC 4271 §6.2: a recognized optional parameter that is malformed is 2/0 (Unspecific).
            guard buffer.readableBytes >= 2 else {
                throw .open(.unspecific, "capability header truncated")
            }
            let code = buffer.readInteger(as: UInt8.self)!
            let length = Int(buffer.readInteger(as: UInt8.self)!)
            guard var value = buffer.readSlice(length: length) else {
                throw .open(.unspecific, "capability \(code) length \(length) overruns its parameter")
            }
            capabilities.append(try decode(code: code, value: &value))
        }
        return capabilities
    }

    /// Reads one capability's value; a known capability with the wrong length is malformed.
    static func decode(code: UInt8, value: inout ByteBuffer) throws(BGPMessageError) -> BGPCapability {
        let length = value.readableBytes
        func malformed(_ what: String) -> BGPMessageError {
            .open(.unspecific, "\(what) capability has malformed length \(length)")
        }
        switch code {
        case 1:
            // RFC 4760 §8: AFI (2), reserved (1), SAFI (1).
            guard length == 4 else { throw malformed("multiprotocol") }
            let afi = value.readInteger(as: UInt16.self)!
            value.moveReaderIndex(forwardBy: 1)
            return .multiprotocol(RouteFamily(afi: afi, safi: value.readInteger()!))
        case 2:
            // RFC 2918 §2: the capability has no value.
            guard length == 0 else { throw malformed("route refresh") }
            return .routeRefresh
        case 5:
            // RFC 8950 §3: entries of NLRI AFI (2), NLRI SAFI (2), next hop AFI (2).
            guard length % 6 == 0 else { throw malformed("extended next hop") }
            var entries: [ExtendedNextHopCapability.Entry] = []
            while let (afi, safi, nextHop) = value.readMultipleIntegers(as: (UInt16, UInt16, UInt16).self) {
                entries.append(.init(nlriAFI: afi, nlriSAFI: safi, nextHopAFI: nextHop))
            }
            return .extendedNextHop(entries)
        case 64:
            // RFC 4724 §3: flags and time (2), then entries of AFI (2), SAFI (1), flags (1).
            guard length >= 2, (length - 2) % 4 == 0 else { throw malformed("graceful restart") }
            let header = value.readInteger(as: UInt16.self)!
            var families: [GracefulRestartCapability.Family] = []
            while let (afi, safi, flags) = value.readMultipleIntegers(as: (UInt16, UInt8, UInt8).self) {
                families.append(.init(RouteFamily(afi: afi, safi: safi), forwardingStatePreserved: flags & 0x80 != 0))
            }
            return .gracefulRestart(
                GracefulRestartCapability(
                    restartState: header & 0x8000 != 0,
                    notificationSupport: header & 0x4000 != 0,
                    restartTime: header & GracefulRestartCapability.maximumRestartTime,
                    families: families
                )
            )
        case 65:
            // RFC 6793 §3: the speaker's 4-octet AS number.
            guard length == 4 else { throw malformed("4-octet AS") }
            return .fourOctetAS(value.readInteger()!)
        case 69:
            // RFC 7911 §4: entries of AFI (2), SAFI (1), send/receive (1).
            guard length % 4 == 0 else { throw malformed("ADD-PATH") }
            var entries: [AddPathCapability.Entry] = []
            while let (afi, safi, direction) = value.readMultipleIntegers(as: (UInt16, UInt8, UInt8).self) {
                entries.append(.init(family: RouteFamily(afi: afi, safi: safi), direction: .init(rawValue: direction)))
            }
            return .addPath(entries)
        default:
            return .unknown(code: code, value: value.readBytes(length: length) ?? [])
        }
    }

    /// Appends code, length and value.
    func encode(into buffer: inout ByteBuffer) throws(BGPEncodingError) {
        buffer.writeInteger(code)
        let lengthIndex = buffer.writerIndex
        buffer.writeInteger(UInt8(0))
        switch self {
        case .multiprotocol(let family):
            buffer.writeMultipleIntegers(family.afi, UInt8(0), family.safi)
        case .routeRefresh:
            break
        case .extendedNextHop(let entries):
            for entry in entries {
                buffer.writeMultipleIntegers(entry.nlriAFI, entry.nlriSAFI, entry.nextHopAFI)
            }
        case .gracefulRestart(let restart):
            let flags: UInt16 = (restart.restartState ? 0x8000 : 0) | (restart.notificationSupport ? 0x4000 : 0)
            buffer.writeInteger(flags | (restart.restartTime & GracefulRestartCapability.maximumRestartTime))
            for entry in restart.families {
                buffer.writeMultipleIntegers(entry.family.afi, entry.family.safi, UInt8(entry.forwardingStatePreserved ? 0x80 : 0))
            }
        case .fourOctetAS(let asn):
            buffer.writeInteger(asn)
        case .addPath(let entries):
            for entry in entries {
                buffer.writeMultipleIntegers(entry.family.afi, entry.family.safi, entry.direction.rawValue)
            }
        case .unknown(_, let value):
            buffer.writeBytes(value)
        }
        let length = buffer.writerIndex - lengthIndex - 1
        guard length <= Int(UInt8.max) else {
            throw .unencodable("capability \(code) value of \(length) octets exceeds 255")
        }
        buffer.setInteger(UInt8(length), at: lengthIndex)
    }
}
