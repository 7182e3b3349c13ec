/// One element of a MathML tree: a name, ordered attributes, and either child elements or text.
///
/// Token elements (`mi`, `mn`, `mo`, `mtext`, `annotation`) carry ``text``; every other element
/// carries ``children``. The tree is plain data so that the XHTML layer can rebuild it through its
/// own XML writer; ``xml`` serializes it as a standalone string (used by tests and benchmarks).
package struct MathNode: Sendable, Equatable {
  /// A name–value pair, kept in the order the converter wrote it.
  package struct Attribute: Sendable, Equatable {
    /// The attribute name, such as `mathvariant`.
    package var name: String
    /// The attribute value, unescaped.
    package var value: String

    /// Creates an attribute.
    package init(_ name: String, _ value: String) {
      self.name = name
      self.value = value
    }
  }

  /// The element name, such as `mfrac`.
  package var name: String
  /// The attributes, in writing order.
  package var attributes: [Attribute]
  /// The child elements (empty for token elements).
  package var children: [MathNode]
  /// The character data of a token element, or `nil` for a container element.
  package var text: String?

  /// Creates a container element.
  package init(_ name: String, _ attributes: [Attribute] = [], children: [MathNode] = []) {
    self.name = name
    self.attributes = attributes
    self.children = children
    self.text = nil
  }

  /// Creates a token element holding `text`.
  package init(_ name: String, text: String, _ attributes: [Attribute] = []) {
    self.name = name
    self.attributes = attributes
    self.children = []
    self.text = text
  }

  /// The value of the attribute `name`, if present.
  package func attribute(_ name: String) -> String? {
    attributes.first { $0.name == name }?.value
  }

  /// Sets (or replaces) the attribute `name`.
  package mutating func setAttribute(_ name: String, _ value: String) {
    if let index = attributes.firstIndex(where: { $0.name == name }) {
      attributes[index].value = value
    } else {
      attributes.append(Attribute(name, value))
    }
  }

  /// The element serialized as XML: attributes in order, `&`, `<`, `>` and `"` escaped, other
  /// characters written as themselves, empty containers as `<name/>`.
  package var xml: String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(256)
    write(to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the serialized element to `out`.
  package func write(to out: inout String) {
    out += xml
  }

  /// Appends the serialized element, as UTF-8, to `out`.
  package func write(to out: inout [UInt8]) {
    out.append(UInt8(ascii: "<"))
    out.append(contentsOf: name.utf8)
    for attribute in attributes {
      out.append(UInt8(ascii: " "))
      out.append(contentsOf: attribute.name.utf8)
      out.append(contentsOf: "=\"".utf8)
      Self.escape(attribute.value, into: &out, quotes: true)
      out.append(UInt8(ascii: "\""))
    }
    if let text {
      out.append(UInt8(ascii: ">"))
      Self.escape(text, into: &out, quotes: false)
      out.append(contentsOf: "</".utf8)
      out.append(contentsOf: name.utf8)
      out.append(UInt8(ascii: ">"))
    } else if children.isEmpty {
      out.append(contentsOf: "/>".utf8)
    } else {
      out.append(UInt8(ascii: ">"))
      for child in children { child.write(to: &out) }
      out.append(contentsOf: "</".utf8)
      out.append(contentsOf: name.utf8)
      out.append(UInt8(ascii: ">"))
    }
  }

  private static func escape(_ text: String, into out: inout [UInt8], quotes: Bool) {
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out.append(contentsOf: "&amp;".utf8)
      case "<": out.append(contentsOf: "&lt;".utf8)
      case ">": out.append(contentsOf: "&gt;".utf8)
      case "\"" where quotes: out.append(contentsOf: "&quot;".utf8)
      default:
        // Characters XML 1.0 forbids (controls other than tab/newline/CR) are dropped.
        if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" { continue }
        if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
        if scalar.isASCII {
          out.append(UInt8(scalar.value))
        } else {
          UTF8.encode(scalar) { out.append($0) }
        }
      }
    }
  }
}
