import Foundation
import Testing

@testable import OctavoKit

@Suite("EPUB container layout")
struct ZipLayoutTests {
  static func buildSample(into output: URL, epoch: String = "1764374400") throws -> URL {
    let result = try BookBuilder.build(
      BuildOptions(
        manuscript: TestPaths.sampleManuscript, styles: TestPaths.styles, output: output,
        formats: [.epub, .print], environment: ["SOURCE_DATE_EPOCH": epoch]))
    #expect(!result.diagnostics.hasErrors)
    return try #require(result.outputs.first { $0.pathExtension == "epub" })
  }

  static func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appending(path: "octavo-zip-\(UUID().uuidString)")
  }

  @Test("the first entry is mimetype: stored, no extra field, media type at byte 38")
  func mimetypeFirst() throws {
    let folder = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let bytes = [UInt8](try Data(contentsOf: try Self.buildSample(into: folder)))
    #expect(Array(bytes[0..<4]) == [0x50, 0x4B, 0x03, 0x04])
    let method = UInt16(bytes[8]) | UInt16(bytes[9]) << 8
    let nameLength = UInt16(bytes[26]) | UInt16(bytes[27]) << 8
    let extraLength = UInt16(bytes[28]) | UInt16(bytes[29]) << 8
    #expect(method == 0)
    #expect(nameLength == 8)
    #expect(extraLength == 0)
    #expect(String(decoding: bytes[30..<38], as: UTF8.self) == "mimetype")
    #expect(String(decoding: bytes[38..<58], as: UTF8.self) == "application/epub+zip")
  }

  /// Lists a zip's entries with `unzip -Z` (method and name).
  static func entries(_ epub: URL) throws -> [(method: String, name: String)] {
    let result = try runProcess(
      URL(fileURLWithPath: "/usr/bin/env"), ["unzip", "-Z", "-v", epub.path])
    var entries: [(String, String)] = []
    var name: String?
    for line in result.stdout.split(separator: "\n") {
      if line.hasPrefix("Central directory entry #") { name = nil }
      if line.hasPrefix("  ") && name == nil && !line.contains(":") {
        name = line.trimmingCharacters(in: .whitespaces)
      }
      if line.contains("compression method:"), let name {
        entries.append(
          (line.components(separatedBy: ":").last?.trimmingCharacters(in: .whitespaces) ?? "", name)
        )
      }
    }
    return entries
  }

  @Test("entries come in a fixed order, every file once, with the build's time")
  func order() throws {
    let folder = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let epub = try Self.buildSample(into: folder)
    let listing = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["unzip", "-Z1", epub.path])
      .stdout
    let names = listing.split(separator: "\n").map(String.init)
    #expect(
      Array(names.prefix(6)) == [
        "mimetype", "META-INF/container.xml", "EPUB/package.opf", "EPUB/nav.xhtml", "EPUB/toc.ncx",
        "EPUB/styles/epub.css",
      ])
    #expect(Set(names).count == names.count)
    #expect(!names.contains { $0.contains("..") || $0.hasPrefix("/") })
    // Every entry carries SOURCE_DATE_EPOCH (2025-11-29 00:00 UTC) as its time.
    let verbose = try runProcess(
      URL(fileURLWithPath: "/usr/bin/env"), ["unzip", "-Z", "-T", epub.path],
      environment: ["TZ": "UTC"]
    ).stdout
    let stamps = verbose.split(separator: "\n").filter { $0.hasPrefix("-") }.map {
      $0.split(separator: " ", omittingEmptySubsequences: true)
    }
    #expect(!stamps.isEmpty)
    for stamp in stamps { #expect(stamp.contains("20251129.000000")) }
  }

  @Test("the same manuscript gives byte-identical files")
  func reproducible() throws {
    let first = Self.temporaryFolder()
    let second = Self.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: first)
      try? FileManager.default.removeItem(at: second)
    }
    let a = try Self.buildSample(into: first)
    let b = try Self.buildSample(into: second)
    #expect(try Data(contentsOf: a) == Data(contentsOf: b))
    let printA = a.deletingPathExtension().appendingPathExtension("html")
    let printB = b.deletingPathExtension().appendingPathExtension("html")
    #expect(try Data(contentsOf: printA) == Data(contentsOf: printB))
  }

  @Test("zip times do not depend on the machine's time zone")
  func timeZone() {
    let date = Date(timeIntervalSince1970: 1_764_374_400)
    let shifted = ZipWriter.dosTime(for: date)
    var time = shifted
    var local = tm()
    localtime_r(&time, &local)
    #expect(local.tm_year + 1900 == 2025)
    #expect(local.tm_mon + 1 == 11)
    #expect(local.tm_mday == 29)
    #expect(local.tm_hour == 0)
  }
}
