import Foundation

/// References to numbered elements, written as pandoc-crossref and Quarto read them:
/// `@fig:arch`, `[@fig:arch]`, `[@fig:a; @tbl:b]`, `[-@fig:arch]` (the number alone),
/// `@fig-arch`, and LaTeX's `\ref{fig:arch}` and `\eqref{eq:energy}`. Each becomes a link
/// with the target's number ("Figure 3.2") into whichever chapter holds it. A plain `@name`
/// or a citation (`[@smith2020]`) is left as it is written.
extension BookTransformer {
  /// One reference found in a text: where it is and what it names.
  struct ReferenceMatch {
    /// The labels named, in order, with whether each is shown as its number alone (`-@`).
    var items: [(label: String, numberOnly: Bool)]
    /// The range of the whole reference in the text, in UTF-8 offsets.
    var range: Range<Int>
    /// How it is written.
    var form: Form = .pandoc

    enum Form {
      /// `@fig:a`, `[@fig:a]`, `[-@fig:a]`.
      case pandoc
      /// `\ref{fig:a}`: the number alone, as LaTeX shows it.
      case ref
      /// `\eqref{eq:a}`: the number in parentheses.
      case eqref
    }
  }

  /// Whether `text` may hold a reference: an `@` or a backslash, read as bytes.
  static func mayHoldReference(_ text: String) -> Bool {
    text.withUTF8Buffer { bytes in
      guard let base = bytes.baseAddress else { return false }
      return memchr(base, 0x40, bytes.count) != nil || memchr(base, 0x5C, bytes.count) != nil
    }
  }

  /// The references in `text`, in order.
  static func referenceMatches(in text: String) -> [ReferenceMatch] {
    let bytes = Array(text.utf8)
    var matches: [ReferenceMatch] = []
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "["), let match = bracketed(bytes, at: index) {
        matches.append(match)
        index = match.range.upperBound
      } else if byte == UInt8(ascii: "["), let end = citationEnd(bytes, at: index) {
        // A citation (`[@smith2020; @fig:a]`) is left whole, references and all.
        index = end
      } else if byte == UInt8(ascii: "@"), index == 0 || !isLabelByte(bytes[index - 1]),
        index == 0 || bytes[index - 1] != UInt8(ascii: "@"),
        let end = labelEnd(bytes, from: index + 1)
      {
        let label = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
        matches.append(ReferenceMatch(items: [(label, false)], range: index..<end))
        index = end
      } else if byte == UInt8(ascii: "\\"), let match = latexReference(bytes, at: index) {
        matches.append(match)
        index = match.range.upperBound
      } else {
        index += 1
      }
    }
    return matches
  }

  /// A letter, digit or `_` (any byte of a multi-byte character counts as a letter).
  static func isLabelByte(_ byte: UInt8) -> Bool {
    byte >= 0x80 || byte == UInt8(ascii: "_") || (byte >= 0x30 && byte <= 0x39)
      || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
  }

  /// Where a label with one of the five prefixes that starts at `start` ends: letters,
  /// digits, `_`, and `:` `-` `.` between them; nil when no such label starts there.
  static func labelEnd(_ bytes: [UInt8], from start: Int) -> Int? {
    var end = start
    var lastWord = start
    while end < bytes.count {
      let byte = bytes[end]
      if isLabelByte(byte) {
        end += 1
        lastWord = end
      } else if byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")
        || byte == UInt8(ascii: ".")
      {
        end += 1
      } else {
        break
      }
    }
    guard lastWord > start else { return nil }
    let label = String(decoding: bytes[start..<lastWord], as: UTF8.self)
    return LabelKind(label: label) != nil ? lastWord : nil
  }

  /// `[@fig:a]`, `[-@fig:a]`, `[@fig:a; @tbl:b]` at `start`: every item must be a label with
  /// one of the five prefixes, or the brackets are a citation and stay text.
  static func bracketed(_ bytes: [UInt8], at start: Int) -> ReferenceMatch? {
    guard let close = bytes[start...].firstIndex(of: UInt8(ascii: "]")),
      bytes[(start + 1)..<close].contains(UInt8(ascii: "@")),
      !bytes[(start + 1)..<close].contains(UInt8(ascii: "["))
    else { return nil }
    let inside = String(decoding: bytes[(start + 1)..<close], as: UTF8.self)
    var items: [(String, Bool)] = []
    for part in inside.split(separator: ";", omittingEmptySubsequences: false) {
      var item = Substring(part.trimmingCharacters(in: .whitespaces))
      let numberOnly = item.hasPrefix("-")
      if numberOnly { item = item.dropFirst() }
      guard item.hasPrefix("@") else { return nil }
      let label = Array(item.dropFirst().utf8)
      guard labelEnd(label, from: 0) == label.count else { return nil }
      items.append((String(item.dropFirst()), numberOnly))
    }
    return ReferenceMatch(items: items, range: start..<(close + 1))
  }

  /// Where brackets that open at `start` and hold an `@` close, for a citation.
  static func citationEnd(_ bytes: [UInt8], at start: Int) -> Int? {
    guard let close = bytes[start...].firstIndex(of: UInt8(ascii: "]")),
      bytes[(start + 1)..<close].contains(UInt8(ascii: "@"))
    else { return nil }
    return close + 1
  }

  /// `\ref{label}` or `\eqref{label}` at `start`.
  static func latexReference(_ bytes: [UInt8], at start: Int) -> ReferenceMatch? {
    for (command, form) in [("\\eqref{", ReferenceMatch.Form.eqref), ("\\ref{", .ref)] {
      let head = Array(command.utf8)
      guard bytes.count > start + head.count, Array(bytes[start..<(start + head.count)]) == head,
        let close = bytes[(start + head.count)...].firstIndex(of: UInt8(ascii: "}"))
      else { continue }
      let label = Array(bytes[(start + head.count)..<close])
      guard labelEnd(label, from: 0) == label.count else { return nil }
      var match = ReferenceMatch(
        items: [(String(decoding: label, as: UTF8.self), true)], range: start..<(close + 1))
      match.form = form
      return match
    }
    return nil
  }

  /// `text` with its references made links; nil when it holds none.
  mutating func resolveReferences(
    in text: String, at range: SourceRange, words: LabelWords
  ) -> [Inline]? {
    let matches = Self.referenceMatches(in: text)
    guard !matches.isEmpty else { return nil }
    let bytes = Array(text.utf8)
    var result: [Inline] = []
    var position = 0
    func location(_ offset: Int) -> SourceLocation {
      var location = range.start
      if range.end.line == location.line { location.column += offset }
      return location
    }
    for match in matches {
      if match.range.lowerBound > position {
        result.append(
          Inline(
            .text(String(decoding: bytes[position..<match.range.lowerBound], as: UTF8.self)),
            range: range))
      }
      let written = String(decoding: bytes[match.range], as: UTF8.self)
      var resolved: [(CrossReferenceIndex.Target, Bool)] = []
      var searchFrom = match.range.lowerBound
      for (label, numberOnly) in match.items {
        // Each diagnostic points at its item's `@` (at the backslash of `\ref{…}`).
        let labelStart =
          bytes[searchFrom..<match.range.upperBound].firstRange(of: Array(label.utf8))?
          .lowerBound ?? searchFrom
        searchFrom = labelStart + label.utf8.count
        let at = location(match.form == .pandoc ? labelStart - 1 : match.range.lowerBound)
        if let target = target(of: label, at: at) { resolved.append((target, numberOnly)) }
      }
      if resolved.count == match.items.count {
        result += referenceInlines(resolved, form: match.form, words: words, range)
      } else {
        result.append(Inline(.text(written), range: range))
      }
      position = match.range.upperBound
    }
    if position < bytes.count {
      result.append(
        Inline(.text(String(decoding: bytes[position...], as: UTF8.self)), range: range))
    }
    return result
  }

  /// The element `label` names, reporting a label the book does not have or whose prefix
  /// does not match the element.
  private mutating func target(of label: String, at location: SourceLocation)
    -> CrossReferenceIndex.Target?
  {
    let kind = LabelKind(label: label)
    if let target = crossReferences[label] {
      if let kind, kind != target.kind {
        diagnostics.append(
          Diagnostic(
            .warning, .referenceWrongKind,
            "'\(label)' refers to a \(Self.noun(target.kind)), not a \(Self.noun(kind)); it is shown as one",
            at: location))
      }
      return target
    }
    if let target = crossReferences.sameName(as: label), let kind {
      diagnostics.append(
        Diagnostic(
          .warning, .referenceWrongKind,
          "no \(Self.noun(kind)) is labelled '\(label)', but the \(Self.noun(target.kind)) '\(target.label)' is; the reference leads there",
          at: location))
      return target
    }
    var message = "no \(kind.map(Self.noun) ?? "element") is labelled '\(label)'"
    if let suggestion = crossReferences.suggestion(for: label) {
      message += "; did you mean '\(suggestion)'?"
    }
    diagnostics.append(
      Diagnostic(
        .warning, .unknownLabel, message + " (the reference is shown as text)", at: location))
    return nil
  }

  static func noun(_ kind: LabelKind) -> String {
    switch kind {
    case .figure: "figure"
    case .table: "table"
    case .listing: "listing"
    case .section: "section"
    case .equation: "equation"
    }
  }

  /// The inlines of resolved references: "Figure 3.2"; "3.2" alone; "Figures 3.1 and 3.2"
  /// when several of one kind are named together; each number a link to its element.
  private func referenceInlines(
    _ targets: [(CrossReferenceIndex.Target, Bool)], form: ReferenceMatch.Form,
    words: LabelWords,
    _ range: SourceRange
  ) -> [Inline] {
    func link(_ target: CrossReferenceIndex.Target, _ text: String) -> Inline {
      Inline(
        .link(
          Link(
            destination: "#" + target.id, content: [Inline(.text(text), range: range)],
            target: .chapter(id: target.chapterID, fragment: target.id),
            isCrossReference: true)), range: range)
    }
    func shown(_ target: CrossReferenceIndex.Target, numberOnly: Bool) -> String {
      guard let number = target.number else { return target.title }
      switch form {
      case .eqref: return "(" + number + ")"
      case .ref: return number
      case .pandoc: return numberOnly ? LabelWords.shown(target.kind, number) : target.title
      }
    }
    let kinds = Set(targets.map(\.0.kind))
    if targets.count > 1, kinds.count == 1, let kind = kinds.first, kind != .section,
      targets.allSatisfy({ !$0.1 }), let plural = words.plural[kind]
    {
      var inlines = [Inline(.text(plural + "\u{A0}"), range: range)]
      for (index, (target, _)) in targets.enumerated() {
        if index > 0 {
          let separator = index == targets.count - 1 ? " " + words.and + " " : ", "
          inlines.append(Inline(.text(separator), range: range))
        }
        inlines.append(link(target, LabelWords.shown(kind, target.number ?? "")))
      }
      return inlines
    }
    var inlines: [Inline] = []
    for (index, (target, numberOnly)) in targets.enumerated() {
      if index > 0 { inlines.append(Inline(.text(", "), range: range)) }
      inlines.append(link(target, shown(target, numberOnly: numberOnly)))
    }
    return inlines
  }
}

extension BookTransformer {
  /// Reports each label left in running text (`{#fig:x}` after an image inside a sentence,
  /// or on a line of its own): nothing there can be numbered.
  mutating func reportStrayLabels(in text: String, at range: SourceRange) {
    guard text.utf8Contains(UInt8(ascii: "#")) else { return }
    let bytes = Array(text.utf8)
    var index = 0
    while index + 2 < bytes.count {
      defer { index += 1 }
      guard bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "#"),
        let end = Self.labelEnd(bytes, from: index + 2)
      else { continue }
      let rest = bytes[end...].prefix { $0 != UInt8(ascii: "}") }
      guard end + rest.count < bytes.count, !rest.contains(UInt8(ascii: "{")) else { continue }
      var location = range.start
      if range.end.line == location.line { location.column += index }
      labelOnNothing(
        String(decoding: bytes[(index + 2)..<end], as: UTF8.self),
        "running text (only a figure alone in its paragraph, a table, a code block, a heading or an equation can take a label)",
        at: location)
    }
  }
}
