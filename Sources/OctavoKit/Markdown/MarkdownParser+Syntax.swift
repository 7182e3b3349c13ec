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
    let trimmed = line.drop { $0 == " " }
    guard line.utf8.count - trimmed.utf8.count <= 3, trimmed.hasPrefix("[^"),
      let close = trimmed.firstIndex(of: "]")
    else { return nil }
    let label = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<close]
    let after = trimmed[trimmed.index(after: close)...]
    guard !label.isEmpty, after.hasPrefix(":") else { return nil }
    return String(label)
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
}
