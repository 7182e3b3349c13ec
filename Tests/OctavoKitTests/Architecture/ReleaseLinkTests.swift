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

  /// The value of the Makefile's `RELEASE` variable, its continuation lines joined.
  static func releaseFlags() throws -> String {
    let text = try String(contentsOf: makefile, encoding: .utf8)
    let joined = text.replacingOccurrences(of: "\\\n", with: " ")
    let line = try #require(
      joined.split(separator: "\n").first { $0.hasPrefix("RELEASE :=") },
      "the Makefile defines RELEASE")
    return String(line)
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
      "-Xlinker --symbol-ordering-file=$(CURDIR)/Benchmarks/octavo.order",
      "-Xlinker --no-warn-symbol-ordering",
      "-Xlinker -T -Xlinker $(CURDIR)/Benchmarks/octavo-private.lds",
      "-Xlinker -z -Xlinker pack-relative-relocs",
    ] {
      #expect(flags.contains(flag), "RELEASE passes \(flag)")
    }
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
