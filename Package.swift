// swift-tools-version:6.0
import PackageDescription


let package = Package(
    name: "opora",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "opora", targets: ["opora"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // The domain: plain Swift, no I/O.
        .target(name: "OporaCore", swiftSettings: [.enableUpcomingFeature("ExistentialAny")]),
        // File formats: CSV, XLSX, DOCX.
        .target(
            name: "OporaDocuments",
            dependencies: ["OporaCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        // The web application, storage and CLI commands.
        .target(
            name: "OporaApp",
            dependencies: [
                "OporaCore", "OporaDocuments",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources/demo-seed.json"), .copy("Resources/seed-orders")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .executableTarget(name: "opora", dependencies: ["OporaApp"]),
        // Fuzzing of every parser of uploaded and typed input: the library is run briefly by the
        // tests and for a million inputs by `scripts/fuzz` (the `opora-fuzz` executable).
        .target(name: "OporaFuzzing", dependencies: ["OporaCore", "OporaDocuments"]),
        .executableTarget(name: "opora-fuzz", dependencies: ["OporaFuzzing"]),
        .testTarget(name: "OporaCoreTests", dependencies: ["OporaCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "OporaDocumentsTests", dependencies: ["OporaDocuments", "OporaFuzzing"]),
        .testTarget(
            name: "OporaAppTests",
            dependencies: ["OporaApp", .product(name: "VaporTesting", package: "vapor"),
                           .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver")]
        ),
    ]
)
