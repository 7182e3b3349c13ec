import Foundation
import Testing

/// The examples of the library in the README and in OctavoKit.docc compile against the public
/// API alone: each is type-checked by `swiftc` as a client outside the package would see
/// OctavoKit (a plain `import OctavoKit`: no `@testable`, no `package` declarations).
@Suite("Public API", .serialized)
struct PublicAPITests {
  /// The Swift blocks of a Markdown document, in order.
  static func swiftBlocks(_ markdown: String) -> [String] {
    var blocks: [String] = []
    var current: [Substring]?
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      if current == nil, line == "```swift" {
        current = []
      } else if current != nil, line == "```" {
        blocks.append(current!.joined(separator: "\n") + "\n")
        current = nil
      } else {
        current?.append(line)
      }
    }
    return blocks
  }

  /// `swiftc -typecheck` of `source` against the built OctavoKit module; its status and errors.
  static func typecheck(_ source: String) throws -> (status: Int32, errors: String) {
    let swiftc = try #require(OutsideTool.program("swiftc"), "swiftc is on the PATH with swift")
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "octavo-api-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appending(path: "client.swift")
    try source.write(to: file, atomically: true, encoding: .utf8)
    let root = TestPaths.packageRoot
    // The C modules OctavoKit's module refers to: the package's own and Yams' CYaml.
    let moduleMaps =
      ["CCmarkGFM", "CLibXML2", "CZip", "CZlib", "CFontconfig"]
      .map { root.appending(path: "Sources/\($0)/module.modulemap") }
      + [root.appending(path: ".build/checkouts/Yams/Sources/CYaml/include/module.modulemap")]
    var arguments = ["-typecheck", "-I", TestPaths.productsFolder.appending(path: "Modules").path]
    for map in moduleMaps where FileManager.default.fileExists(atPath: map.path) {
      arguments += ["-Xcc", "-fmodule-map-file=\(map.path)"]
    }
    arguments += ["-Xcc", "-I/usr/include/libxml2", "-module-name", "Client", file.path]
    let result = try runProcess(swiftc, arguments)
    return (result.status, result.stderr)
  }

  @Test("README: the library example and the test example compile with a plain import")
  func readme() throws {
    let readme = try String(
      contentsOf: TestPaths.packageRoot.appending(path: "README.md"), encoding: .utf8)
    let examples = Self.swiftBlocks(readme).filter { $0.contains("import OctavoKit") }
    #expect(examples.count == 2)
    for example in examples {
      let result = try Self.typecheck(example)
      #expect(result.status == 0, "\(example)\n\(result.errors)")
    }
  }

  @Test("OctavoKit.docc: the article's blocks, one program in order, compile with a plain import")
  func docc() throws {
    let folder = TestPaths.packageRoot.appending(path: "Sources/OctavoKit/OctavoKit.docc")
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    where name.hasSuffix(".md") {
      let blocks = Self.swiftBlocks(
        try String(contentsOf: folder.appending(path: name), encoding: .utf8))
      guard !blocks.isEmpty else { continue }
      let program = "import Foundation\n" + blocks.joined(separator: "\n")
      let result = try Self.typecheck(program)
      #expect(result.status == 0, "\(name):\n\(program)\n\(result.errors)")
    }
  }

  @Test("the check fails on what is not public: an internal type, a package one")
  func internalsRejected() throws {
    for use in [
      "_ = Slugger.self", "_ = UniqueNames.self", "_ = OctavoVersion.self",
      "_ = DiagnosticReport.self",
    ] {
      let result = try Self.typecheck("import OctavoKit\n\(use)\n")
      #expect(result.status != 0, "\(use) compiled as a client of OctavoKit")
      #expect(result.errors.contains("error:"))
    }
  }
}
