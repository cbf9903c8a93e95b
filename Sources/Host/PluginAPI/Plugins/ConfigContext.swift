/// What a plugin may consult while decoding its section: the parts of the configuration that the
/// host decoded before it, so cross-references are checked in the same pass.
public struct ConfigContext: Sendable {
    /// The pools by name, with their address ranges.
    public var pools: [String: [IPRange]]
    /// This node's identity.
    public var node: NodeIdentity

    /// Creates a context.
    public init(pools: [String: [IPRange]], node: NodeIdentity) {
        self.pools = pools
        self.node = node
    }
}
