/// What raw HTML written in Markdown needs before libxml2's HTML parser reads it as a fragment
/// of a chapter, and what its tags say before it is parsed.
enum HTMLFragment {
  /// A document type declaration (`<!DOCTYPE …>`), with any internal subset.
  nonisolated(unsafe) static let doctype = /<!(?i:doctype)[^\[>]*(?:\[[^\]]*\])?\s*>/

  /// `html` without the tags that would end or restart a document for libxml2's HTML parser
  /// (`</body>`, `</html>`, `<frameset>`…): a browser reads on past them, and so must we.
  /// `<image>` is read as `<img>`, as browsers do.
  static func withoutDocumentTags(_ html: String) -> String {
    guard mayHoldDocumentTags(html) else { return html }
    // A document type declaration, with any internal subset of entity declarations: dropped
    // whole (the parser would end it at the first `>` and leave the rest as text).
    var result = html.replacing(Self.doctype, with: "")
    result = result.replacing(Self.documentTag, with: "")
    result = result.replacing(Self.imageTag, with: "<img")
    return result
  }

  /// A tag that starts or ends a document or its parts.
  nonisolated(unsafe) static let documentTag = /<\/?(?i:html|head|body|frameset|noframes)\b[^>]*>/
  /// The start of an `<image>` tag, which browsers read as `<img>`.
  nonisolated(unsafe) static let imageTag = /<(?i:image)\b/

  /// The names of the tags ``withoutDocumentTags(_:)`` removes or renames.
  static let documentTagNames: Set<[UInt8]> = Set(
    ["html", "head", "body", "frameset", "noframes", "image"].map { Array($0.utf8) })

  /// Whether `html` may hold a tag ``withoutDocumentTags(_:)`` removes or renames, found by a
  /// look at its bytes before any regular expression runs: a `<!`, or a `<` or `</` followed
  /// by one of those names (or by letters that end in a non-ASCII one, which a
  /// case-insensitive match might fold).
  static func mayHoldDocumentTags(_ html: String) -> Bool {
    var html = html
    return html.withUTF8 { bytes in
      var index = 0
      while index < bytes.count {
        defer { index += 1 }
        guard bytes[index] == UInt8(ascii: "<"), index + 1 < bytes.count else { continue }
        var cursor = index + 1
        if bytes[cursor] == UInt8(ascii: "!") { return true }
        if bytes[cursor] == UInt8(ascii: "/") { cursor += 1 }
        var name: [UInt8] = []
        while cursor < bytes.count, name.count <= 8 {
          let byte = bytes[cursor]
          if byte >= 0x80 { return true }
          let lower = byte | 0x20
          guard lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") else { break }
          name.append(lower)
          cursor += 1
        }
        if documentTagNames.contains(name) { return true }
      }
      return false
    }
  }

  /// An opening or closing tag of an element the sanitizer removes with its content.
  nonisolated(unsafe) static let removedWithContentTag =
    /<(\/?)(?i)(style|script|svg|math|template|iframe|textarea|noscript|xmp|title|object)\b/
}
