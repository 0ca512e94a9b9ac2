// swift-tools-version: 6.0
// The Swift argoexec: one package, one job per target. See README.md, "Layout".
import PackageDescription

/// C libraries are reached through system-library shim targets (docs/build.md): pkg-config decides how they are
/// linked, so one PKG_CONFIG_PATH switch (hack/build-static.sh) turns the dev build into the fully static one.
let shims: [Target] = [
    .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
    .systemLibrary(name: "CArgon2", pkgConfig: "libargon2", providers: [.apt(["libargon2-dev"])]),
    .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
    // Static libjq 1.6 + oniguruma that hack/build-jq.sh builds from Debian's sources (no apt package ships them).
    .systemLibrary(name: "CJQ", pkgConfig: "argoexec-jq"),
    // Static libgit2 + libssh2 on OpenSSL from Debian's sources (hack/build-git.sh); imported by Drivers/Git only.
    .systemLibrary(name: "CGit2", pkgConfig: "argoexec-git"),
]

let package = Package(
    name: "argoexec",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "argoexec", targets: ["argoexec"]),
        // What main containers run (init copies it to /var/run/argo/argoexec): emissary, kill, version only.
        .executable(name: "argoexec-lean", targets: ["argoexec-lean"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: shims + [
        // Build stamp (git commit, build date) filled in by hack/stamp-build.sh through a git-ignored header.
        .target(name: "CBuildInfo"),
        // JSON (values, a strict parser, typed field reads), path rules and the emissary's view of a template:
        // what the lean binary needs of the model, without the Codable Argo types (their conformance records
        // cannot be dead-stripped). Imports nothing of ours.
        .target(name: "ModelBase"),
        // The Codable Argo types; re-exports ModelBase.
        .target(name: "Model", dependencies: ["ModelBase"]),
        // Label selectors (apimachinery labels.Parse), gjson paths and kubectl JSONPath: pure Swift over Model.
        .target(name: "KubeQuery", dependencies: ["Model"]),
        // Errors, pod paths, configuration value types, logging handler, backoff: shared by every layer.
        .target(name: "Core", dependencies: ["ModelBase", .product(name: "Logging", package: "swift-log")]),
        // Digests and MACs on OpenSSL's libcrypto, Argon2id on libargon2 (the only importer of CCrypto, CArgon2).
        .target(name: "Digest", dependencies: ["CCrypto", "CArgon2", "Core", "ModelBase"]),
        // Request signing (AWS SigV4; later OSS): pure functions over Digest.
        .target(name: "Signing", dependencies: ["Core", "Digest", "ModelBase"]),
        // The libcurl layer (the only importer of CCurl).
        .target(name: "Transport", dependencies: ["CCurl", "Core", "Model"]),
        // Storage drivers, one folder per backend (S3 first); they reach the network only through Transport.
        .target(name: "Drivers", dependencies: ["Core", "Model", "Digest", "Signing", "Transport", "CGit2", .product(name: "Logging", package: "swift-log")]),
        // The Kubernetes API client and output reporting (task results, pod annotations) over Transport.
        .target(name: "Kube", dependencies: ["Core", "Model", "Transport", .product(name: "Logging", package: "swift-log")]),
        // The pod phases init (inputs, staging) and wait (outputs, reporting); data templates.
        .target(name: "Executor", dependencies: ["Core", "Model", "Archive", "Drivers", "Kube", "Transport", "Expr", .product(name: "Logging", package: "swift-log")]),
        // The wrapped command (emissary) and its output staging. Main containers run it, so it never imports the
        // network, Foundation or the Kubernetes client (docs/build.md, "Two binaries"): Core, Model, Archive only.
        .target(name: "Emissary", dependencies: ["Core", "ModelBase", "Archive", .product(name: "Logging", package: "swift-log")]),
        // Streaming tar / gzip / zip in Swift on zlib (the only importer of CZlib).
        .target(name: "Archive", dependencies: ["CZlib", "Core", "ModelBase"]),
        // YAML as sigs.k8s.io/yaml reads it (go-yaml v2 semantics) on libyaml's event API (the only importer of CYAML).
        .target(name: "YAML", dependencies: ["CYAML", "Model"]),
        // jq filters (resource templates' jqFilter) on libjq with gojq's output rules (the only importer of CJQ).
        .target(name: "JQ", dependencies: ["CJQ", "Core", "Model", "KubeQuery"]),
        // expr-lang expressions (HTTP templates' successCondition, data transformations) in pure Swift, with a
        // linear-time RE2-syntax regexp matcher; no Foundation.
        .target(name: "Expr", dependencies: ["ModelBase"]),
        // Resource templates: an in-process kubectl over Kube (discovery, create/apply/replace/patch/get/delete),
        // conditions and output parameters (docs/resource.md).
        .target(name: "Resource", dependencies: ["Core", "Model", "Kube", "Executor", "YAML", "JQ", "KubeQuery", .product(name: "Logging", package: "swift-log")]),
        // The agent pod (`argoexec agent init|main`): HTTP templates and executor plugins over a watched
        // WorkflowTaskSet, results patched into its status (Argo's workflow/executor/agent.go).
        .target(name: "Agent", dependencies: ["Core", "Model", "Kube", "Transport", "Expr", .product(name: "Logging", package: "swift-log")]),
        // The commands both binaries hold (emissary, kill, version): the environment read into ExecutorConfig,
        // logging flags, exit codes and the termination log. Same import rule as Emissary.
        .target(name: "LeanCLI", dependencies: ["Core", "ModelBase", "Archive", "Emissary", "CBuildInfo", .product(name: "Logging", package: "swift-log")]),
        // Commands; with LeanCLI the only place that reads the environment, argv, exit codes and the termination log.
        .target(
            name: "CLI",
            dependencies: [
                "Model", "Core", "Digest", "Transport", "Archive", "Drivers", "Signing", "Kube", "Executor", "Resource", "Agent", "Expr", "LeanCLI", "YAML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "argoexec", dependencies: ["CLI", "Core"]),
        .executableTarget(name: "argoexec-lean", dependencies: ["LeanCLI", "Core"]),
        // libFuzzer targets for the unpacker, init's input path and the template reader (hack/fuzz.sh); a plain build replays corpora.
        .executableTarget(name: "argoexec-fuzz", dependencies: ["Archive", "Core", "Model", "Drivers", "Executor"], path: "Fuzz/Fuzzers"),
        .testTarget(name: "ModelTests", dependencies: ["Model"], exclude: ["Fixtures"]),
        .testTarget(
            name: "CoreTests",
            dependencies: ["Core", "Model", "Digest", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "CLITests", dependencies: ["CLI", "LeanCLI", "Emissary", "Core", "Model", "Drivers", "Signing", "TestSupport"]),
        .testTarget(name: "SigningTests", dependencies: ["Signing", "Core", "Digest"], exclude: ["Fixtures"]),
        // Loopback peers the tests start themselves (moto_server); used by test targets only.
        .target(name: "TestSupport", path: "Tests/Support"),
        .testTarget(name: "TransportTests", dependencies: ["Transport", "Signing", "Digest", "Core", "Drivers", "Model", "TestSupport"]),
        .testTarget(name: "DriverTests", dependencies: ["Drivers", "Transport", "Signing", "Digest", "Core", "Model", "TestSupport", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "ExecutorTests", dependencies: ["Executor", "Emissary", "Core", "Model", "Drivers"]),
        .testTarget(name: "KubeTests", dependencies: ["Kube", "Core", "Model", "TestSupport", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "ArchiveTests", dependencies: ["Archive", "Core", "Model"], exclude: ["Fixtures"]),
        .testTarget(name: "YAMLTests", dependencies: ["YAML", "Model"]),
        .testTarget(name: "ResourceTests", dependencies: ["Resource", "Core", "Model"]),
        .testTarget(name: "JQTests", dependencies: ["JQ", "Core", "Model", "KubeQuery"]),
        .testTarget(name: "KubeQueryTests", dependencies: ["KubeQuery", "Model"]),
        .testTarget(name: "ExprTests", dependencies: ["Expr", "ModelBase"]),
        .testTarget(name: "AgentTests", dependencies: ["Agent", "Core", "Model", "Kube", "TestSupport", .product(name: "Logging", package: "swift-log")]),
    ],
    swiftLanguageModes: [.v6]
)
