import IronLBPluginAPI
import NIOCore

extension BGPOpen {
    /// The Capabilities optional parameter type (RFC 5492 §4).
    static let capabilitiesParameterType: UInt8 = 2
    /// The marker of the RFC 9072 extended optional parameters format, in length and type.
    static let extendedParametersMarker: UInt8 = 255

    /// Reads an OPEN body: version, My AS, hold time, identifier, optional parameters.
    static func decode(body: inout ByteBuffer) throws(BGPMessageError) -> BGPOpen {
        // The header check guarantees the 10 fixed octets (RFC 4271 §6.1: OPEN is at least 29).
        let (version, myAS, holdTime, identifier, shortLength) =
            body.readMultipleIntegers(as: (UInt8, UInt16, UInt16, UInt32, UInt8).self)!
        // RFC 4271 §6.2: another version is 2/1, with the largest supported version as 2-octet data.
        guard version == BGPWire.version else {
            throw .open(.unsupportedVersionNumber, data: [0, BGPWire.version], "version \(version) is not 4")
        }
        var parametersLength = Int(shortLength)
        var extended = false
        // RFC 9072 §2: length 255 followed by type 255 announces a 2-octet length and 2-octet parameter lengths.
        if shortLength == extendedParametersMarker,
            body.getInteger(at: body.readerIndex, as: UInt8.self) == extendedParametersMarker
        {
            body.moveReaderIndex(forwardBy: 1)
            guard let extendedLength = body.readInteger(as: UInt16.self) else {
                throw .open(.unspecific, "extended optional parameters length truncated")
            }
            parametersLength = Int(extendedLength)
            extended = true
        }
        // RFC 4271 §6.2: the parameters must fill the rest of the message exactly.
        guard parametersLength == body.readableBytes else {
            throw .open(.unspecific, "optional parameters length \(parametersLength) but \(body.readableBytes) octets follow")
        }
        var capabilities: [BGPCapability] = []
        while body.readableBytes > 0 {
            let type = body.readInteger(as: UInt8.self)!
            let length = extended ? body.readInteger(as: UInt16.self).map(Int.init) : body.readInteger(as: UInt8.self).map(Int.init)
            guard let length, var value = body.readSlice(length: length) else {
                throw .open(.unspecific, "optional parameter \(type) overruns the parameters")
            }
            // RFC 4271 §6.2: an unrecognized optional parameter is 2/4 (RFC 5492 keeps only type 2).
            guard type == capabilitiesParameterType else {
                throw .open(.unsupportedOptionalParameter, "unsupported optional parameter type \(type)")
            }
            capabilities += try BGPCapability.decodeList(from: &value)
        }
        return BGPOpen(
            version: version, myAS: myAS, holdTime: holdTime,
            bgpIdentifier: IPv4Address(identifier), capabilities: capabilities
        )
    }

    /// Writes an OPEN body with all capabilities in one Capabilities parameter, using the
    /// RFC 9072 format only when that parameter does not fit in 255 octets.
    func encode(body: inout ByteBuffer) throws(BGPEncodingError) {
        body.writeMultipleIntegers(version, myAS, holdTime, bgpIdentifier.rawValue)
        var value = ByteBuffer()
        for capability in capabilities {
            try capability.encode(into: &value)
        }
        if capabilities.isEmpty {
            body.writeInteger(UInt8(0))
        } else if value.readableBytes <= 253 {
            // One parameter of type 2 and length ≤ 253 keeps the 1-octet total length ≤ 255.
            body.writeMultipleIntegers(UInt8(value.readableBytes + 2), Self.capabilitiesParameterType, UInt8(value.readableBytes))
            body.writeBuffer(&value)
        } else {
            body.writeMultipleIntegers(Self.extendedParametersMarker, Self.extendedParametersMarker, UInt16(value.readableBytes + 3))
            body.writeMultipleIntegers(Self.capabilitiesParameterType, UInt16(value.readableBytes))
            body.writeBuffer(&value)
        }
    }
}
