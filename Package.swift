// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "rolegen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "rolegen", targets: ["rolegen"]),
        .library(name: "RoleGen", targets: ["RoleGen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "RoleGenCore", dependencies: ["CYAML", "AWSCatalog", "AWSManagedPolicyData"]),
        // Generated data only (scripts/update-aws-data): a leaf target, rarely recompiled.
        .target(name: "AWSManagedPolicyData", swiftSettings: [.swiftLanguageMode(.v6)]),
        .target(name: "Backends", dependencies: ["RoleGenCore", "AWSCatalog", "EffectiveAccess", .product(name: "Mustache", package: "swift-mustache")]),
        .target(name: "AWSCatalog"),
        .target(name: "PolicyCheck", dependencies: ["RoleGenCore", "AWSCatalog"]),
        .target(name: "PolicyLint", dependencies: ["RoleGenCore", "AWSCatalog", "PolicyEval", "EffectiveAccess"]),
        .target(name: "PolicyEval", dependencies: ["RoleGenCore", "AWSCatalog"], swiftSettings: [.swiftLanguageMode(.v6)]),
        // What a principal's policies add up to: the policy set the engine judges, and summaries for review.
        .target(name: "EffectiveAccess", dependencies: ["RoleGenCore", "PolicyEval", "AWSCatalog"]),
        // What a change to the specs grants: a pure comparison of two resolved models (rolegen diff).
        .target(name: "SpecDiff", dependencies: ["RoleGenCore", "EffectiveAccess", "AWSCatalog"], swiftSettings: [.swiftLanguageMode(.v6)]),
        .target(name: "RoleGen", dependencies: ["RoleGenCore", "Backends", "PolicyCheck", "PolicyLint", "PolicyEval", "EffectiveAccess", "AWSCatalog"]),
        .executableTarget(
            name: "rolegen",
            dependencies: ["RoleGen", "PolicyCheck", "PolicyLint", "PolicyEval", "EffectiveAccess", "SpecDiff", "AWSCatalog", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "RoleGenCoreTests", dependencies: ["RoleGenCore"]),
        .testTarget(name: "BackendsTests", dependencies: ["Backends", "RoleGen"]),
        .testTarget(name: "AWSCatalogTests", dependencies: ["AWSCatalog"]),
        .testTarget(name: "PolicyCheckTests", dependencies: ["PolicyCheck", "PolicyLint", "AWSCatalog", "RoleGenCore"]),
        .testTarget(name: "PolicyEvalTests", dependencies: ["PolicyEval", "RoleGenCore"], swiftSettings: [.swiftLanguageMode(.v6)]),
        .testTarget(name: "PolicyLintTests", dependencies: ["PolicyLint", "RoleGenCore", "AWSCatalog"]),
        // Golden files and fixtures are read from the source tree, not bundled.
        .testTarget(name: "EndToEndTests", dependencies: ["RoleGen", "Backends", "rolegen"], exclude: ["Golden", "Fixtures"]),
    ],
    swiftLanguageModes: [.v5]
)
