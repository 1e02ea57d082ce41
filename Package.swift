// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Switchboard",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "switchboard", targets: ["switchboard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Already in the graph through postgres-nio and async-http-client; named for
        // the event loop, TLS settings and the logger the PostgreSQL backend passes.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Pure values: actions, schemas, validation, the OpenAI tool codec. No I/O.
        .target(name: "ActionModel"),
        // Each voice platform's tool definitions, limits, request and response
        // contract and signatures, as pure mappings of an action. No I/O.
        .target(name: "Platforms", dependencies: ["ActionModel", .product(name: "Crypto", package: "swift-crypto")]),
        // Persistence: one repository API over two backends, SQLite through GRDB (the
        // embedded default) and PostgreSQL through PostgresNIO (the team store).
        .target(
            name: "ActionStore",
            dependencies: [
                "ActionModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A call as a state machine: the mock agent, spoken-answer understanding,
        // the agent/driver protocol. Pure values, no HTTP.
        .target(name: "CallSimulation", dependencies: ["ActionModel"]),
        // Requests on the wire: exact bytes, signature, faults (AsyncHTTPClient).
        .target(
            name: "ActionHTTP",
            dependencies: [
                "ActionModel", "CallSimulation", "Platforms",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // `serve-sample`: realistic endpoints that speak the contract, plus faulty ones (Hummingbird).
        .target(
            name: "SampleBackend",
            // CallSimulation for the scripted model: it understands callers as the rule-based agent does.
            dependencies: ["ActionModel", "CallSimulation", .product(name: "Hummingbird", package: "hummingbird")]
        ),
        // Webhook delivery: the queue in the store, one ordered lane per webhook, retries, signing.
        .target(name: "Webhooks", dependencies: ["ActionModel", "ActionStore", "ActionHTTP", "CallSimulation"]),
        // Runs a call: the agent, the requests on the wire, and the call log in the store.
        .target(
            name: "CallDriver",
            dependencies: ["CallSimulation", "ActionHTTP", "ActionStore", "ActionModel", "SampleBackend", "Webhooks"]
        ),
        // The screen as data: a grid of styled cells, text width, keys. Shared by
        // Console (which renders into it) and Terminal (which draws it).
        .target(name: "Screen"),
        // ncurses, wide-character build, with its macros turned into functions.
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses"),
        // The only code that calls ncurses: start-up, keys, drawing a ScreenBuffer.
        .target(name: "Terminal", dependencies: ["Screen", "CNCurses"]),
        // The UI as plain values: state, update(), render(). No ncurses, no I/O.
        .target(name: "Console", dependencies: ["ActionModel", "Screen", "CallSimulation", "Platforms"]),
        // Runs the Console on a Terminal and performs its effects against the store.
        .target(
            name: "ConsoleRuntime",
            dependencies: ["Console", "Terminal", "ActionStore", "ActionModel", "Screen", "CallDriver", "CallSimulation", "ActionHTTP", "Webhooks"]
        ),
        // The command line, as a library so the executable stays a one-line entry point.
        .target(
            name: "SwitchboardCLI",
            dependencies: [
                "ActionModel", "ActionStore", "ConsoleRuntime", "Terminal", "Screen", "CallDriver", "CallSimulation", "ActionHTTP", "SampleBackend", "Webhooks",
                "Platforms",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "switchboard", dependencies: ["SwitchboardCLI"]),
        .executableTarget(
            name: "switchboard-bench",
            dependencies: ["ActionModel", "ActionStore", "Console", "Screen", "ActionHTTP", "SampleBackend", "CallDriver", "CallSimulation", "Webhooks", "Platforms"],
            path: "Sources/Benchmarks"
        ),
        // Test support: a fresh store on each backend (SQLite, and PostgreSQL when a test server is given).
        .target(name: "StoreTestSupport", dependencies: ["ActionStore"]),
        .testTarget(name: "ActionModelTests", dependencies: ["ActionModel"]),
        .testTarget(name: "PlatformsTests", dependencies: ["Platforms", "ActionModel"], exclude: ["Goldens"]),
        .testTarget(
            name: "ActionStoreTests",
            dependencies: ["ActionStore", "ActionModel", "StoreTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "CallSimulationTests", dependencies: ["CallSimulation", "ActionModel"]),
        .testTarget(
            name: "ActionHTTPTests",
            dependencies: [
                "ActionHTTP", "CallSimulation", "ActionModel", "SampleBackend",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "WebhookTests",
            dependencies: ["Webhooks", "CallDriver", "CallSimulation", "ActionHTTP", "ActionStore", "ActionModel", "SampleBackend", "StoreTestSupport"]
        ),
        .testTarget(name: "ScreenTests", dependencies: ["Screen"]),
        .testTarget(
            name: "TerminalTests",
            dependencies: ["Terminal", "Screen", "ConsoleRuntime", "ActionStore", "ActionModel", "Console", "CallSimulation", "SampleBackend", "Webhooks",
                           "StoreTestSupport"]
        ),
        .testTarget(
            name: "ConsoleTests",
            dependencies: ["Console", "Screen", "ActionModel", "CallSimulation"],
            exclude: ["__Snapshots__"]
        ),
        // SampleBackend for its request recorder: the secrets tests check what really went on the wire.
        .testTarget(
            name: "CLITests",
            dependencies: [
                "ActionModel", "ActionStore", "SampleBackend", "StoreTestSupport", "switchboard", "SwitchboardCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
    ]
)
