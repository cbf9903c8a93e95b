package import IronLBPluginAPI

/// Something odd but harmless in a received UPDATE, worth a debug log or a counter.
package enum UpdateNote: Hashable, Sendable, CustomStringConvertible {
    /// A prefix had bits set past its length; they were ignored (RFC 4271 §4.3).
    case hostBitsIgnored(IPPrefix)
    /// An unrecognized optional non-transitive attribute was dropped (RFC 4271 §5).
    case unrecognizedNonTransitiveDropped(PathAttributeCode)

    /// A one-line account.
    package var description: String {
        switch self {
        case .hostBitsIgnored(let prefix): "host bits ignored in \(prefix)"
        case .unrecognizedNonTransitiveDropped(let code): "dropped unrecognized non-transitive \(code)"
        }
    }
}
