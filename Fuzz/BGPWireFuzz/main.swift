// libFuzzer entry point for the BGPWire decoder. Not a SwiftPM target: Fuzz/run.sh builds it
// against the BGPWire module compiled with -sanitize=fuzzer,address. See Fuzz/README.md.
import BGPWire
import NIOCore

/// Every context the decoder must survive: 2- and 4-octet AS, internal and external peers.
let contexts = [
    BGPCodingContext(fourOctetAS: true, peerIsExternal: true),
    BGPCodingContext(fourOctetAS: true, peerIsExternal: false),
    BGPCodingContext(fourOctetAS: false, peerIsExternal: true),
    BGPCodingContext(fourOctetAS: false, peerIsExternal: false),
]

/// Decodes the input as a stream of messages in each context. A decoded message must
/// re-encode and decode to itself (minus the receive-only findings), or the process traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = ByteBuffer(bytes: UnsafeBufferPointer(start: data, count: size))
    for context in contexts {
        var buffer = input
        do {
            while let message = try BGPMessage.decode(from: &buffer, context: context) {
                checkRoundTrip(message, context: context)
            }
        } catch {
            // A BGPMessageError is the expected outcome for most inputs; only crashes matter.
        }
    }
    return 0
}

/// Traps if `message` does not survive an encode/decode round trip.
func checkRoundTrip(_ message: BGPMessage, context: BGPCodingContext) {
    var expected = message
    if case .update(var update) = message {
        // Findings and notes describe the received octets, not the value; a treat-as-withdraw or
        // discarded attribute may legitimately change on re-encoding, so only clean UPDATEs count.
        guard update.errors.isEmpty else { return }
        update.notes = []
        // Unknown attributes are sent on with the Partial bit (RFC 4271 §5).
        for index in update.attributes.unknown.indices {
            update.attributes.unknown[index].flags.insert(.partial)
        }
        expected = .update(update)
    }
    guard var encoded = try? expected.encoded(context: context) else { return }
    guard let decoded = try? BGPMessage.decode(from: &encoded, context: context) else {
        fatalError("re-encoded \(expected) does not decode")
    }
    var normalized = decoded
    if case .update(var update) = decoded {
        update.notes = []
        normalized = .update(update)
    }
    precondition(normalized == expected, "round trip changed \(expected) into \(normalized)")
}
