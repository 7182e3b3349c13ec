import Foundation

extension ManuscriptLoader {
  /// Parses the text of one chapter file: its front matter, its Markdown, its title.
  mutating func parseChapter(_ text: String, relative: String, digest: [UInt8])
    -> ParsedChapter
  {
    let frontMatter = FrontMatter(splitting: text)
    if frontMatter.yaml == nil, text.hasPrefix("+++\n") {
      diagnostics.append(
        Diagnostic(
          .warning, .badFrontMatter,
          "TOML front matter (+++) is not read; write YAML between --- lines",
          at: SourceLocation(file: relative)))
    }
    var title: String?
    var type = ChapterType.chapter
    var explicitID: String?
    var typography = true
    var runningHead: String?
    if let yaml = frontMatter.yaml, !yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      let (document, syntaxError) = YAMLDocument.parse(yaml, file: relative, lineOffset: 1)
      if let syntaxError { diagnostics.append(syntaxError) }
      if let document, let root = document.root {
        if case .mapping(let mapping) = root {
          for (key, value) in mapping {
            switch key.string {
            case "title": title = value.string
            case "id": explicitID = value.string
            case "running-head": runningHead = value.string?.collapsingWhitespace
            case "typography":
              if let flag = value.bool {
                typography = flag
              } else {
                diagnostics.append(
                  Diagnostic(
                    .warning, .badFrontMatter, "typography must be true or false",
                    at: document.location(of: value)))
              }
            case "type":
              if let name = value.string, let parsed = ChapterType(rawValue: name.lowercased()) {
                type = parsed
              } else {
                diagnostics.append(
                  Diagnostic(
                    .warning, .badFrontMatter,
                    "unknown chapter type '\(value.string ?? "")'; using chapter (the types are \(ChapterType.allCases.map(\.rawValue).joined(separator: ", ")))",
                    at: document.location(of: value)))
              }
            case let key? where Self.foreignFrontMatterKeys.contains(key.lowercased()):
              continue
            default:
              var message = "unknown front matter key '\(key.string ?? "")'"
              if let suggestion = MetadataDecoder.suggestion(
                for: key.string ?? "", among: ["title", "id", "type", "typography", "running-head"])
              {
                message += "; did you mean '\(suggestion)'?"
              }
              diagnostics.append(
                Diagnostic(
                  .warning, .unknownKey, message,
                  at: document.location(of: key)))
            }
          }
        } else {
          diagnostics.append(
            Diagnostic(
              .error, .badFrontMatter,
              "front matter must be a mapping (title:, type:, id:)",
              at: document.location(of: root)))
        }
      }
    }
    // Stops at the first letter: no copy of the whole text.
    if frontMatter.markdown.unicodeScalars.allSatisfy(\.properties.isWhitespace), title == nil {
      diagnostics.append(
        Diagnostic(
          .error, .emptyChapter, "chapter '\(relative)' is empty",
          at: SourceLocation(file: relative)))
    }

    let parser = MarkdownParser(file: relative, lineOffset: frontMatter.lineCount)
    let parsed = parser.parse(frontMatter.markdown)
    diagnostics += parsed.diagnostics

    let stem =
      (relative as NSString).deletingPathExtension.split(separator: "/").last.map(String.init)
      ?? relative
    var chapter = Chapter(id: "", path: relative, title: "", type: type, blocks: parsed.blocks)
    chapter.sourceDigest = digest
    let headings = chapter.headings
    let titleHeading = headings.firstIndex {
      !Inline.plainText($0.content).collapsingWhitespace.isEmpty
    }
    if let title = title.map(\.collapsingWhitespace), !title.isEmpty {
      chapter.title = title
      chapter.titleHeadingIndex = chapter.startsWithTitleHeading ? 0 : nil
    } else if let rawTitle = Self.rawHTMLTitle(before: chapter.blocks) {
      chapter.title = rawTitle
      chapter.isTitleFromHeading = true
      chapter.isTitleFromRawHTML = true
    } else if let index = titleHeading {
      chapter.title = headings[index].plainText.collapsingWhitespace
      chapter.isTitleFromHeading = true
      chapter.titleHeadingIndex = index
      let heading = headings[index]
      if heading.level > 1 {
        let at =
          chapter.blocks.first { block in
            if case .heading(let found) = block.kind { return found.id == heading.id }
            return false
          }?.range.start ?? SourceLocation(file: relative)
        diagnostics.append(
          Diagnostic(
            .warning, .titleGuessed,
            "chapter '\(relative)' has no level-1 heading: its title '\(chapter.title)' was taken from a level-\(heading.level) heading; start the chapter with '# Title' or set title: in its front matter",
            at: at))
      }
      Self.hoistTitleHeading(&chapter)
    } else {
      chapter.title = Self.title(fromFileName: stem)
      // Not for an empty chapter or one that could not be parsed (reported already), nor
      // for the short pages, which print no title.
      if ![.dedication, .epigraph, .halftitlepage, .copyrightPage].contains(type),
        !diagnostics.contains(where: { $0.severity == .error }),
        !chapter.blocks.isEmpty
      {
        diagnostics.append(
          Diagnostic(
            .warning, .titleGuessed,
            "chapter '\(relative)' has no heading: its title '\(chapter.title)' was made from the file name; start the chapter with '# Title' or set title: in its front matter",
            at: SourceLocation(file: relative)))
      }
    }
    chapter.typography = typography
    chapter.runningHead = runningHead.flatMap { $0.isEmpty ? nil : $0 }
    chapter.footnotes = parsed.footnoteDefinitions.map {
      Footnote(label: $0.label, number: 0, blocks: $0.blocks, range: $0.range)
    }
    chapter.mayHoldRawHTML = parsed.mayHoldRawHTML
    return ParsedChapter(
      chapter: chapter, explicitID: explicitID, diagnostics: diagnostics,
      mayHoldMath: parsed.mayHoldMath)
  }
}
