import Foundation

/// What the parser reads in the text cmark-gfm gives it: fence info strings, footnote definition
/// lines, GitHub alerts and heading attributes.
extension MarkdownParser {
  /// The language a fenced code block's info string names: its first word (`swift`,
  /// `rust,ignore` → `rust`), or in pandoc's attribute form the first class
  /// (`{.python}`, `{#listing .haskell}`). A `{=format}` raw block names none.
  static func language(fromInfo info: String) -> String? {
    let trimmed = info.trimmingCharacters(in: .whitespaces)
    if trimmed.hasPrefix("{") {
      let tokens = trimmed.dropFirst().split(whereSeparator: { $0 == " " || $0 == "}" })
      return tokens.first { $0.hasPrefix(".") && $0.count > 1 }.map { String($0.dropFirst()) }
    }
    return trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" || $0 == "," })
      .first.map(String.init)
  }

  /// The label of a footnote definition that starts `line` (`[^label]: …`), if any.
  static func footnoteDefinitionLabel(_ line: Substring) -> String? {
    guard mayDefineFootnote(line) else { return nil }
    let trimmed = line.drop { $0 == " " }
    guard line.utf8.count - trimmed.utf8.count <= 3, trimmed.hasPrefix("[^"),
      let close = trimmed.firstIndex(of: "]")
    else { return nil }
    let label = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<close]
    let after = trimmed[trimmed.index(after: close)...]
    guard !label.isEmpty, after.hasPrefix(":") else { return nil }
    return String(label)
  }

  /// Whether `line`'s bytes start with at most three spaces and `[^`, which every line
  /// ``footnoteDefinitionLabel(_:)`` reads a label from does: the rest are told from their
  /// first bytes, without stepping through characters.
  static func mayDefineFootnote(_ line: Substring) -> Bool {
    var spaces = 0
    var opened = false
    for byte in line.utf8 {
      if opened { return byte == UInt8(ascii: "^") }
      switch byte {
      case UInt8(ascii: " ") where spaces < 3: spaces += 1
      case UInt8(ascii: "["): opened = true
      default: return false
      }
    }
    return false
  }

  /// A GitHub alert, when a quote's first paragraph starts with `[!NOTE]` (or another kind)
  /// alone on its line.
  static func alert(from blocks: [Block]) -> Alert? {
    guard let first = blocks.first, case .paragraph(var inlines) = first.kind,
      let marker = inlines.first, case .text(let text) = marker.kind,
      text.hasPrefix("[!"), let close = text.firstIndex(of: "]"),
      let kind = Alert.Kind(
        rawValue: text[text.index(text.startIndex, offsetBy: 2)..<close].lowercased()),
      text[text.index(after: close)...].allSatisfy(\.isWhitespace)
    else { return nil }
    inlines.removeFirst()
    if let next = inlines.first, case .softBreak = next.kind { inlines.removeFirst() }
    var rest = Array(blocks.dropFirst())
    if !inlines.isEmpty {
      var paragraph = first
      paragraph.kind = .paragraph(inlines)
      rest.insert(paragraph, at: 0)
    }
    return Alert(kind: kind, blocks: rest)
  }

  /// Removes a trailing attribute block from a heading's text and returns its id: `{#id}`,
  /// and the pandoc and kramdown forms `{#id .class key=value}`, `{-}` and `{.unnumbered}`
  /// (classes and the rest are dropped).
  static func takeExplicitID(from content: inout [Inline]) -> String? {
    guard let last = content.last, case .text(let text) = last.kind,
      let (before, id) = trailingAttributes(text),
      id.map({ !$0.contains("{") && !$0.contains("}") }) ?? true
    else { return nil }
    if before.isEmpty {
      content.removeLast()
      if let previous = content.last, case .text(let t) = previous.kind {
        content[content.count - 1].kind = .text(trimmingTrailingSpaces(t))
      }
    } else {
      content[content.count - 1].kind = .text(before)
    }
    return id
  }

  static func trimmingTrailingSpaces(_ text: String) -> String {
    var result = Substring(text)
    while let last = result.last, last == " " || last == "\t" { result.removeLast() }
    return String(result)
  }

  /// The id a ` ```math ` fence's attributes give (`math {#eq:id}`, `{.math #eq:id}`), if any.
  static func fenceLabel(_ info: String) -> String? {
    guard let open = info.firstIndex(of: "{"), let close = info.lastIndex(of: "}"), open < close
    else { return nil }
    return info[info.index(after: open)..<close]
      .split(whereSeparator: { $0 == " " || $0 == "\t" })
      .first { $0.hasPrefix("#") && $0.count > 1 }.map { String($0.dropFirst()) }
  }

  /// The label of the footnote definition on `line` whose content starts at the 1-based byte
  /// `column` (after `[^label]:` and its spaces), or nil when the line does not read so.
  static func definitionLabel(_ line: Substring, before column: Int) -> String? {
    var prefix = line.utf8.prefix(column - 1)
    while let last = prefix.last, last == 32 || last == 9 { prefix.removeLast() }
    guard prefix.count >= 2, prefix.removeLast() == UInt8(ascii: ":"),
      prefix.removeLast() == UInt8(ascii: "]")
    else { return nil }
    // The label holds no `]`, space or tab; before it stand `[^` and container markers.
    let token = Array(
      prefix.reversed().prefix { $0 != 32 && $0 != 9 && $0 != UInt8(ascii: "]") }.reversed())
    guard
      let open = token.indices.dropLast().first(where: {
        token[$0] == UInt8(ascii: "[") && token[$0 + 1] == UInt8(ascii: "^")
      }), open + 2 < token.count
    else { return nil }
    return String(decoding: token[(open + 2)...], as: UTF8.self)
  }

  /// Warnings for the footnote definitions in `lines` (outside the code lines) that nothing
  /// refers to: cmark-gfm drops them, so they are found in the source.
  func unusedDefinitions(
    in lines: [Substring], outside codeLines: IndexSet, defined: Set<String>
  ) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for (index, line) in lines.enumerated()
    where Self.mayDefineFootnote(line) && !codeLines.contains(index + 1) {
      guard let label = Self.footnoteDefinitionLabel(line), !defined.contains(label) else {
        continue
      }
      let column = line.utf8.prefix { $0 == 32 }.count + 1
      diagnostics.append(
        Diagnostic(
          .warning, .unusedFootnote, "footnote '\(label)' is never referenced; it is left out",
          at: SourceLocation(file: file, line: index + 1 + lineOffset, column: column)))
    }
    return diagnostics
  }

  /// `inlines` with adjacent text runs merged (cmark splits text at brackets and entities).
  static func mergingTextRuns(_ inlines: [Inline]) -> [Inline] {
    var merged: [Inline] = []
    merged.reserveCapacity(inlines.count)
    for item in inlines {
      if case .text(let next) = item.kind, let last = merged.last,
        case .text(let previous) = last.kind
      {
        merged[merged.count - 1].kind = .text(previous + next)
      } else {
        merged.append(item)
      }
    }
    return merged
  }

  /// The C string at `pointer`, or an empty string.
  static func string(_ pointer: UnsafePointer<CChar>?) -> String {
    pointer.map { String(cString: $0) } ?? ""
  }

  /// The C string at `pointer`, or nil when there is none or it is empty.
  static func optionalString(_ pointer: UnsafePointer<CChar>?) -> String? {
    guard let pointer, pointer.pointee != 0 else { return nil }
    return String(cString: pointer)
  }
}
