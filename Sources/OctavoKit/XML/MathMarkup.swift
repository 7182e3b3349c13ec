/// A `<math>` element written out once, as libxml2 writes it in each syntax: the math pass
/// makes one per distinct formula, and every document that holds the formula copies it.
final class MathMarkup: Sendable, Hashable {
  /// The element as the EPUB's XHTML holds it.
  let xml: [UInt8]
  /// The element as the print edition's HTML holds it.
  let html: [UInt8]

  init(xml: [UInt8], html: [UInt8]) {
    self.xml = xml
    self.html = html
  }

  /// The bytes for `syntax`.
  func bytes(for syntax: XMLSyntax) -> [UInt8] { syntax == .xml ? xml : html }

  static func == (lhs: MathMarkup, rhs: MathMarkup) -> Bool {
    lhs === rhs || (lhs.xml == rhs.xml && lhs.html == rhs.html)
  }

  func hash(into hasher: inout Hasher) { hasher.combine(xml) }
}
