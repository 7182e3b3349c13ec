import Foundation
import Testing

@testable import OctavoKit

/// Builds small manuscripts into EPUBs and reads entries back, for the e-book suites.
enum EbookBuild {
  /// Builds `files` (a `book.yaml` is added when missing) into a temporary folder; returns the
  /// result and the EPUB's URL, if one was written. The caller removes `folder`.
  static func build(
    _ files: [String: String], binary: [String: [UInt8]] = [:],
    formats: Set<OutputFormat> = [.epub],
    environment: [String: String] = ["SOURCE_DATE_EPOCH": "1700000000"]
  )
    throws -> (result: BuildResult, epub: URL?, folder: URL)
  {
    let manuscript = try TemporaryManuscript(files, binary: binary)
    let output = manuscript.root.appending(path: "Output")
    let result = try BookBuilder.build(
      BuildOptions(
        manuscript: manuscript.root, output: output,
        formats: formats, environment: environment))
    return (result, result.outputs.first { $0.pathExtension == "epub" }, manuscript.root)
  }

  /// A book.yaml with the title "T", English, the given extra lines and chapters.
  static func yaml(_ extra: String = "", contents: [String] = ["one.md"]) -> String {
    "title: T\nauthor: A. Writer\nlanguage: en\n\(extra)\ncontents: [\(contents.joined(separator: ", "))]\n"
  }

  /// The bytes of one entry of a zip file.
  static func entry(_ zip: URL, _ name: String) throws -> [UInt8] {
    let archive = try ZipArchiveReader(zip)
    return try #require(archive.entries[name], "no \(name) in \(zip.lastPathComponent)")
  }

  /// The text of one entry of a zip file.
  static func text(_ zip: URL, _ name: String) throws -> String {
    String(decoding: try entry(zip, name), as: UTF8.self)
  }

  /// The `<meta property="…">` values of a package document for one property.
  static func metaValues(_ opf: String, _ property: String) -> [String] {
    let pattern =
      "<meta property=\"" + NSRegularExpression.escapedPattern(for: property)
      + "\">([^<]*)</meta>"
    let regex = try! NSRegularExpression(pattern: pattern)
    return regex.matches(in: opf, range: NSRange(opf.startIndex..., in: opf)).compactMap {
      Range($0.range(at: 1), in: opf).map { String(opf[$0]) }
    }
  }
}

/// Reads every entry of a zip with `unzip`, so tests look at the container as readers do.
struct ZipArchiveReader {
  var entries: [String: [UInt8]] = [:]
  var names: [String] = []

  init(_ zip: URL) throws {
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "octavo-unzip-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let env = URL(fileURLWithPath: "/usr/bin/env")
    let result = try runProcess(env, ["unzip", "-q", "-o", zip.path, "-d", folder.path])
    #expect(result.status == 0, "\(result.stderr)")
    names = try runProcess(env, ["unzip", "-Z1", zip.path]).stdout.split(separator: "\n").map(
      String.init)
    for name in names {
      entries[name] = [UInt8](try Data(contentsOf: folder.appending(path: name)))
    }
  }
}
