import Foundation
import Testing

/// The release link lays out the code typical runs execute together (docs/performance.md,
/// "The release binary's code, laid out"): Benchmarks/octavo.order lists those functions, one
/// symbol a line, and the Makefile's release flags compile one section per function and hand
/// the list to the linker, so `make book` and `make bench` build the binary that was measured.
@Suite("Release link order")
struct ReleaseLinkTests {
  static let orderFile = TestPaths.packageRoot.appending(path: "Benchmarks/octavo.order")
  static let makefile = TestPaths.packageRoot.appending(path: "Makefile")

  /// The symbols of the order file, in order.
  static func symbols() throws -> [Substring] {
    try String(contentsOf: orderFile, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false
    ).dropLast()
  }

  /// The `swift build` command `make book` runs (`make -n`: printed, not run).
  static func releaseFlags() throws -> String {
    let make = try #require(OutsideTool.program("make"), "make is missing")
    let run = try runProcess(make, ["-s", "-n", "book"], in: TestPaths.packageRoot)
    #expect(run.status == 0, "\(run.stderr)")
    let line = try #require(
      run.stdout.split(separator: "\n").first {
        $0.contains(" build ") && $0.contains("--product octavo")
      },
      "make book runs swift build: \(run.stdout)")
    return String(line)
  }

  /// Whether this machine's C library reads packed relocations (glibc 2.36 or later), as
  /// `getconf GNU_LIBC_VERSION` tells ("glibc 2.36").
  static func readsPackedRelocations() throws -> Bool {
    let getconf = try #require(OutsideTool.program("getconf"), "getconf is missing")
    let run = try runProcess(getconf, ["GNU_LIBC_VERSION"])
    let version = (run.stdout.split(separator: " ").last ?? "").split(separator: ".").compactMap {
      Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    try #require(version.count >= 2, "getconf GNU_LIBC_VERSION: \(run.stdout)")
    return version[0] > 2 || (version[0] == 2 && version[1] >= 36)
  }

  @Test("the order file lists thousands of distinct symbols, one a line, ending in a newline")
  func orderFileIsWellFormed() throws {
    let text = try String(contentsOf: Self.orderFile, encoding: .utf8)
    #expect(text.hasSuffix("\n"))
    let symbols = try Self.symbols()
    #expect(symbols.count > 2_000)
    #expect(Set(symbols).count == symbols.count, "no symbol listed twice")
    let malformed = symbols.filter { symbol in
      symbol.isEmpty || symbol.contains { $0.isWhitespace } || symbol.hasPrefix("0x")
    }
    #expect(malformed.isEmpty, "\(malformed.prefix(5))")
  }

  @Test(
    "the order file holds the code every run executes: octavo's main, OctavoKit's, the runtime's")
  func orderFileHoldsTheRunsCode() throws {
    let symbols = Set(try Self.symbols())
    #expect(symbols.contains("octavo_main"))
    #expect(symbols.contains("swift_allocObject"))
    let octavoKit = symbols.filter { $0.hasPrefix("$s9OctavoKit") }
    #expect(octavoKit.count > 500, "OctavoKit's functions of a build")
  }

  @Test(
    "the release flags: a section per function, lld in the order file's order, packed relocations")
  func makefilePassesTheOrder() throws {
    let flags = try Self.releaseFlags()
    for flag in [
      "--static-swift-stdlib",
      "-Xswiftc -Xfrontend -Xswiftc -function-sections",
      "-Xswiftc -use-ld=lld",
      "-Xlinker --symbol-ordering-file=\(TestPaths.packageRoot.path)/Benchmarks/octavo.order",
      "-Xlinker --no-warn-symbol-ordering",
      "-Xlinker -T -Xlinker \(TestPaths.packageRoot.path)/Benchmarks/octavo-private.lds",
    ] {
      #expect(flags.contains(flag), "make book passes \(flag)")
    }
    // Packed relocations only where the C library reads them (else the binary would not start).
    #expect(
      flags.contains("-Xlinker -z -Xlinker pack-relative-relocs")
        == (try Self.readsPackedRelocations()))
  }

  /// The release binary of this checkout, when one was built.
  static let releaseBinary = TestPaths.packageRoot.appending(path: ".build/release/octavo")

  @Test(
    "a release binary built by make book holds the listed functions together (order-symbols --check)",
    .enabled(
      if: FileManager.default.isExecutableFile(atPath: releaseBinary.path)
        && OutsideTool.program("python3") != nil && OutsideTool.program("nm") != nil))
  func releaseBinaryIsLaidOut() throws {
    let python = try #require(OutsideTool.program("python3"))
    let script = TestPaths.packageRoot.appending(path: "Benchmarks/order-symbols")
    let run = try runProcess(
      python, [script.path, "--check", "--binary", Self.releaseBinary.path])
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
  }
}
