import Foundation

/// Paths of the repository, found from this file's location so tests run from any directory.
enum TestPaths {
    /// The repository root.
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `Tests/Fixtures`.
    static let fixtures = root.appendingPathComponent("Tests/Fixtures")
    /// The shipped example configuration.
    static let example = root.appendingPathComponent("etc/ironlb/ironlb.yaml")

    /// Whether golden files should be rewritten instead of compared.
    static var updateGolden: Bool { ProcessInfo.processInfo.environment["IRONLB_UPDATE_GOLDEN"] == "1" }
}
