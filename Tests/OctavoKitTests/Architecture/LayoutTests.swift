import Foundation
import Testing

/// The layout tells the architecture (docs/architecture.md): the folders of Sources/OctavoKit
/// come in the pipeline's order, and a file uses only types declared in its own folder or in
/// a folder before it; no file in Sources/ is longer than 600 lines.
@Suite("Source layout")
struct LayoutTests {
  static let sources = TestPaths.packageRoot.appending(path: "Sources")
  static let library = sources.appending(path: "OctavoKit")

  /// The folders of Sources/OctavoKit, foundations first, then the pipeline (load, parse,
  /// transform, check, render, package), then the tools built on it. The same list, with what
  /// each folder holds, is in docs/architecture.md.
  static let order = [
    "Diagnostics", "Support", "XML", "HTML", "Model", "Localization",
    "Loading", "Markdown", "Transform", "Accessibility", "XHTML", "Print", "EPUB", "Build",
    "Stats", "Scaffold", "Import", "Preview",
  ]

  /// Uses of a later folder's type that remain in files other sessions are rewriting, as
  /// `Folder/File.swift: Type (its folder)`. To be cleared after merging: each entry is gone
  /// when the type moves down or the use goes; an entry that no longer occurs fails the test.
  static let knownBackwardUses: Set<String> = []

  /// Files over 600 lines that other sessions are splitting (paths under Sources/); to be
  /// cleared after merging, like ``knownBackwardUses``.
  static let knownLongFiles: Set<String> = []

  /// A Swift file of the library: its folder and its text without comments and literals.
  struct SourceFile {
    var folder: String
    var path: String
    var code: String
  }

  static func swiftFiles(under folder: URL) throws -> [URL] {
    let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    var files: [URL] = []
    while let url = enumerator?.nextObject() as? URL {
      if url.pathExtension == "swift" { files.append(url) }
    }
    return files.sorted { $0.path < $1.path }
  }

  static func relative(_ url: URL, to folder: URL) -> String {
    String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
  }

  static func libraryFiles() throws -> [SourceFile] {
    try swiftFiles(under: library).map { url in
      let path = relative(url, to: library)
      let folder = String(path.split(separator: "/").first ?? "")
      let text = try String(contentsOf: url, encoding: .utf8)
      return SourceFile(
        folder: folder, path: path, code: SwiftCode.withoutCommentsAndLiterals(text))
    }
  }

  /// The names of the types declared at the top level of each file (in column 0).
  static func declaredTypes(_ code: String) -> [String] {
    let declaration =
      /^(?:@\w+(?:\([^)\n]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private|final|indirect|nonisolated)\s+)*(?:struct|enum|class|actor|protocol|typealias)\s+([A-Za-z_]\w*)/
      .anchorsMatchLineEndings()
    return code.matches(of: declaration).map { String($0.1) }
  }

  /// Each use of a type from a folder later in ``order``, as in ``knownBackwardUses``.
  static func backwardUses(_ files: [SourceFile]) -> [String] {
    let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
    var folders: [String: Set<String>] = [:]
    for file in files {
      for name in declaredTypes(file.code) { folders[name, default: []].insert(file.folder) }
    }
    var uses: [String] = []
    for file in files {
      guard let own = rank[file.folder] else { continue }
      let names = Set(
        file.code.matches(of: /\b[A-Z][A-Za-z0-9_]*\b/.wordBoundaryKind(.simple)).map {
          String($0.0)
        })
      for name in names.sorted() {
        guard let declared = folders[name], !declared.contains(file.folder) else { continue }
        for folder in declared.sorted() where (rank[folder] ?? -1) > own {
          uses.append("\(file.path): \(name) (\(folder))")
        }
      }
    }
    return uses
  }

  @Test("every folder of Sources/OctavoKit has its place in the order")
  func everyFolderOrdered() throws {
    let folders = try FileManager.default.contentsOfDirectory(atPath: Self.library.path)
      .filter { !$0.hasSuffix(".docc") && !$0.hasPrefix(".") }
    #expect(
      Set(folders) == Set(Self.order), "docs/architecture.md and LayoutTests.order list the folders"
    )
    #expect(Self.order.count == Set(Self.order).count)
  }

  @Test("no file uses a type declared in a folder that comes after its own")
  func foldersOneWay() throws {
    let uses = try Self.backwardUses(Self.libraryFiles())
    let unexpected = uses.filter { !Self.knownBackwardUses.contains($0) }
    #expect(
      unexpected.isEmpty, "uses of a later folder's type:\n\(unexpected.joined(separator: "\n"))")
    let stale = Self.knownBackwardUses.subtracting(uses)
    #expect(
      stale.isEmpty,
      "gone, so take them out of knownBackwardUses:\n\(stale.sorted().joined(separator: "\n"))")
  }

  @Test("the check sees a use that goes backwards, and none in a comment or a string")
  func checkerFindsBackwardUse() {
    let files = [
      SourceFile(
        folder: "Loading", path: "Loading/A.swift",
        code: SwiftCode.withoutCommentsAndLiterals(
          "struct Loader {\n  // BookBuilder in a comment\n  let s = \"BookBuilder\"\n  let m: Block\n  let b = BookBuilder.self\n}\n"
        )),
      SourceFile(folder: "Model", path: "Model/Block.swift", code: "public struct Block {}\n"),
      SourceFile(
        folder: "Build", path: "Build/BookBuilder.swift", code: "public enum BookBuilder {}\n"),
    ]
    #expect(Self.backwardUses(files) == ["Loading/A.swift: BookBuilder (Build)"])
  }

  @Test("no file in Sources/ is over 600 lines")
  func shortFiles() throws {
    var long: [String] = []
    for url in try Self.swiftFiles(under: Self.sources) {
      let lines = try String(contentsOf: url, encoding: .utf8).split(
        separator: "\n", omittingEmptySubsequences: false)
      let count = lines.last?.isEmpty == true ? lines.count - 1 : lines.count
      if count > 600 { long.append(Self.relative(url, to: Self.sources)) }
    }
    let unexpected = long.filter { !Self.knownLongFiles.contains($0) }
    #expect(unexpected.isEmpty, "over 600 lines: \(unexpected)")
    let stale = Self.knownLongFiles.subtracting(long)
    #expect(
      stale.isEmpty,
      "no longer over 600 lines, so take them out of knownLongFiles: \(stale.sorted())")
  }
}

/// Swift source reduced to its code: comments, string literals (plain, multi-line and raw)
/// replaced by spaces, so names in them do not count as uses.
enum SwiftCode {
  static func withoutCommentsAndLiterals(_ text: String) -> String {
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    func at(_ offset: Int) -> UInt8 { i + offset < bytes.count ? bytes[i + offset] : 0 }
    let quote = UInt8(ascii: "\"")
    let slash = UInt8(ascii: "/")
    let star = UInt8(ascii: "*")
    let hash = UInt8(ascii: "#")
    let backslash = UInt8(ascii: "\\")
    let newline = UInt8(ascii: "\n")
    while i < bytes.count {
      let b = bytes[i]
      if b == slash && at(1) == slash {
        while i < bytes.count && bytes[i] != newline { i += 1 }
      } else if b == slash && at(1) == star {
        var depth = 0
        repeat {
          if at(0) == slash && at(1) == star {
            depth += 1
            i += 2
          } else if at(0) == star && at(1) == slash {
            depth -= 1
            i += 2
          } else {
            if bytes[i] == newline { out.append(newline) }
            i += 1
          }
        } while depth > 0 && i < bytes.count
      } else if b == quote || (b == hash && (at(1) == quote || at(1) == hash)) {
        // A string literal: count the #s of a raw string, then find the matching close.
        var hashes = 0
        while at(0) == hash {
          hashes += 1
          i += 1
        }
        guard at(0) == quote else { continue }
        let multiline = at(1) == quote && at(2) == quote
        i += multiline ? 3 : 1
        while i < bytes.count {
          if bytes[i] == backslash && hashes == 0 {
            i += 2
            continue
          }
          if bytes[i] == newline {
            out.append(newline)
            if !multiline {
              i += 1
              break
            }
          }
          if bytes[i] == quote && (!multiline || (at(1) == quote && at(2) == quote)) {
            var close = i + (multiline ? 3 : 1)
            var count = 0
            while count < hashes && close < bytes.count && bytes[close] == hash {
              count += 1
              close += 1
            }
            if count == hashes {
              i = close
              break
            }
          }
          i += 1
        }
        out.append(quote)
        out.append(quote)
      } else {
        out.append(b)
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
