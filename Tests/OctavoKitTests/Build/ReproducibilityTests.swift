import Foundation
import Testing

@testable import OctavoKit

/// The same manuscript gives byte-identical files, with and without SOURCE_DATE_EPOCH, with
/// embedded (obfuscated) fonts and a page list.
@Suite("Reproducible builds", .serialized)
struct ReproducibilityTests {
  static func sha256(_ url: URL) throws -> String {
    let result = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["sha256sum", url.path])
    return String(result.stdout.prefix(64))
  }

  /// Builds the sample, with fonts and obfuscation, into a new folder; returns the outputs.
  static func build(_ manuscript: URL, styles: URL, environment: [String: String]) throws -> [URL] {
    let output = FileManager.default.temporaryDirectory.appending(
      path: "octavo-repro-\(UUID().uuidString)")
    let result = try BookBuilder.build(
      BuildOptions(
        manuscript: manuscript, styles: styles, output: output,
        environment: environment))
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
    return result.outputs
  }

  @Test(
    "two builds are byte-identical (sha256)", arguments: [["SOURCE_DATE_EPOCH": "1764374400"], [:]])
  func identical(_ environment: [String: String]) throws {
    // The sample with obfuscated fonts, in a copy so book.yaml can ask for them.
    let work = FileManager.default.temporaryDirectory.appending(
      path: "octavo-repro-src-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: work) }
    let manuscript = work.appending(path: "Manuscript")
    let styles = work.appending(path: "Styles")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: TestPaths.sampleManuscript, to: manuscript)
    try FileManager.default.copyItem(at: TestPaths.styles, to: styles)
    try FileManager.default.createDirectory(
      at: styles.appending(path: "fonts"), withIntermediateDirectories: true)
    try Data(TestFont.ttf).write(to: styles.appending(path: "fonts/Test-Regular.ttf"))
    let yaml = manuscript.appending(path: "book.yaml")
    try (String(contentsOf: yaml, encoding: .utf8) + "obfuscate-fonts: true\n").write(
      to: yaml, atomically: true, encoding: .utf8)
    // Copies carry today's modification times; give every file a fixed one, as a checkout would.
    let fixed = Date(timeIntervalSince1970: 1_750_000_000)
    for case let url as URL in FileManager.default.enumerator(
      at: manuscript, includingPropertiesForKeys: nil)!
    {
      try FileManager.default.setAttributes([.modificationDate: fixed], ofItemAtPath: url.path)
    }

    let first = try Self.build(manuscript, styles: styles, environment: environment)
    let second = try Self.build(manuscript, styles: styles, environment: environment)
    defer {
      for url in first + second {
        try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
      }
    }
    #expect(first.count == 2 && second.count == 2)
    for (a, b) in zip(first, second) {
      #expect(try Self.sha256(a) == Self.sha256(b), "\(a.lastPathComponent) differs between builds")
    }
    let opf = try EbookBuild.text(
      try #require(first.first { $0.pathExtension == "epub" }), "EPUB/package.opf")
    // Without SOURCE_DATE_EPOCH the time is the newest manuscript file's, never the clock's.
    let expected = environment.isEmpty ? "2025-06-15T15:06:40Z" : "2025-11-29T00:00:00Z"
    #expect(EbookBuild.metaValues(opf, "dcterms:modified") == [expected])
  }
}
