/// The raw HTML of one chapter read so far, by its text: cmark-gfm gives inline HTML tag by
/// tag, and a chapter writes the same `<span class="x">` and `</span>` many times over; each
/// different piece is parsed once.
struct RawHTMLMemo {
  private var known: [String: RawHTML] = [:]

  /// Whether no raw HTML was parsed.
  var isEmpty: Bool { known.isEmpty }

  /// `source` parsed, from the memo when the chapter wrote it before.
  mutating func parse(_ source: String) -> RawHTML {
    if let html = known[source] { return html }
    let html = RawHTML(source)
    known[source] = html
    return html
  }
}
