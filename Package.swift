// swift-tools-version: 6.2
import PackageDescription

/// Settings every IronLB target shares: Swift 6 language mode with complete concurrency checking.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "ironlb",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ironlbd", targets: ["ironlbd"]),
        .executable(name: "ironlbctl", targets: ["ironlbctl"]),
        .library(name: "IronLBPluginAPI", targets: ["IronLBPluginAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
    ],
    targets: [
        // MARK: Host
        .systemLibrary(
            name: "CSystemd",
            path: "Sources/Host/CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        .target(
            name: "IronLBPluginAPI",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/Host/PluginAPI",
            swiftSettings: strict
        ),
        .target(
            name: "IronLBCore",
            dependencies: [
                "IronLBPluginAPI", "CPrefetch",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Sources/Host/Core",
            swiftSettings: strict
        ),
        .target(
            name: "IronLBBuiltins",
            dependencies: ["IronLBPluginAPI", "IronLBCore", "IronLBAllocators", "IronLBDryRun", "IronLBStaticSource", "IronLBKubernetes", "BGPAnnouncer"],
            path: "Sources/Host/Builtins",
            swiftSettings: strict
        ),
        .target(
            name: "IronLBDaemon",
            dependencies: [
                "IronLBPluginAPI", "IronLBCore", "IronLBBuiltins", "CSystemd", "CHeapStats",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Sources/Host/Daemon",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "ironlbd",
            dependencies: ["IronLBDaemon"],
            path: "Sources/Host/DaemonMain",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "ironlbctl",
            dependencies: [
                "IronLBPluginAPI", "IronLBCore", "IronLBBuiltins",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Sources/Host/Ctl",
            swiftSettings: strict
        ),

        .executableTarget(
            name: "ironlb-alloc-churn",
            dependencies: ["IronLBPluginAPI", "IronLBCore", "IronLBBuiltins"],
            path: "Sources/Tools/AllocChurn",
            swiftSettings: strict
        ),

        .executableTarget(
            name: "ironlb-alloc-bench",
            dependencies: ["IronLBPluginAPI", "IronLBCore", "IronLBBuiltins", "CHeapStats"],
            path: "Benchmarks/AllocBench",
            swiftSettings: strict
        ),

        .target(name: "CHeapStats", path: "Sources/Host/CHeapStats"),
        .target(name: "CPrefetch", path: "Sources/Host/CPrefetch"),

        // MARK: Plugins
        .target(
            name: "IronLBAllocators",
            dependencies: ["IronLBPluginAPI"],
            path: "Sources/Plugins/Allocators",
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        .target(
            name: "IronLBDryRun",
            dependencies: [
                "IronLBPluginAPI",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/Plugins/DryRun",
            swiftSettings: strict
        ),
        .target(
            name: "IronLBStaticSource",
            dependencies: [
                "IronLBPluginAPI",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/Plugins/StaticSource",
            swiftSettings: strict
        ),
        .target(
            name: "IronLBKubernetes",
            dependencies: [
                "IronLBPluginAPI",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            path: "Sources/Plugins/Kubernetes",
            exclude: ["README.md"],
            swiftSettings: strict
        ),

        .target(
            name: "BGPWire",
            dependencies: ["IronLBPluginAPI", .product(name: "NIOCore", package: "swift-nio")],
            path: "Sources/Plugins/BGP/Wire",
            swiftSettings: strict
        ),
        .target(
            name: "BGPFSM",
            dependencies: ["BGPWire", "IronLBPluginAPI"],
            path: "Sources/Plugins/BGP/FSM",
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        .target(
            name: "BGPAnnouncer",
            dependencies: [
                "IronLBPluginAPI", "BGPWire", "BGPFSM",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Sources/Plugins/BGP/Announcer",
            exclude: ["README.md"],
            swiftSettings: strict
        ),

        // MARK: Benchmarks
        .executableTarget(
            name: "ironlb-bgp-bench",
            dependencies: [
                "BGPAnnouncer", "IronLBPluginAPI",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Benchmarks/BGPBench",
            swiftSettings: strict
        ),

        // MARK: Tests
        .target(
            name: "RouterLab",
            path: "Tests/RouterLab",
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        .target(
            name: "KubernetesLab",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            path: "Tests/KubernetesLab",
            swiftSettings: strict
        ),
        .testTarget(
            name: "BGPInteropTests",
            dependencies: [
                "RouterLab", "KubernetesLab", "BGPWire", "IronLBPluginAPI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RouterLabTests",
            dependencies: ["RouterLab"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PluginAPITests",
            dependencies: ["IronLBPluginAPI", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CoreTests",
            dependencies: [
                "IronLBCore", "IronLBPluginAPI", "IronLBBuiltins", "IronLBAllocators", "IronLBStaticSource",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PluginsTests",
            dependencies: [
                "IronLBPluginAPI", "IronLBCore", "IronLBAllocators", "IronLBDryRun", "IronLBStaticSource",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KubernetesTests",
            dependencies: [
                "IronLBKubernetes", "IronLBPluginAPI", "IronLBCore", "IronLBAllocators", "IronLBDryRun", "RouterLab", "KubernetesLab",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            exclude: ["Clients"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BGPWireTests",
            dependencies: ["BGPWire", "IronLBPluginAPI", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BGPAnnouncerTests",
            dependencies: ["BGPAnnouncer", "BGPWire", "IronLBPluginAPI", "IronLBCore", "IronLBAllocators", "IronLBStaticSource"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BGPFSMTests",
            dependencies: ["BGPFSM", "BGPWire", "IronLBPluginAPI"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DaemonTests",
            dependencies: ["RouterLab", "IronLBDaemon", "IronLBCore", "IronLBPluginAPI"],
            swiftSettings: strict
        ),
    ]
)
