import NIOCore

extension PathAttributes {
    /// The result of validating an attribute block.
    struct Decoded {
        /// The attributes kept.
        var attributes: PathAttributes
        /// The RFC 7606 actions short of a session reset.
        var actions: [UpdateErrorAction]
        /// Harmless oddities.
        var notes: [UpdateNote]
    }

    /// The validation loop: reads every attribute of `block` through `PathAttributeTable`,
    /// enforcing lengths, flags, duplicates, unknown attributes and mandatory attributes, and
    /// judging each problem with RFC 7606's error classes.
    ///
    /// - Parameter hasNLRIField: whether the UPDATE's NLRI field is non-empty.
    /// - Throws: `BGPMessageError` when the session must be reset.
    static func decode(block: inout ByteBuffer, context: BGPCodingContext, hasNLRIField: Bool) throws(BGPMessageError) -> Decoded {
        var state = AttributeDecodingState(context: context)
        var actions: [UpdateErrorAction] = []
        var seen = Set<PathAttributeCode>()
        while block.readableBytes > 0 {
            let flags = PathAttributeFlags(rawValue: block.getInteger(at: block.readerIndex)!)
            let headerLength = flags.contains(.extendedLength) ? 4 : 3
            // RFC 7606 §4: fewer octets left than an attribute header is an error; reset, see BGPWire.
            guard block.readableBytes >= headerLength else {
                throw .update(.malformedAttributeList, "\(block.readableBytes) octets left cannot hold an attribute header")
            }
            let code = PathAttributeCode(rawValue: block.getInteger(at: block.readerIndex + 1)!)
            let length = flags.contains(.extendedLength)
                ? Int(block.getInteger(at: block.readerIndex + 2, as: UInt16.self)!)
                : Int(block.getInteger(at: block.readerIndex + 2, as: UInt8.self)!)
            // RFC 7606 §4: an attribute that overruns the attribute block is an error; reset, see BGPWire.
            guard block.readableBytes >= headerLength + length else {
                throw .update(.malformedAttributeList, "\(code) length \(length) overruns the attribute block")
            }
            let raw = block.readSlice(length: headerLength + length)!
            var value = raw.getSlice(at: raw.readerIndex + headerLength, length: length)!

            guard seen.insert(code).inserted else {
                // RFC 7606 §3: MP_REACH_NLRI or MP_UNREACH_NLRI more than once is Malformed Attribute List.
                if code == .multiprotocolReach || code == .multiprotocolUnreach {
                    throw .update(.malformedAttributeList, "\(code) appears more than once")
                }
                // RFC 7606 §3: any other repeated attribute is discarded after its first occurrence.
                actions.append(.attributeDiscard(UpdateErrorReason(attribute: code, kind: .duplicate, detail: "repeated; first kept")))
                continue
            }
            guard let descriptor = PathAttributeTable.descriptor(for: code) else {
                // RFC 4271 §6.3: an unrecognized well-known attribute is 3/2 with the attribute as data.
                guard flags.contains(.optional) else {
                    throw .update(.unrecognizedWellKnownAttribute, data: Array(buffer: raw), "unrecognized well-known \(code)")
                }
                // RFC 4271 §5: an unrecognized optional transitive attribute is kept and passed on.
                if flags.contains(.transitive) {
                    state.attributes.unknown.append(RawPathAttribute(flags: flags.subtracting(.extendedLength), code: code, value: Array(buffer: value)))
                } else {
                    // RFC 4271 §5: an unrecognized optional non-transitive attribute is quietly ignored.
                    state.notes.append(.unrecognizedNonTransitiveDropped(code))
                }
                continue
            }
            // RFC 7606 §3: Optional or Transitive bits in conflict with the code: treat-as-withdraw.
            // The value is still read, so that NLRI inside MP_REACH_NLRI can be withdrawn.
            if flags.category != descriptor.flags {
                let detail = "flags \(flags) conflict with the required \(descriptor.flags)"
                actions.append(.treatAsWithdraw(UpdateErrorReason(attribute: code, kind: .flags, detail: detail)))
            }
            do {
                try descriptor.decode(&value, &state)
            } catch {
                let reason = UpdateErrorReason(attribute: code, kind: error.kind, detail: error.detail)
                switch error.handling ?? descriptor.whenMalformed {
                case .treatAsWithdraw: actions.append(.treatAsWithdraw(reason))
                case .attributeDiscard: actions.append(.attributeDiscard(reason))
                case .sessionReset(let subcode):
                    throw BGPMessageError(.updateMessageError(subcode, data: notificationData(subcode, raw)), reason: reason.description)
                }
            }
        }
        actions += missingMandatory(seen: seen, hasNLRIField: hasNLRIField, reach: state.attributes.multiprotocolReach)
        return Decoded(attributes: state.attributes, actions: actions, notes: state.notes)
    }

    /// The well-known mandatory attributes missing from an UPDATE that announces routes.
    private static func missingMandatory(seen: Set<PathAttributeCode>, hasNLRIField: Bool, reach: MultiprotocolReach?) -> [UpdateErrorAction] {
        var required: [PathAttributeCode] = []
        // RFC 4271 §5: ORIGIN, AS_PATH and NEXT_HOP are mandatory in an UPDATE with NLRI.
        if hasNLRIField {
            required = [.origin, .asPath, .nextHop]
        // RFC 4760 §3: with MP_REACH_NLRI only ORIGIN and AS_PATH are required; NEXT_HOP is not.
        } else if let reach, !reach.nlri.isEmpty {
            required = [.origin, .asPath]
        }
        // RFC 7606 §3: a missing well-known mandatory attribute: treat-as-withdraw.
        return required.filter { !seen.contains($0) }.map { code in
            .treatAsWithdraw(UpdateErrorReason(attribute: code, kind: .missing, detail: "missing well-known mandatory attribute"))
        }
    }

    /// The NOTIFICATION data RFC 4271 §6.3 prescribes for `subcode`: the attribute for most.
    private static func notificationData(_ subcode: UpdateMessageErrorSubcode, _ raw: ByteBuffer) -> [UInt8] {
        switch subcode {
        case .unrecognizedWellKnownAttribute, .attributeFlagsError, .attributeLengthError,
            .invalidOriginAttribute, .invalidNextHopAttribute, .optionalAttributeError:
            Array(buffer: raw)
        case .missingWellKnownAttribute:
            [raw.getInteger(at: raw.readerIndex + 1)!]
        case .malformedAttributeList, .invalidNetworkField, .malformedASPath:
            []
        }
    }
}
