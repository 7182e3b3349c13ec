import Foundation

/// Makes an SVG image safe to put in a book: parsed by libxml2 (no entities, no DTD, no
/// network), then rebuilt from an allow-list of SVG elements and attributes. Scripts, event
/// handlers, `javascript:` and external links, `<foreignObject>`, animation that could rewrite
/// links, style sheets that fetch, and entity declarations are removed, and each kind of
/// removal is named so the author can be told.
///
/// `<img>` does not run an SVG's scripts, but reading systems and viewers that open an image
/// on its own may, and the preview serves images from the book's origin.
enum SVGSanitizer {
  /// What sanitizing an SVG gave.
  struct Result: Sendable {
    /// The safe SVG; `nil` when the file is not a well-formed SVG document.
    var bytes: [UInt8]?
    /// What was removed, one phrase per kind, in the order first met (empty: nothing was).
    var removed: [String]
    /// Why the file could not be read as SVG, when `bytes` is `nil`.
    var failure: String?
  }

  static let svgNamespace = "http://www.w3.org/2000/svg"
  static let xlinkNamespace = "http://www.w3.org/1999/xlink"

  /// The elements kept: static SVG graphics, text, paint servers, filters.
  static let allowedElements: Set<String> = [
    "svg", "g", "defs", "desc", "title", "symbol", "use", "switch", "a", "style",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath", "image", "marker", "pattern", "clipPath", "mask",
    "linearGradient", "radialGradient", "stop", "filter",
    "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
    "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood",
    "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode",
    "feMorphology", "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile",
    "feTurbulence",
  ]

  /// Elements whose removal is named specially; any other unknown element is "an element
  /// outside the SVG allow-list".
  static let namedRemovals: [String: String] = [
    "script": "<script>", "foreignObject": "<foreignObject>", "iframe": "<iframe>",
    "animate": "animation", "set": "animation", "animateTransform": "animation",
    "animateMotion": "animation", "feImage": "<feImage>", "handler": "<handler>",
  ]

  /// Attributes with a prefix that are kept.
  static let allowedPrefixed: Set<String> = [
    "xml:space", "xml:lang", "xlink:href", "xlink:title", "xlink:type",
  ]

  /// Sanitizes `bytes`, an SVG file.
  static func sanitize(_ bytes: [UInt8]) -> Result {
    var removed: [String] = []
    func note(_ what: String) { if !removed.contains(what) { removed.append(what) } }
    var text = String(decoding: bytes, as: UTF8.self)
    // The DOCTYPE (and any entity declared in it) goes before libxml2 sees the file.
    if let doctype = doctypeRange(in: text) {
      note(text[doctype].contains("<!ENTITY") ? "entity declarations" : "the DOCTYPE")
      text.removeSubrange(doctype)
    }
    // References to entities no longer declared: removed (the five XML ones stay).
    // (Without a `&` there is none, and the expression is not even made.)
    if text.utf8.contains(UInt8(ascii: "&")) {
      let entity =
        #/&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)[A-Za-z_:][A-Za-z0-9_.:\-]*;/#
      if text.contains(entity) {
        note("entity references")
        text = text.replacing(entity, with: "")
      }
    }
    let root: XMLElement
    switch MarkupParser.parseXML(Array(text.utf8)) {
    case .success(let element): root = element
    case .failure(let error):
      return Result(bytes: nil, removed: removed, failure: error.description)
    }
    guard root.name == "svg", root[attribute: "xmlns"] == svgNamespace else {
      return Result(
        bytes: nil, removed: removed,
        failure: "the root element is not <svg xmlns=\"\(svgNamespace)\">")
    }
    let clean = element(root, note: note)
    guard let output = try? XMLSerializer.document(clean, syntax: .xml) else {
      return Result(bytes: nil, removed: removed, failure: "it cannot be written back")
    }
    return Result(bytes: output, removed: removed, failure: nil)
  }

  /// The `<!DOCTYPE …>` of `text`, internal subset included.
  static func doctypeRange(in text: String) -> Range<String.Index>? {
    guard let start = text.range(of: "<!DOCTYPE") else { return nil }
    var index = start.upperBound
    var depth = 0
    var quote: Character?
    while index < text.endIndex {
      let character = text[index]
      if let open = quote {
        if character == open { quote = nil }
      } else if character == "\"" || character == "'" {
        quote = character
      } else if character == "[" {
        depth += 1
      } else if character == "]" {
        depth -= 1
      } else if character == ">" && depth <= 0 {
        return start.lowerBound..<text.index(after: index)
      }
      index = text.index(after: index)
    }
    return start.lowerBound..<text.endIndex
  }

  private static func element(_ input: XMLElement, note: (String) -> Void) -> XMLElement {
    var output = XMLElement(input.name)
    for (name, value) in input.attributes {
      if let kept = attribute(name, value, on: input.name, note: note) {
        output[attribute: name] = kept
      }
    }
    for child in input.children {
      switch child {
      case .text(let text):
        output.children.append(.text(text))
      case .comment:
        continue
      case .element(let inner):
        guard allowedElements.contains(inner.name) else {
          note(namedRemovals[inner.name] ?? "<\(inner.name)> (not an SVG element Octavo keeps)")
          continue
        }
        if inner.name == "style" {
          let css = inner.children.compactMap { if case .text(let text) = $0 { text } else { nil } }
            .joined()
          guard isSafeCSS(css) else {
            note("a style sheet that imports or fetches")
            continue
          }
        }
        output.children.append(.element(element(inner, note: note)))
      }
    }
    return output
  }

  /// The value an attribute keeps, or `nil` when it is removed (and noted).
  private static func attribute(
    _ name: String, _ value: String, on element: String,
    note: (String) -> Void
  ) -> String? {
    let local = name.split(separator: ":").last.map(String.init) ?? name
    if name == "xmlns" { return value == svgNamespace ? value : nil }
    if name == "xmlns:xlink" { return value == xlinkNamespace ? value : nil }
    if name.hasPrefix("xmlns:") { return nil }
    if local.lowercased().hasPrefix("on") {
      note("event handlers (\(local))")
      return nil
    }
    if name.contains(":"), !allowedPrefixed.contains(name) {
      note("the \(name) attribute")
      return nil
    }
    if local == "href" {
      let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
      if trimmed.hasPrefix("#") { return trimmed }
      if element == "image", isEmbeddedImage(trimmed) { return trimmed }
      let scheme = trimmed.lowercased().filter { !$0.isWhitespace && !$0.isASCIIControl }
      note(
        scheme.hasPrefix("javascript:")
          ? "javascript: links" : "external references ('\(value.prefix(60))')")
      return nil
    }
    if local == "style" || value.lowercased().contains("url(") {
      guard isSafeCSS(value) else {
        note("external url() references")
        return nil
      }
    }
    return value
  }

  /// A `data:` URI of a raster image (what an SVG may embed without fetching anything).
  static func isEmbeddedImage(_ value: String) -> Bool {
    let lower = value.lowercased()
    return ["data:image/png;", "data:image/jpeg;", "data:image/gif;", "data:image/webp;"].contains {
      lower.hasPrefix($0)
    }
  }

  /// CSS that fetches nothing: no `@import`, and every `url(` points inside the image.
  static func isSafeCSS(_ css: String) -> Bool {
    let compact = css.lowercased().filter { !$0.isWhitespace }
    // A backslash escape could spell any of these: none is let through.
    if compact.contains("\\") || compact.contains("@import") || compact.contains("expression(")
      || compact.contains("javascript:")
    {
      return false
    }
    var rest = compact[...]
    while let range = rest.range(of: "url(") {
      let after = rest[range.upperBound...].drop { $0 == "\"" || $0 == "'" }
      guard after.hasPrefix("#") else { return false }
      rest = after
    }
    return true
  }
}

extension Character {
  fileprivate var isASCIIControl: Bool { asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false }
}
