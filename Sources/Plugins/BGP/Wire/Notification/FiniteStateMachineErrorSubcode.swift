/// Subcodes of Finite State Machine Error, code 5 (RFC 6608 §3).
package enum FiniteStateMachineErrorSubcode: UInt8, Sendable, CaseIterable {
    /// No more specific reason.
    case unspecified = 0
    /// A message other than OPEN or NOTIFICATION arrived in OpenSent.
    case unexpectedMessageInOpenSent = 1
    /// A message other than KEEPALIVE or NOTIFICATION arrived in OpenConfirm.
    case unexpectedMessageInOpenConfirm = 2
    /// An OPEN arrived in Established.
    case unexpectedMessageInEstablished = 3
}
