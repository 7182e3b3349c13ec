/// A small XML tree that renderers build and ``XMLSerializer`` writes through libxml2.
///
/// Names are qualified names as written (`epub:type`); namespace declarations are
/// `xmlns` and `xmlns:prefix` attributes. Strings are filtered to the XML 1.0 character set
/// when the tree is serialized, so any text may go in.
public enum XMLNode: Sendable, Hashable {
  case element(XMLElement)
  case text(String)
  case comment(String)

  /// The element, if this node is one.
  public var element: XMLElement? {
    if case .element(let element) = self { element } else { nil }
  }
}

/// An element: a name, attributes in order, and children.
public struct XMLElement: Sendable, Hashable {
  /// The qualified name.
  public var name: String
  /// The attributes, in the order they are written.
  public var attributes: [(name: String, value: String)] {
    get { zip(attributeNames, attributeValues).map { ($0, $1) } }
    set {
      attributeNames = newValue.map(\.name)
      attributeValues = newValue.map(\.value)
    }
  }
  /// The attributes' names and values, in order (read without building pairs).
  private(set) var attributeNames: [String]
  private(set) var attributeValues: [String]
  /// The children.
  public var children: [XMLNode] {
    get { packedChildren?.nodes ?? storedChildren }
    set {
      storedChildren = newValue
      packedChildren = nil
    }
    _modify {
      if let packed = packedChildren {
        storedChildren = packed.nodes
        packedChildren = nil
      }
      yield &storedChildren
    }
  }
  /// The children, unless they are packed.
  private var storedChildren: [XMLNode]
  /// The children packed (a formula's MathML), or nil: ``children`` unpacks them.
  private(set) var packedChildren: PackedChildren?

  /// Creates an element.
  public init(_ name: String, _ attributes: [(String, String)] = [], _ children: [XMLNode] = []) {
    self.name = name
    self.attributeNames = attributes.map(\.0)
    self.attributeValues = attributes.map(\.1)
    self.storedChildren = children
  }

  /// Creates an element from its attributes' names and values, in order (the two arrays
  /// taken as they are, without building pairs).
  init(_ name: String, names: [String], values: [String], children: [XMLNode]) {
    self.name = name
    self.attributeNames = names
    self.attributeValues = values
    self.storedChildren = children
  }

  /// Creates an element whose children are packed.
  init(_ name: String, names: [String], values: [String], packed: PackedChildren) {
    self.name = name
    self.attributeNames = names
    self.attributeValues = values
    self.storedChildren = []
    self.packedChildren = packed
  }

  public static func == (left: XMLElement, right: XMLElement) -> Bool {
    left.name == right.name && left.attributeNames == right.attributeNames
      && left.attributeValues == right.attributeValues
      && (left.packedChildren != nil && left.packedChildren === right.packedChildren
        || left.children == right.children)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(name)
    hasher.combine(attributeNames)
    hasher.combine(attributeValues)
    hasher.combine(children)
  }

  /// The value of the attribute `name`.
  public subscript(attribute name: String) -> String? {
    get { attributeNames.firstIndex(of: name).map { attributeValues[$0] } }
    set {
      if let index = attributeNames.firstIndex(of: name) {
        if let newValue {
          attributeValues[index] = newValue
        } else {
          attributeNames.remove(at: index)
          attributeValues.remove(at: index)
        }
      } else if let newValue {
        attributeNames.append(name)
        attributeValues.append(newValue)
      }
    }
  }

  /// Calls `body` on this element and every element below it, depth first.
  public func forEachElement(_ body: (XMLElement) -> Void) {
    var stack = [self]
    while let element = stack.popLast() {
      body(element)
      for child in element.children.reversed() {
        if case .element(let e) = child { stack.append(e) }
      }
    }
  }

  /// The concatenated text of the element's descendants.
  public var textContent: String {
    var text = ""
    var stack: [XMLNode] = children.reversed()
    while let node = stack.popLast() {
      switch node {
      case .text(let s): text += s
      case .element(let e): stack.append(contentsOf: e.children.reversed())
      case .comment: break
      }
    }
    return text
  }
}

extension XMLNode {
  /// An element node.
  public static func el(
    _ name: String, _ attributes: [(String, String)] = [],
    _ children: [XMLNode] = []
  ) -> XMLNode {
    .element(XMLElement(name, attributes, children))
  }
}
