// Where a sanitizer note was written: the raw HTML piece, line and column of the element or
// attribute it names.

extension HTMLSanitizer {
  /// Where the raw HTML that a sanitizer note speaks of was written: the first piece that
  /// holds the element or attribute it names, else the first piece.
  static func locate(_ note: String, in pieces: [(String, SourceLocation)]) -> SourceLocation? {
    var needles: [String] = []
    if let open = note.firstIndex(of: "<"), let close = note[open...].firstIndex(of: ">") {
      needles.append(note[open..<close].lowercased())
    }
    if note.contains("on* event") { needles.append(" on") }
    if note.contains("javascript:") { needles.append("javascript:") }
    if note.contains("file: URL") { needles.append("file:") }
    if note.contains("cite attribute") { needles.append("cite=") }
    if note.contains("style attribute") { needles.append("style=") }
    if let range = note.range(
      of: #"dropped (invalid )?([a-z-]+) attribute"#, options: .regularExpression)
    {
      let words = note[range].split(separator: " ")
      if words.count >= 2 { needles.append(" " + words[words.count - 2]) }
    }
    if let quote = note.firstIndex(of: "\""),
      let end = note[note.index(after: quote)...].firstIndex(of: "\"")
    {
      needles.append(String(note[note.index(after: quote)..<end]))
    }
    for needle in needles {
      for (raw, start) in pieces {
        guard let range = raw.lowercased().range(of: needle) else { continue }
        // A needle such as " on" starts at the space before the attribute it finds.
        let skip = needle.hasPrefix(" ") ? 1 : 0
        return position(
          of: raw.lowercased()[..<raw.lowercased().index(range.lowerBound, offsetBy: skip)],
          from: start)
      }
    }
    return pieces.first?.1
  }

  /// Where the text after `prefix` stands, when `prefix` starts at `start`: lines counted,
  /// the column in UTF-8 bytes, as compilers count.
  static func position(of prefix: Substring, from start: SourceLocation) -> SourceLocation {
    var location = start
    guard let lastBreak = prefix.utf8.lastIndex(of: 10) else {
      location.column += prefix.utf8.count
      return location
    }
    location.line += prefix.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
    location.column =
      prefix.utf8.distance(from: prefix.utf8.index(after: lastBreak), to: prefix.utf8.endIndex) + 1
    return location
  }
}
