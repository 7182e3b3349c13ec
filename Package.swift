// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Octavo",
  products: [
    .library(name: "OctavoKit", targets: ["OctavoKit"]),
    .executable(name: "octavo", targets: ["octavo"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    // The sockets of `octavo serve`'s preview server (FlyingSocks, a product of FlyingFox: async
    // sockets on epoll, no SwiftNIO); the server's HTTP is Octavo's own (Sources/octavo), so no
    // FoundationNetworking, libcurl and its libraries are loaded by every run of `octavo`.
    .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
  ],
  targets: [
    .systemLibrary(
      name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
      providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]),
    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
    .systemLibrary(
      name: "CZip", pkgConfig: "libzip",
      providers: [.apt(["libzip-dev"]), .brew(["libzip"])]),
    // zlib: EPUB documents are deflated as they are written, on the thread that wrote them.
    .systemLibrary(
      name: "CZlib", pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
    .systemLibrary(
      name: "CFontconfig", pkgConfig: "fontconfig",
      providers: [.apt(["libfontconfig-dev"]), .brew(["fontconfig"])]),
    // jemalloc: the `octavo` executable's allocator. A build allocates and frees millions of
    // small blocks (model nodes, strings, libxml2 nodes); glibc's malloc spent about a fifth of
    // the CPU time on them (docs/performance.md, "jemalloc"). Linked by the executable only:
    // OctavoKit, used in an author's own tests, keeps the host's allocator.
    .systemLibrary(
      name: "CJemalloc", pkgConfig: "jemalloc",
      providers: [.apt(["libjemalloc-dev"]), .brew(["jemalloc"])]),
    .executableTarget(name: "embed-styles", path: "Sources/embed-styles"),
    .plugin(
      name: "EmbedStyles", capability: .buildTool(),
      dependencies: ["embed-styles"], path: "Plugins/EmbedStyles"),
    // The TeX-to-MathML converter: pure Swift, no dependencies (see docs/math.md).
    .target(name: "OctavoMath"),
    // Build-time syntax highlighting: pure Swift, no dependencies (see docs/markup.md).
    .target(name: "OctavoHighlight"),
    // Prints the highlighter's throughput: swift run -c release highlight-bench
    .executableTarget(
      name: "highlight-bench", dependencies: ["OctavoHighlight"], path: "Benchmarks/highlight-bench"
    ),
    .target(
      name: "OctavoKit",
      dependencies: [
        "CCmarkGFM", "CLibXML2", "CZip", "CZlib", "CFontconfig", "OctavoMath", "OctavoHighlight",
        .product(name: "Yams", package: "Yams"),
      ],
      plugins: ["EmbedStyles"]),
    .executableTarget(
      name: "octavo",
      dependencies: [
        "OctavoKit", "CJemalloc",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "FlyingSocks", package: "FlyingFox"),
      ]),
    .executableTarget(
      name: "octavo-math-bench", dependencies: ["OctavoMath"], path: "Benchmarks/MathBench"),
    .testTarget(
      name: "OctavoMathTests", dependencies: ["OctavoMath"], exclude: ["Corpus", "Differences.md"]),
    .testTarget(
      name: "OctavoKitTests",
      dependencies: ["OctavoKit", "octavo"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "OctavoHighlightTests",
      dependencies: ["OctavoHighlight"],
      exclude: ["Corpus"]),
  ]
)
