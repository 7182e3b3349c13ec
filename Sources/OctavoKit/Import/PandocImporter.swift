import Foundation
import Yams

/// Reads a single Markdown file written for pandoc as an Octavo manuscript: its YAML
/// metadata block (or `%` title block) becomes `book.yaml`, and the text is split into one
/// chapter per level-1 heading.
///
/// Metadata carried over: `title`, `subtitle`, `author` (a name, a list of names, or a list
/// of `{name}`), `lang` (or `language`), `date`, `description` (or `abstract`), `publisher`
/// and `rights`; other keys are reported and left out. In the text: footnote definitions
/// move to every chapter that refers to them (pandoc allows them anywhere in the file),
/// inline notes (`^[…]`) become numbered ones, a link to a heading in another chapter
/// (`#id`) names that chapter's file, heading attributes keep only the id, attribute blocks
/// after images go, and the images and other local files referred to are copied at the same
/// relative paths.
package enum PandocImporter {
  /// The patterns the importer matches line by line, compiled once (a regex literal in a
  /// loop is built again on every pass, about 30 µs each).
  enum Pattern {
    nonisolated(unsafe) static let fence = /^(`{3,}|~{3,})/
    nonisolated(unsafe) static let noteDefinition = /^\[\^([^\]]+)\]:/
    nonisolated(unsafe) static let noteReference = /\[\^([^\]]+)\]/
    nonisolated(unsafe) static let atxHeading = /^#{1,6}\s/
    nonisolated(unsafe) static let headingAttributes = /\{[^}]*#([A-Za-z0-9_:.\-]+)[^}]*\}\s*$/
  }

  /// Reads the Markdown file `file`.
  ///
  /// - Throws: ``OctavoError`` (`cannotImport`) when the file cannot be read or is not UTF-8.
  package static func read(_ file: URL) throws -> ImportedBook {
    guard let data = FileManager.default.contents(atPath: file.path) else {
      throw OctavoError(.cannotImport, path: file.path, detail: "the file cannot be read")
    }
    guard case .success(let text) = ManuscriptFile.decode(data) else {
      throw OctavoError(.cannotImport, path: file.path, detail: "the file is not valid UTF-8")
    }
    let name = file.lastPathComponent
    var book = ImportedBook()
    var lines = text.components(separatedBy: "\n")
    var lineOffset = 0
    // The metadata: a YAML block at the top, or a % title block.
    if lines.first?.trimmingCharacters(in: .whitespaces) == "---",
      let end = lines.dropFirst().firstIndex(where: {
        ["---", "..."].contains($0.trimmingCharacters(in: .whitespaces))
      })
    {
      let yaml = lines[1..<end].joined(separator: "\n")
      readMetadata(yaml, into: &book, file: name)
      lineOffset = end + 1
      lines.removeSubrange(0...end)
    } else if lines.first?.hasPrefix("% ") == true {
      var block: [String] = []
      while let line = lines.first, line.hasPrefix("%") {
        block.append(String(line.dropFirst()).trimmingCharacters(in: .whitespaces))
        lines.removeFirst()
        lineOffset += 1
      }
      book.metadata.title = block.first ?? ""
      if block.count > 1 {
        book.metadata.authors = block[1].split(separator: ";").map {
          $0.trimmingCharacters(in: .whitespaces)
        }
        .filter { !$0.isEmpty }
      }
      if block.count > 2, let date = MetadataDecoder.normalizeDate(block[2]) {
        book.metadata.date = date
      }
    }
    if book.metadata.title.isEmpty {
      book.metadata.title = ManuscriptLoader.title(
        fromFileName: (name as NSString).deletingPathExtension)
    }

    // Split at level-1 headings, outside fenced code.
    struct Piece {
      var heading: String?
      var lines: [String] = []
    }
    var pieces = [Piece()]
    var fence: String?
    for (index, line) in lines.enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if let open = fence {
        if trimmed.hasPrefix(open), trimmed.allSatisfy({ $0 == open.first }) { fence = nil }
        pieces[pieces.count - 1].lines.append(line)
        continue
      }
      if let match = trimmed.firstMatch(of: Pattern.fence) {
        fence = String(match.1)
        pieces[pieces.count - 1].lines.append(line)
        continue
      }
      if line.hasPrefix("# ") || line == "#" {
        pieces.append(Piece(heading: line, lines: [line]))
        continue
      }
      // A setext heading: a line of = under a paragraph line.
      if !trimmed.isEmpty, trimmed.allSatisfy({ $0 == "=" }), index > 0,
        let previous = pieces[pieces.count - 1].lines.last,
        !previous.trimmingCharacters(in: .whitespaces).isEmpty,
        pieces[pieces.count - 1].lines.count >= 1
      {
        let heading = pieces[pieces.count - 1].lines.removeLast()
        pieces.append(
          Piece(
            heading: "# " + heading.trimmingCharacters(in: .whitespaces),
            lines: ["# " + heading.trimmingCharacters(in: .whitespaces)]))
        continue
      }
      pieces[pieces.count - 1].lines.append(line)
    }
    if pieces[0].lines.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
      pieces.removeFirst()
    } else {
      // Text before the first heading opens the book under its own title.
      pieces[0].lines.insert(
        "---\ntitle: \(ManuscriptScaffold.quoted(book.metadata.title))\n---", at: 0)
    }

    // File names from the headings; heading ids, to point links at the right chapter.
    var used: Set<String> = []
    var fileNames: [String] = []
    var headingFile: [String: Int] = [:]
    var chapterIDs: Set<String> = []
    for (index, piece) in pieces.enumerated() {
      // The file is named after the heading's id, which is the chapter's id in Octavo.
      var stem =
        piece.heading.map { Slugger.asciiSlug(headingID($0) ?? headingText($0)) } ?? "opening"
      if stem.isEmpty { stem = "chapter-\(index + 1)" }
      var candidate = stem
      var counter = 2
      while used.contains(candidate) {
        candidate = "\(stem)-\(counter)"
        counter += 1
      }
      used.insert(candidate)
      fileNames.append(candidate + ".md")
      for line in piece.lines where line.hasPrefix("#") {
        if let id = headingID(line) { headingFile[id] = index }
      }
      if let heading = piece.heading, let id = headingID(heading) {
        chapterIDs.insert(id)
        // The chapter's id stands for its title heading: no second id on it.
        pieces[index].lines[0] = "# " + headingText(heading)
      }
    }

    // Footnote definitions, wherever they are, by label.
    var definitions: [String: String] = [:]
    var bodies: [String] = []
    var inlineCount = 0
    for piece in pieces {
      var kept: [String] = []
      var current: (label: String, lines: [String])?
      func finish() {
        if let current { definitions[current.label] = current.lines.joined(separator: "\n") }
        current = nil
      }
      var inFence = false
      for line in piece.lines {
        if line.trimmingCharacters(in: .whitespaces).hasPrefix("```")
          || line.trimmingCharacters(in: .whitespaces).hasPrefix("~~~")
        {
          inFence.toggle()
        }
        if !inFence, let match = line.firstMatch(of: Pattern.noteDefinition) {
          finish()
          current = (String(match.1), [line])
          continue
        }
        if current != nil,
          line.hasPrefix("    ") || line.hasPrefix("\t")
            || line.trimmingCharacters(in: .whitespaces).isEmpty
        {
          current!.lines.append(line)
          continue
        }
        finish()
        kept.append(line)
      }
      finish()
      bodies.append(kept.joined(separator: "\n"))
    }

    let sourceFolder = file.deletingLastPathComponent()
    var copied: Set<String> = []
    for (index, var body) in bodies.enumerated() {
      // Inline notes become numbered notes.
      var inlineNotes: [(String, String)] = []
      body = body.replacing(/\^\[([^\[\]]+)\]/) { match in
        inlineCount += 1
        let label = "inline-\(inlineCount)"
        inlineNotes.append((label, String(match.1)))
        return "[^\(label)]"
      }
      // Heading attributes keep only the id; attribute blocks after images and links go.
      body = body.replacing(/(?m)^(#{1,6}\s.*?)\s*\{([^}]*)\}\s*$/) { match in
        let id = match.2.split(separator: " ").first { $0.hasPrefix("#") }
        return String(match.1) + (id.map { " {\($0)}" } ?? "")
      }
      body = body.replacing(/(\]\([^)]*\))\{[^}\n]*\}/) { match in String(match.1) }
      // Links to headings in other chapters name the chapter's file.
      body = body.replacing(/\]\(#([^)\s]+)\)/) { match in
        let id = String(match.1)
        guard let target = headingFile[id] else { return String(match.0) }
        // A chapter's title heading is the chapter's start.
        if chapterIDs.contains(id) { return "](\(fileNames[target]))" }
        return target != index ? "](\(fileNames[target])#\(id))" : String(match.0)
      }
      // The notes this chapter refers to.
      let labels = body.matches(of: Pattern.noteReference).map { String($0.1) }
      var notes: [String] = []
      var seen: Set<String> = []
      for label in labels where seen.insert(label).inserted {
        if let definition = definitions[label] { notes.append(definition) }
      }
      notes += inlineNotes.map { "[^\($0.0)]: \($0.1)" }
      var chapter = body.trimmingCharacters(in: .newlines) + "\n"
      if !notes.isEmpty {
        chapter += "\n" + notes.joined(separator: "\n\n").trimmingCharacters(in: .newlines) + "\n"
      }
      // Headings other chapters link to get the id the links use.
      chapter = explicitIDs(
        chapter, targets: Set(headingFile.filter { $0.value == index }.keys).subtracting(chapterIDs)
      )
      book.files.append((fileNames[index], .text(chapter)))
      book.contents.append(.chapter(fileNames[index]))

      // The local files it refers to, copied at the same relative path.
      for reference in ImportedBook.referencedFiles(in: chapter)
      where !reference.lowercased().hasSuffix(".md") {
        guard let path = ImportedBook.normalized(reference, in: "") else {
          book.diagnostics.append(
            Diagnostic(
              .warning, .importFileOutside,
              "'\(reference)' is outside the folder of \(name); it is not copied (move it next to the file)",
              at: SourceLocation(file: name)))
          continue
        }
        let url = sourceFolder.appending(path: path)
        guard LoadPath.isRegularFile(url), copied.insert(path).inserted, !fileNames.contains(path)
        else { continue }
        book.files.append((path, .copy(url)))
      }
    }
    _ = lineOffset
    return book
  }

  /// The text of an ATX heading line, without its marks and attributes.
  static func headingText(_ line: String) -> String {
    var text = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
    if let brace = text.range(of: #"\s*\{[^}]*\}\s*$"#, options: .regularExpression) {
      text.removeSubrange(brace)
    }
    return text
  }

  /// A heading's id as pandoc gives it: the `{#id}` written, else pandoc's identifier
  /// (lowercase, letters, digits, `_-.` kept, spaces to hyphens, up to the first letter
  /// dropped).
  static func headingID(_ line: String) -> String? {
    guard line.firstMatch(of: Pattern.atxHeading) != nil else { return nil }
    if let match = line.firstMatch(of: Pattern.headingAttributes) {
      return String(match.1)
    }
    let text = headingText(line).lowercased()
    var id = ""
    for character in text {
      if character.isLetter || character.isNumber || "_-.".contains(character) {
        id.append(character)
      } else if character.isWhitespace {
        id.append("-")
      }
    }
    id = String(id.drop { !$0.isLetter })
    return id.isEmpty ? nil : id
  }

  /// `chapter` with `{#id}` added to the headings whose pandoc id is in `targets` and that
  /// have none written.
  static func explicitIDs(_ chapter: String, targets: Set<String>) -> String {
    guard !targets.isEmpty else { return chapter }
    var inFence = false
    return chapter.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
      let text = String(line)
      if text.trimmingCharacters(in: .whitespaces).hasPrefix("```") { inFence.toggle() }
      guard !inFence, !text.contains("{#"), let id = headingID(text), targets.contains(id) else {
        return text
      }
      return text + " {#\(id)}"
    }.joined(separator: "\n")
  }

  /// Carries the metadata over; reports keys with no place in `book.yaml`.
  static func readMetadata(_ yaml: String, into book: inout ImportedBook, file: String) {
    guard let node = try? Yams.compose(yaml: yaml), case .mapping(let mapping) = node else {
      book.diagnostics.append(
        Diagnostic(
          .warning, .importMetadataKey,
          "the metadata block is not a YAML mapping; it is left out",
          at: SourceLocation(file: file, line: 1, column: 1)))
      return
    }
    func text(_ node: Node) -> String? {
      switch node {
      case .scalar(let scalar): scalar.string
      case .sequence(let items): items.compactMap { text($0) }.joined(separator: " ")
      case .mapping(let map): map["name"].flatMap { text($0) } ?? map["text"].flatMap { text($0) }
      default: nil
      }
    }
    for (key, value) in mapping {
      guard let name = key.string else { continue }
      switch name {
      case "title": book.metadata.title = text(value) ?? ""
      case "subtitle": book.metadata.subtitle = text(value)
      case "author", "authors":
        if case .sequence(let items) = value {
          book.metadata.authors = items.compactMap { text($0) }
        } else if let one = text(value) {
          book.metadata.authors = [one]
        }
      case "lang", "language":
        if let tag = text(value), MetadataDecoder.isValidLanguageTag(tag) {
          book.metadata.language = tag
        }
      case "date":
        book.metadata.date = text(value).flatMap(MetadataDecoder.normalizeDate)
      case "description", "abstract":
        book.metadata.description = text(value)?.trimmingCharacters(in: .whitespacesAndNewlines)
      case "publisher": book.metadata.publisher = text(value)
      case "rights": book.metadata.rights = text(value)
      default:
        let line = (key.mark?.line ?? 0) + 1
        book.diagnostics.append(
          Diagnostic(
            .warning, .importMetadataKey,
            "metadata key '\(name)' has no place in book.yaml; it is left out",
            at: SourceLocation(file: file, line: line, column: key.mark?.column ?? 1)))
      }
    }
  }
}
