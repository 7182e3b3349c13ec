/// What raw HTML written in Markdown needs before libxml2's HTML parser reads it as a fragment
/// of a chapter, and what its tags say before it is parsed.
enum HTMLFragment {
  /// A document type declaration (`<!DOCTYPE …>`), with any internal subset.
  nonisolated(unsafe) static let doctype = /<!(?i:doctype)[^\[>]*(?:\[[^\]]*\])?\s*>/

  /// `html` without the tags that would end or restart a document for libxml2's HTML parser
  /// (`</body>`, `</html>`, `<frameset>`…): a browser reads on past them, and so must we.
  /// `<image>` is read as `<img>`, as browsers do.
  static func withoutDocumentTags(_ html: String) -> String {
    guard html.contains("<"), mayHoldDocumentTags(html) else { return html }
    // A document type declaration, with any internal subset of entity declarations: dropped
    // whole (the parser would end it at the first `>` and leave the rest as text).
    var result = html.replacing(Self.doctype, with: "")
    result = result.replacing(/<\/?(?i:html|head|body|frameset|noframes)\b[^>]*>/, with: "")
    result = result.replacing(/<(?i:image)\b/, with: "<img")
    return result
  }

  /// Whether `html` may hold a tag ``withoutDocumentTags(_:)`` removes or renames: a quick
  /// look before the regular expressions run.
  static func mayHoldDocumentTags(_ html: String) -> Bool {
    let lowered = html.lowercased()
    return lowered.contains("<!") || lowered.contains("html") || lowered.contains("head")
      || lowered.contains("body") || lowered.contains("frame") || lowered.contains("image")
  }

  /// An opening or closing tag of an element the sanitizer removes with its content.
  nonisolated(unsafe) static let removedWithContentTag =
    /<(\/?)(?i)(style|script|svg|math|template|iframe|textarea|noscript|xmp|title|object)\b/
}
