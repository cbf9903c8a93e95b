/// Bounds on what the configuration loader accepts, so hostile or broken input can neither crash
/// the daemon nor make it hang or grow without bound.
package struct ConfigLimits: Sendable {
    /// Largest file read, in bytes. A real configuration of thousands of services is a few hundred KiB.
    package var maxFileBytes: Int = 4 << 20
    /// Most nodes the document may expand to, counting every alias expansion (defeats "billion laughs").
    package var maxNodes: Int = 200_000
    /// Deepest nesting of mappings and lists.
    package var maxDepth: Int = 64

    /// The limits the daemon uses.
    package static let standard = ConfigLimits()

    /// Creates limits.
    package init(maxFileBytes: Int = 4 << 20, maxNodes: Int = 200_000, maxDepth: Int = 64) {
        self.maxFileBytes = maxFileBytes
        self.maxNodes = maxNodes
        self.maxDepth = maxDepth
    }
}
