import Foundation
import Testing

@testable import OctavoKit

/// Helpers for the broken-manuscript corpus and the property test.
enum BrokenCorpus {
  /// The file in each case folder that holds its expected diagnostics.
  static let expectedFile = "expected.txt"

  /// The case folders in `corpus`, sorted by name.
  static func caseNames(in corpus: URL) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
    return names.filter { name in
      var isDirectory: ObjCBool = false
      return !name.hasPrefix(".")
        && FileManager.default.fileExists(
          atPath: corpus.appending(path: name).path, isDirectory: &isDirectory)
        && isDirectory.boolValue
    }.sorted()
  }

  /// Diagnostics as `expected.txt` holds them: one formatted line each, paths relative to the
  /// manuscript folder.
  static func format(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map { $0.formatted(relativeTo: nil) + "\n" }.joined()
  }

  static func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appending(path: "octavo-broken-\(UUID().uuidString)")
  }

  /// Every entry of a zip file, by name, read with `unzip`.
  static func unzip(_ archive: URL) throws -> [String: [UInt8]] {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try runProcess(
      URL(fileURLWithPath: "/usr/bin/env"),
      ["unzip", "-q", "-o", archive.path, "-d", folder.path])
    guard result.status == 0 else {
      Issue.record("unzip failed on \(archive.lastPathComponent): \(result.stderr)")
      return [:]
    }
    var entries: [String: [UInt8]] = [:]
    let root = folder.resolvingSymlinksInPath().path + "/"
    guard
      let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    else { return [:] }
    for case let url as URL in enumerator {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      else { continue }
      let path = url.resolvingSymlinksInPath().path
      let name = path.hasPrefix(root) ? String(path.dropFirst(root.count)) : url.lastPathComponent
      entries[name] = [UInt8](try Data(contentsOf: url))
    }
    return entries
  }

  /// Every file under `folder` (symbolic links as their targets' paths, not followed) with
  /// its bytes, to show that nothing was written there.
  static func snapshot(_ folder: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let paths = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
    for path in paths {
      let url = folder.appending(path: path)
      if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: url.path) {
        result[path] = Data("-> \(target)".utf8)
        continue
      }
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        result[path] = try Data(contentsOf: url)
      } else {
        result[path] = Data("<folder>".utf8)
      }
    }
    return result
  }

  /// Distinctive lines of files an XXE attack would read, to look for in outputs.
  static func secretLines() -> [String] {
    var lines: [String] = []
    for path in ["/etc/passwd", "/etc/hostname"] {
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
      lines += text.split(separator: "\n").prefix(3).map(String.init).filter { $0.count >= 6 }
    }
    return lines
  }
}
