/// The one version source of IronLB: `ironlbd --version`, `ironlbctl --version` and the .deb read it.
public enum IronLBVersion {
    /// The release version (semantic versioning).
    public static let current = "0.1.0"
}
