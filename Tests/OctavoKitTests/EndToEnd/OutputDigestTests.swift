import Foundation
import Testing

@testable import OctavoKit

/// The outputs of the sample, every fixture book and a generated benchmark book are the bytes
/// recorded in `Fixtures/output-digests.txt` (SHA-256 of each file).
///
/// A redesign of the pipeline (issue 12) must not change what a book looks like: the digests
/// were recorded by the build the redesign started from. A change that means to change the
/// output records new digests with `OCTAVO_UPDATE_DIGESTS=1 swift test --filter OutputDigest`,
/// and the diff of that file shows which books it touched.
@Suite("Outputs match the recorded digests", .serialized)
struct OutputDigestTests {
  static let digestFile = TestPaths.fixtures.appending(path: "output-digests.txt")

  /// The books whose outputs are recorded, by name, with the style sheets they are built with.
  static var books: [(name: String, folder: URL, styles: URL?)] {
    var books: [(String, URL, URL?)] = [
      ("Manuscript", TestPaths.sampleManuscript, TestPaths.styles),
      ("golden-book", TestPaths.fixtures.appending(path: "golden-book"), nil),
    ]
    let folder = TestPaths.fixtures.appending(path: "books")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names.sorted() where !name.hasPrefix(".") {
      books.append((name, folder.appending(path: name), nil))
    }
    return books
  }

  /// `name file sha256` lines for one book's outputs, built without the cache (with its
  /// chapters waiting to be rendered as bytes or as models when `waitEncoded` says which).
  static func digests(
    of name: String, folder: URL, styles: URL?, waitEncoded: Bool? = nil
  ) throws -> [String] {
    let output = FileManager.default.temporaryDirectory.appending(
      path: "octavo-digest-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    var options = BuildOptions(
      manuscript: folder, styles: styles, output: output,
      environment: ["SOURCE_DATE_EPOCH": "1700000000"], useCache: false)
    options.chaptersWaitEncoded = waitEncoded
    let result = try BookBuilder.build(options)
    #expect(!result.diagnostics.hasErrors, "\(name): \(result.diagnostics)")
    return try result.outputs.map { url in
      let sum = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["sha256sum", url.path])
      return "\(name) \(url.lastPathComponent) \(sum.stdout.prefix(64))"
    }
  }

  /// A small book from the benchmark's generator (parts, a cover, PNG and SVG figures, links
  /// between chapters, notes, tables, lists and quotations).
  static func benchmarkBook() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "octavo-digest-bench-\(UUID().uuidString)")
    let generated = try runProcess(
      URL(fileURLWithPath: "/usr/bin/env"),
      [
        "python3", TestPaths.packageRoot.appending(path: "Benchmarks/bench.py").path,
        "--generate", "40000", folder.path,
      ])
    #expect(generated.status == 0, "\(generated.stderr)")
    return folder
  }

  /// Built as a large book is (every chapter without formulas kept as bytes until it is
  /// rendered, large chapters rendered one or two at a time: ``EncodedChapter``), every book
  /// gives the same bytes as when its chapters wait as models.
  @Test("every book's outputs are the recorded bytes", arguments: [nil, true])
  func outputsMatch(waitEncoded: Bool?) throws {
    var lines: [String] = []
    for book in Self.books {
      lines += try Self.digests(
        of: book.name, folder: book.folder, styles: book.styles, waitEncoded: waitEncoded)
    }
    let bench = try Self.benchmarkBook()
    defer { try? FileManager.default.removeItem(at: bench) }
    lines += try Self.digests(
      of: "benchmark-40000", folder: bench, styles: nil, waitEncoded: waitEncoded)
    let header =
      "# SHA-256 of each output, no cache, SOURCE_DATE_EPOCH=1700000000 (OutputDigestTests)\n"
    let actual = header + lines.joined(separator: "\n") + "\n"

    if ProcessInfo.processInfo.environment["OCTAVO_UPDATE_DIGESTS"] == "1", waitEncoded == nil {
      try actual.write(to: Self.digestFile, atomically: true, encoding: .utf8)
      return
    }
    let recorded = try String(contentsOf: Self.digestFile, encoding: .utf8)
    let expected = recorded.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
    #expect(lines.count == expected.count, "\(lines.count) outputs, \(expected.count) recorded")
    for line in lines where !expected.contains(line) {
      Issue.record("output differs from the recorded bytes: \(line)")
    }
  }
}
