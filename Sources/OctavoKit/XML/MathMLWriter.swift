/// Writes a `<math>` element's tree straight to bytes, exactly as libxml2's serializer writes it
/// inside a document, without building a libxml2 node for each of its elements.
///
/// A book with a formula in every paragraph holds about thirty MathML elements per formula,
/// each written twice (the EPUB chapter and the print edition); through libxml2 every one of
/// them is allocated, linked, saved and freed. ``XMLSerializer`` hands each `<math>` it meets
/// to ``bytes(_:syntax:)`` and places the bytes in the document as they are.
///
/// The writer mirrors libxml2 2.9's rules for the little MathML uses: elements of MathML Core
/// without a namespace prefix, unprefixed attributes, text. Anything else (a comment, a prefixed
/// name, a namespace declaration other than MathML's on the `<math>` itself, an attribute HTML
/// writes in its own way) makes it answer nil, and the element goes through libxml2 as before.
/// `MathMLWriterTests` holds every formula of the corpus and a table of awkward strings to
/// libxml2's own output, in both syntaxes.
enum MathMLWriter {
  /// The bytes libxml2 writes for `element` in a document of `syntax`, or nil when the tree
  /// holds something this writer does not mirror.
  static func bytes(_ element: XMLElement, syntax: XMLSyntax) -> [UInt8]? {
    var out: [UInt8] = []
    return write(element, syntax: syntax, into: &out) ? out : nil
  }

  /// Writes `element` as ``bytes(_:syntax:)`` into `out` (emptied first, its storage kept:
  /// one buffer serves every formula of a document); false when it cannot.
  static func write(_ element: XMLElement, syntax: XMLSyntax, into out: inout [UInt8]) -> Bool {
    out.removeAll(keepingCapacity: true)
    return write(element, syntax: syntax, isRoot: true, into: &out)
  }

  /// Attribute names the HTML serializer writes in its own way: the boolean attributes
  /// (written without a value) and those whose value it escapes as a URI.
  private static let htmlSpecialAttributes: Set<String> = [
    "checked", "compact", "declare", "defer", "disabled", "ismap", "multiple", "nohref",
    "noresize", "noshade", "nowrap", "readonly", "selected", "href", "src", "action", "name",
  ]

  /// Whether `name` is one of the attributes the converter writes most, which both
  /// serializers write as any other (no prefix, nothing HTML treats in its own way).
  @inline(__always)
  private static func isCommonAttribute(_ name: String) -> Bool {
    switch name {
    case "display", "alttext", "encoding", "mathvariant", "stretchy", "form", "width", "class",
      "lspace", "rspace", "fence", "separator", "accent", "columnalign", "displaystyle":
      true
    default: false
    }
  }

  /// Whether `name` is an element of MathML Core (none of which HTML knows): the commonest
  /// names compared first, as small strings, before the set is asked.
  @inline(__always)
  private static func isMathMLElement(_ name: String) -> Bool {
    switch name {
    case "mi", "mo", "mn", "mrow", "msub", "msup", "mfrac", "mtext", "mspace", "semantics",
      "annotation", "math":
      return true
    default: return MathMLSanitizer.allowedElements.contains(name)
    }
  }

  private static func write(
    _ element: XMLElement, syntax: XMLSyntax, isRoot: Bool, into out: inout [UInt8]
  ) -> Bool {
    guard isMathMLElement(element.name) else { return false }
    out.append(UInt8(ascii: "<"))
    append(element.name, to: &out)
    let names = element.attributeNames
    let values = element.attributeValues
    // libxml2 writes the namespace declaration before the attributes (XML only; the HTML
    // serializer drops it).
    if isRoot, let index = names.firstIndex(of: "xmlns") {
      guard values[index] == MathMLSanitizer.namespace, names.lastIndex(of: "xmlns") == index
      else { return false }
      if syntax == .xml {
        out.append(contentsOf: " xmlns=\"".utf8)
        append(MathMLSanitizer.namespace, to: &out)
        out.append(UInt8(ascii: "\""))
      }
    }
    for index in names.indices {
      let name = names[index]
      if !isCommonAttribute(name) {
        if name == "xmlns" {
          if isRoot { continue }
          return false
        }
        guard !name.utf8.contains(UInt8(ascii: ":")) else { return false }
        if syntax == .html, htmlSpecialAttributes.contains(name.lowercased()) { return false }
      }
      out.append(UInt8(ascii: " "))
      append(name, to: &out)
      out.append(UInt8(ascii: "="))
      let filtered = XMLCharacters.filtered(values[index])
      if syntax == .xml {
        out.append(UInt8(ascii: "\""))
        escape(filtered, attribute: true, into: &out)
        out.append(UInt8(ascii: "\""))
      } else {
        quoteHTMLAttribute(filtered, into: &out)
      }
    }
    if element.children.isEmpty {
      if syntax == .xml {
        out.append(contentsOf: "/>".utf8)
      } else {
        out.append(contentsOf: "></".utf8)
        append(element.name, to: &out)
        out.append(UInt8(ascii: ">"))
      }
      return true
    }
    out.append(UInt8(ascii: ">"))
    for child in element.children {
      switch child {
      case .element(let inner):
        guard write(inner, syntax: syntax, isRoot: false, into: &out) else { return false }
      case .text(let text):
        escape(XMLCharacters.filtered(text), attribute: false, into: &out)
      case .comment:
        return false
      }
    }
    out.append(contentsOf: "</".utf8)
    append(element.name, to: &out)
    out.append(UInt8(ascii: ">"))
    return true
  }

  /// `element` written for both syntaxes in one walk, or nil when this writer does not
  /// mirror it in either. The tree it accepts also holds nothing print adapts (no `role`, no
  /// prefixed attribute, no HTML element), so print can keep it as it is.
  static func markup(_ element: XMLElement) -> MathMarkup? {
    var xml: [UInt8] = []
    var html: [UInt8] = []
    xml.reserveCapacity(1024)
    html.reserveCapacity(1024)
    guard writeBoth(element, isRoot: true, xml: &xml, html: &html) else { return nil }
    // Kept for the whole build, one per formula: copied to arrays of their exact size.
    return MathMarkup(xml: Array(xml[...]), html: Array(html[...]))
  }

  private static func writeBoth(
    _ element: XMLElement, isRoot: Bool, xml: inout [UInt8], html: inout [UInt8]
  ) -> Bool {
    guard isMathMLElement(element.name) else { return false }
    xml.append(UInt8(ascii: "<"))
    append(element.name, to: &xml)
    html.append(UInt8(ascii: "<"))
    append(element.name, to: &html)
    let names = element.attributeNames
    let values = element.attributeValues
    if isRoot, let index = names.firstIndex(of: "xmlns") {
      guard values[index] == MathMLSanitizer.namespace, names.lastIndex(of: "xmlns") == index
      else { return false }
      xml.append(contentsOf: " xmlns=\"".utf8)
      append(MathMLSanitizer.namespace, to: &xml)
      xml.append(UInt8(ascii: "\""))
    }
    for index in names.indices {
      let name = names[index]
      if !isCommonAttribute(name) {
        if name == "xmlns" {
          if isRoot { continue }
          return false
        }
        guard !name.utf8.contains(UInt8(ascii: ":")), name != "role",
          !htmlSpecialAttributes.contains(name.lowercased())
        else { return false }
      }
      xml.append(UInt8(ascii: " "))
      append(name, to: &xml)
      xml.append(contentsOf: "=\"".utf8)
      html.append(UInt8(ascii: " "))
      append(name, to: &html)
      html.append(UInt8(ascii: "="))
      let filtered = XMLCharacters.filtered(values[index])
      escape(filtered, attribute: true, into: &xml)
      xml.append(UInt8(ascii: "\""))
      quoteHTMLAttribute(filtered, into: &html)
    }
    if element.children.isEmpty {
      xml.append(contentsOf: "/>".utf8)
      html.append(contentsOf: "></".utf8)
      append(element.name, to: &html)
      html.append(UInt8(ascii: ">"))
      return true
    }
    xml.append(UInt8(ascii: ">"))
    html.append(UInt8(ascii: ">"))
    for child in element.children {
      switch child {
      case .element(let inner):
        guard writeBoth(inner, isRoot: false, xml: &xml, html: &html) else { return false }
      case .text(let text):
        // Text is escaped alike in both syntaxes.
        let start = xml.count
        escape(XMLCharacters.filtered(text), attribute: false, into: &xml)
        html.append(contentsOf: xml[start...])
      case .comment:
        return false
      }
    }
    xml.append(contentsOf: "</".utf8)
    append(element.name, to: &xml)
    xml.append(UInt8(ascii: ">"))
    html.append(contentsOf: "</".utf8)
    append(element.name, to: &html)
    html.append(UInt8(ascii: ">"))
    return true
  }

  /// Appends the UTF-8 bytes of `string` in one copy.
  @inline(__always)
  private static func append(_ string: String, to out: inout [UInt8]) {
    var string = string
    string.withUTF8 { out.append(contentsOf: $0) }
  }

  /// Text and XML attribute values as libxml2 escapes them in a UTF-8 document: `&`, `<`, `>`
  /// and carriage returns always; in an XML attribute also `"`, tabs and line feeds. (The
  /// HTML serializer escapes a value's quotes when it quotes it.)
  private static func escape(_ text: String, attribute: Bool, into out: inout [UInt8]) {
    var text = text
    text.withUTF8 { bytes in
      // Most text has nothing to escape: copied whole.
      var start = 0
      for index in bytes.indices {
        let replacement: StaticString
        switch bytes[index] {
        case UInt8(ascii: "&"): replacement = "&amp;"
        case UInt8(ascii: "<"): replacement = "&lt;"
        case UInt8(ascii: ">"): replacement = "&gt;"
        case 0x0D: replacement = "&#13;"
        case UInt8(ascii: "\""): if attribute { replacement = "&quot;" } else { continue }
        case 0x0A: if attribute { replacement = "&#10;" } else { continue }
        case 0x09: if attribute { replacement = "&#9;" } else { continue }
        default: continue
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        out.append(
          contentsOf: UnsafeBufferPointer(
            start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
        start = index + 1
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }
  }

  /// An HTML attribute value escaped and quoted as libxml2's HTML serializer does: in double
  /// quotes, or in single quotes when it holds a double quote and no single one, or in double
  /// quotes with `&quot;` when it holds both.
  private static func quoteHTMLAttribute(_ value: String, into out: inout [UInt8]) {
    if !value.utf8.contains(UInt8(ascii: "\"")) {
      out.append(UInt8(ascii: "\""))
      escape(value, attribute: false, into: &out)
      out.append(UInt8(ascii: "\""))
      return
    }
    var escaped: [UInt8] = []
    escaped.reserveCapacity(value.utf8.count)
    escape(value, attribute: false, into: &escaped)
    let hasDouble = escaped.contains(UInt8(ascii: "\""))
    if hasDouble, !escaped.contains(UInt8(ascii: "'")) {
      out.append(UInt8(ascii: "'"))
      out.append(contentsOf: escaped)
      out.append(UInt8(ascii: "'"))
      return
    }
    out.append(UInt8(ascii: "\""))
    for byte in escaped {
      if byte == UInt8(ascii: "\"") {
        out.append(contentsOf: "&quot;".utf8)
      } else {
        out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}
