import Foundation

/// A book read from another tool's layout (mdBook, pandoc), ready to be written as an Octavo
/// manuscript: its `book.yaml`, its chapters and the files it keeps (images).
///
/// ```swift
/// let book = try MdBookImporter.read(URL(fileURLWithPath: "mybook"))
/// try book.write(to: URL(fileURLWithPath: "mybook-octavo"))
/// ```
///
/// Reading never writes; ``write(to:)`` writes only into a new or empty folder, so the
/// source is never touched.
package struct ImportedBook: Sendable {
  /// Where a file of the new manuscript comes from.
  package enum Content: Sendable, Equatable {
    /// Made by the importer (`book.yaml`, a chapter split out of a file).
    case text(String)
    /// Copied byte for byte from the source.
    case copy(URL)
  }

  /// The book's metadata, as `book.yaml` will hold it.
  package var metadata = Metadata()
  /// The reading order, as `book.yaml` will list it.
  package var contents: [Entry] = []
  /// Draft chapters (listed in the source, with no file yet), by title: written as a
  /// comment in `book.yaml`, not as chapters.
  package var drafts: [String] = []
  /// Every file of the new manuscript but `book.yaml`: path relative to it → content.
  package var files: [(path: String, content: Content)] = []
  /// What the importer could not carry over, with where it is in the source.
  package var diagnostics: [Diagnostic] = []

  /// The metadata an import carries over.
  package struct Metadata: Sendable, Equatable {
    package var title = ""
    package var subtitle: String?
    package var authors: [String] = []
    package var language: String?
    package var description: String?
    package var date: String?
    package var publisher: String?
    package var rights: String?
  }

  /// An entry of the reading order.
  package enum Entry: Sendable, Equatable {
    /// A chapter file.
    case chapter(String)
    /// A part with its chapter files.
    case part(title: String, chapters: [String])
  }

  /// Creates an empty book.
  package init() {}

  /// The chapter files in reading order.
  package var chapterPaths: [String] {
    contents.flatMap { entry -> [String] in
      switch entry {
      case .chapter(let path): [path]
      case .part(_, let chapters): chapters
      }
    }
  }

  /// The files copied that are not chapters (images and the like).
  package var keptFiles: [String] {
    let chapters = Set(chapterPaths)
    return files.map(\.path).filter { !chapters.contains($0) }
  }

  /// The `book.yaml` of the new manuscript.
  package var bookYAML: String {
    let quoted = ManuscriptScaffold.quoted
    var yaml = "# Imported by octavo import; see docs/manuscript.md for every key.\n"
    yaml += "title: \(quoted(metadata.title.isEmpty ? "Untitled Book" : metadata.title))\n"
    if let subtitle = metadata.subtitle { yaml += "subtitle: \(quoted(subtitle))\n" }
    switch metadata.authors.count {
    case 0: yaml += "# author: \"Your Name\"\n"
    case 1: yaml += "author: \(quoted(metadata.authors[0]))\n"
    default: yaml += "author:\n" + metadata.authors.map { "  - \(quoted($0))\n" }.joined()
    }
    yaml += "language: \(quoted(metadata.language ?? "en"))\n"
    if let date = metadata.date { yaml += "date: \(quoted(date))\n" }
    if let publisher = metadata.publisher { yaml += "publisher: \(quoted(publisher))\n" }
    if let rights = metadata.rights { yaml += "rights: \(quoted(rights))\n" }
    if let description = metadata.description { yaml += "description: \(quoted(description))\n" }
    yaml += "contents:\n"
    for entry in contents {
      switch entry {
      case .chapter(let path):
        yaml += "  - \(quoted(path))\n"
      case .part(let title, let chapters):
        yaml += "  - part: \(quoted(title))\n    chapters:\n"
        yaml += chapters.map { "      - \(quoted($0))\n" }.joined()
      }
    }
    if !drafts.isEmpty {
      yaml += "# Draft chapters in the source, with no file yet:\n"
      yaml += drafts.map { "#   - \($0.replacingOccurrences(of: "\n", with: " "))\n" }.joined()
    }
    return yaml
  }

  /// Writes the manuscript into `folder`, which must be new or empty, and returns the paths
  /// written (relative to it), `book.yaml` first.
  ///
  /// - Throws: ``OctavoError`` when `folder` is a file or holds anything, or a file cannot
  ///   be read or written.
  @discardableResult
  package func write(to folder: URL) throws -> [String] {
    try NewFolder.requireNewOrEmpty(folder)
    try AtomicFile.write(Array(bookYAML.utf8), to: folder.appending(path: "book.yaml"))
    var written = ["book.yaml"]
    for (path, content) in files {
      let bytes: [UInt8]
      switch content {
      case .text(let text):
        bytes = Array(text.utf8)
      case .copy(let source):
        guard let data = FileManager.default.contents(atPath: source.path) else {
          throw OctavoError(.cannotImport, path: source.path, detail: "the file cannot be read")
        }
        bytes = [UInt8](data)
      }
      try AtomicFile.write(bytes, to: folder.appending(path: path))
      written.append(path)
    }
    return written
  }

  /// Whether `path` (as written in Markdown) names a local file: no scheme, no anchor-only
  /// link, not absolute.
  static func isLocal(_ path: String) -> Bool {
    !path.isEmpty && !path.hasPrefix("#") && !path.hasPrefix("/") && !path.contains("://")
      && !path.lowercased().hasPrefix("mailto:") && !path.lowercased().hasPrefix("data:")
  }

  /// The local files a Markdown text refers to (images, links, reference definitions,
  /// `src` attributes), as written, without anchors or titles.
  static func referencedFiles(in markdown: String) -> [String] {
    var found: [String] = []
    let patterns: [Regex<(Substring, Substring)>] = [
      /\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/,
      /(?m)^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/,
      /(?i)\bsrc\s*=\s*["']([^"']+)["']/,
    ]
    for pattern in patterns {
      for match in markdown.matches(of: pattern) {
        var path = String(match.1)
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        path = path.removingPercentEncoding ?? path
        if isLocal(path) { found.append(path) }
      }
    }
    return found
  }

  /// `path` relative to `folder`, normalized (`a/./b/../c` → `a/c`); `nil` when it leads
  /// out of the folder.
  static func normalized(_ path: String, in folder: String) -> String? {
    var parts: [Substring] = folder.isEmpty ? [] : folder.split(separator: "/")
    for part in path.split(separator: "/") {
      switch part {
      case ".": continue
      case "..":
        guard !parts.isEmpty else { return nil }
        parts.removeLast()
      default: parts.append(part)
      }
    }
    return parts.isEmpty ? nil : parts.joined(separator: "/")
  }
}
