import Foundation

/// Reads an mdBook book (`book.toml` and `src/SUMMARY.md`) as an Octavo manuscript.
///
/// From `book.toml`: `[book]` `title`, `authors`, `language`, `description` and `src`
/// (mdBook's default `src`). From `SUMMARY.md`: prefix chapters, part titles (`# Part`),
/// numbered chapters with their sub-chapters (flattened into the reading order), suffix
/// chapters, and draft chapters (`- [Title]()`), which have no file and are listed as a
/// comment in `book.yaml`. Every chapter file is copied at its path under `src`, with every
/// other file under `src` but `SUMMARY.md` and unlisted Markdown (images, data), so relative
/// links and images keep working.
package enum MdBookImporter {
  /// The patterns the importer matches line by line, compiled once (a regex literal in a
  /// loop is built again on every pass).
  enum Pattern {
    nonisolated(unsafe) static let helper = /\{\{\s*#([a-z_]+)[^}]*\}\}/
    nonisolated(unsafe) static let numberedItem = /^\d+\.\s/
    nonisolated(unsafe) static let summaryLink = /\[(.*)\]\(\s*<?([^>)]*)>?\s*\)/
  }

  /// The tables of `book.toml` whose keys are read.
  static let readTables: Set<String> = ["book"]

  /// Reads the mdBook book in `folder`.
  ///
  /// - Throws: ``OctavoError`` (`cannotImport`) when the folder has no `book.toml` or no
  ///   `SUMMARY.md`.
  package static func read(_ folder: URL) throws -> ImportedBook {
    let manager = FileManager.default
    let tomlURL = folder.appending(path: "book.toml")
    guard let tomlData = manager.contents(atPath: tomlURL.path) else {
      throw OctavoError(
        .cannotImport, path: folder.path, detail: "no book.toml: this is not an mdBook book")
    }
    var book = ImportedBook()
    let toml = TOMLSubset(
      String(decoding: tomlData, as: UTF8.self), file: "book.toml", wanted: readTables)
    book.diagnostics += toml.diagnostics
    book.metadata.title = toml["book.title"]?.string ?? ""
    book.metadata.authors = toml["book.authors"]?.strings ?? []
    book.metadata.language = toml["book.language"]?.string
    book.metadata.description = toml["book.description"]?.string
    let sourceName = toml["book.src"]?.string ?? "src"
    let source = folder.appending(path: sourceName).standardizedFileURL
    let summaryURL = source.appending(path: "SUMMARY.md")
    guard let summaryData = manager.contents(atPath: summaryURL.path) else {
      throw OctavoError(
        .cannotImport, path: summaryURL.path,
        detail: "no SUMMARY.md, which gives an mdBook its chapters")
    }
    let summaryFile = sourceName + "/SUMMARY.md"
    let summary = MdBookSummary(String(decoding: summaryData, as: UTF8.self), file: summaryFile)
    book.diagnostics += summary.diagnostics
    if book.metadata.title.isEmpty, let title = summary.title, title.lowercased() != "summary" {
      book.metadata.title = title
    }

    // The reading order: chapters whose files exist, in SUMMARY.md's order.
    var listed: Set<String> = []
    func chapter(_ item: MdBookSummary.Item) -> String? {
      guard let link = item.path else {
        book.drafts.append(item.title)
        book.diagnostics.append(
          Diagnostic(
            .warning, .importDraftChapter,
            "draft chapter '\(item.title)' has no file yet; it is listed as a comment in book.yaml",
            at: SourceLocation(file: summaryFile, line: item.line, column: item.column)))
        return nil
      }
      guard let path = ImportedBook.normalized(link, in: ""),
        LoadPath.isRegularFile(source.appending(path: path))
      else {
        book.diagnostics.append(
          Diagnostic(
            .warning, .importMissingChapter,
            "chapter file '\(link)' does not exist; it is left out",
            at: SourceLocation(file: summaryFile, line: item.line, column: item.column)))
        return nil
      }
      guard listed.insert(path).inserted else { return nil }
      return path
    }
    for section in summary.sections {
      let paths = section.items.compactMap(chapter)
      if let title = section.partTitle {
        if paths.isEmpty {
          book.drafts.append("part: \(title)")
        } else {
          book.contents.append(.part(title: title, chapters: paths))
        }
      } else {
        book.contents += paths.map(ImportedBook.Entry.chapter)
      }
    }

    // Files: the chapters, then every other file under src but SUMMARY.md and unlisted
    // Markdown, sorted so the result does not depend on the file system's order.
    for path in book.chapterPaths {
      let url = source.appending(path: path)
      let text = String(decoding: manager.contents(atPath: url.path) ?? Data(), as: UTF8.self)
      book.diagnostics += preprocessorDirectives(in: text, file: sourceName + "/" + path)
      book.files.append((path, .copy(url)))
    }
    var others: [String] = []
    if let enumerator = manager.enumerator(
      at: source, includingPropertiesForKeys: [.isRegularFileKey],
      options: [.skipsHiddenFiles])
    {
      for case let url as URL in enumerator where LoadPath.isRegularFile(url) {
        let path = String(url.standardizedFileURL.path.dropFirst(source.path.count + 1))
        if path == "SUMMARY.md" || url.pathExtension.lowercased() == "md" { continue }
        others.append(path)
      }
    }
    for path in others.sorted() { book.files.append((path, .copy(source.appending(path: path)))) }
    return book
  }

  /// mdBook's `{{#include …}}`, `{{#playground …}}` and the like, which only mdBook expands.
  static func preprocessorDirectives(in text: String, file: String) -> [Diagnostic] {
    var found: [Diagnostic] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      for match in line.matches(of: Pattern.helper) {
        let column = line.distance(from: line.startIndex, to: match.range.lowerBound) + 1
        found.append(
          Diagnostic(
            .warning, .importPreprocessor,
            "mdBook's {{#\(match.1)}} is not expanded by Octavo; it is kept as text (replace it with what it includes)",
            at: SourceLocation(file: file, line: index + 1, column: column)))
      }
    }
    return found
  }
}

/// File-system questions the importers ask.
enum LoadPath {
  static func isRegularFile(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
      && !isDirectory.boolValue
  }
}

/// mdBook's `SUMMARY.md`: an optional title, prefix chapters, then numbered chapters under
/// optional part titles, then suffix chapters.
struct MdBookSummary {
  /// A chapter entry.
  struct Item {
    var title: String
    /// The file, relative to `src`; `nil` for a draft chapter.
    var path: String?
    var line: Int
    var column: Int
  }

  /// A run of chapters: the prefix chapters, each part (or the numbered chapters before
  /// the first part title), the suffix chapters.
  struct Section {
    var partTitle: String?
    var items: [Item] = []
  }

  /// The summary's title (`# Summary`), when it has one.
  var title: String?
  var sections: [Section] = []
  var diagnostics: [Diagnostic] = []

  init(_ text: String, file: String) {
    var inComment = false
    var sawAnything = false
    var inNumbered = false
    var current = Section()
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      var line = String(rawLine)
      if line.hasSuffix("\r") { line.removeLast() }
      let lineNumber = index + 1
      // HTML comments, on one line or several.
      if inComment {
        if let end = line.range(of: "-->") {
          line = String(line[end.upperBound...])
          inComment = false
        } else {
          continue
        }
      }
      while let start = line.range(of: "<!--") {
        if let end = line.range(of: "-->", range: start.upperBound..<line.endIndex) {
          line.removeSubrange(start.lowerBound..<end.upperBound)
        } else {
          line = String(line[..<start.lowerBound])
          inComment = true
        }
      }
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty { continue }
      if trimmed.allSatisfy({ $0 == "-" || $0 == "*" || $0 == "_" || $0 == " " }),
        trimmed.count >= 3,
        Set(trimmed.filter { $0 != " " }).count == 1
      {
        continue  // a separator
      }
      if trimmed.hasPrefix("#") {
        let heading = trimmed.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
        if !sawAnything {
          title = heading
        } else {
          if !current.items.isEmpty || current.partTitle != nil { sections.append(current) }
          current = Section(partTitle: heading)
          inNumbered = true
        }
        sawAnything = true
        continue
      }
      sawAnything = true
      let indent = line.prefix { $0 == " " || $0 == "\t" }.count
      var body = Substring(trimmed)
      let isListItem =
        body.hasPrefix("- ") || body.hasPrefix("* ") || body.hasPrefix("+ ")
        || body.firstMatch(of: MdBookImporter.Pattern.numberedItem) != nil
      if isListItem {
        body = body.drop { $0 != " " }.drop { $0 == " " }
        if !inNumbered {
          // The prefix chapters end where the numbered ones begin.
          if !current.items.isEmpty { sections.append(current) }
          current = Section()
          inNumbered = true
        }
      } else if inNumbered, current.items.contains(where: { _ in true }) || current.partTitle != nil
      {
        // A plain link after the numbered chapters: the suffix chapters begin.
        sections.append(current)
        current = Section()
        inNumbered = false
      }
      guard let match = body.wholeMatch(of: MdBookImporter.Pattern.summaryLink) else {
        diagnostics.append(
          Diagnostic(
            .warning, .importSummaryLine,
            "not a chapter link ([Title](file.md)); the line is left out",
            at: SourceLocation(file: file, line: lineNumber, column: indent + 1)))
        continue
      }
      var path = String(match.2).trimmingCharacters(in: .whitespaces)
      if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
      path = path.removingPercentEncoding ?? path
      current.items.append(
        Item(
          title: String(match.1), path: path.isEmpty ? nil : path,
          line: lineNumber, column: indent + 1))
    }
    if !current.items.isEmpty || current.partTitle != nil { sections.append(current) }
  }
}
