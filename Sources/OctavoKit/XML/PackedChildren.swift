/// An element's children packed into two flat arrays, for trees a renderer writes many times
/// and never changes: the formulas' MathML. ``XMLSerializer`` hands them to libxml2 in one
/// call per element instead of walking ``XMLNode`` values, and nothing is reference counted
/// per node. ``XMLElement/children`` unpacks them when anything reads them.
///
/// What may be packed is limited to what libxml2 gets the same way from a tree: elements
/// without a prefix, attributes without a prefix or namespace declaration, text; every string
/// already made only of the characters ``XMLCharacters`` allows.
final class PackedChildren: Sendable {
  /// The operations (see `octavo_build_packed` in the libxml2 shim).
  let operations: [Int32]
  /// The strings, each NUL-terminated.
  let strings: [UInt8]
  /// Whether no element is one the print edition or the sanitizer adapts (``adaptedNames``)
  /// and no attribute is `role`: print takes the children as they are.
  let isInert: Bool
  /// How many nodes (elements and texts) the packed children are, counted without unpacking
  /// them (``XMLElement/nodeCount(upTo:)``).
  let nodeCount: Int

  /// Element names that passes after rendering may change wherever they are.
  static let adaptedNames: Set<String> = ["a", "img", "details", "span", "pre", "table", "div"]

  /// Whether `name` is one of ``adaptedNames`` (told without hashing most names: no MathML
  /// element name starts with a, i, p or t, or is `div`, `span`, `details`).
  static func isAdapted(_ name: String) -> Bool {
    switch name.utf8.first {
    case UInt8(ascii: "a"), UInt8(ascii: "i"), UInt8(ascii: "d"), UInt8(ascii: "s"),
      UInt8(ascii: "p"), UInt8(ascii: "t"):
      return adaptedNames.contains(name)
    default:
      return false
    }
  }

  static let startElement: Int32 = 1
  static let text: Int32 = 2
  static let endElement: Int32 = 3
  /// How deep elements may nest (the shim's limit).
  static let maximumDepth = 64

  private init(operations: [Int32], strings: [UInt8], isInert: Bool, nodeCount: Int) {
    self.operations = operations
    self.strings = strings
    self.isInert = isInert
    self.nodeCount = nodeCount
  }

  /// The nodes, unpacked.
  var nodes: [XMLNode] {
    var index = 0
    func string() -> String {
      let start = Int(operations[index])
      let count = Int(operations[index + 1])
      index += 2
      return String(decoding: strings[start..<start + count], as: UTF8.self)
    }
    func children() -> [XMLNode] {
      var nodes: [XMLNode] = []
      while index < operations.count {
        let operation = operations[index]
        index += 1
        switch operation {
        case Self.startElement:
          let name = string()
          let count = Int(operations[index])
          index += 1
          var names: [String] = []
          var values: [String] = []
          for _ in 0..<count {
            names.append(string())
            values.append(string())
          }
          nodes.append(
            .element(XMLElement(name, names: names, values: values, children: children())))
        case Self.text:
          nodes.append(.text(string()))
        default:
          return nodes
        }
      }
      return nodes
    }
    return children()
  }

  /// Packs a tree made by `build`, or returns nil when something in it cannot be packed (a
  /// prefixed name, a namespace declaration, a character ``XMLCharacters`` would filter, too
  /// deep a tree).
  static func pack(_ build: (inout Packer) -> Void) -> PackedChildren? {
    var packer = Packer()
    return pack(with: &packer, build)
  }

  /// ``pack(_:)`` with `packer`'s buffers, emptied first and kept for the next tree: the
  /// packed children get arrays of their own, of their exact size, and packing many trees
  /// (a chapter's formulas) neither grows nor leaves half-empty buffers for each.
  static func pack(with packer: inout Packer, _ build: (inout Packer) -> Void)
    -> PackedChildren?
  {
    packer.reset()
    build(&packer)
    guard packer.isValid, packer.depth == 0 else { return nil }
    return PackedChildren(
      operations: packer.operations.withUnsafeBufferPointer { Array($0) },
      strings: packer.strings.withUnsafeBufferPointer { Array($0) }, isInert: packer.isInert,
      nodeCount: packer.nodeCount)
  }

  /// Writes the operations of a tree.
  struct Packer {
    fileprivate var operations: [Int32] = []
    fileprivate var strings: [UInt8] = []
    fileprivate var isValid = true
    fileprivate var isInert = true
    fileprivate var depth = 0
    fileprivate var nodeCount = 0

    /// An empty packer.
    init() {
      operations.reserveCapacity(256)
      strings.reserveCapacity(512)
    }

    /// Empties the packer, keeping its buffers.
    fileprivate mutating func reset() {
      operations.removeAll(keepingCapacity: true)
      strings.removeAll(keepingCapacity: true)
      isValid = true
      isInert = true
      depth = 0
      nodeCount = 0
    }

    /// Starts an element that has `attributes` attributes, each added next by
    /// ``attribute(_:_:)``.
    mutating func startElement(_ name: String, attributes: Int = 0) {
      depth += 1
      nodeCount += 1
      if depth > PackedChildren.maximumDepth { isValid = false }
      if isInert, PackedChildren.isAdapted(name) { isInert = false }
      operations.append(PackedChildren.startElement)
      append(name, isName: true)
      operations.append(Int32(attributes))
    }

    /// Adds an attribute of the element just started.
    mutating func attribute(_ name: String, _ value: String) {
      if name.utf8.first == UInt8(ascii: "x"), name.hasPrefix("xmlns") { isValid = false }
      if name == "role" { isInert = false }
      append(name, isName: true)
      append(value, isName: false)
    }

    /// Adds a text node.
    mutating func text(_ text: String) {
      nodeCount += 1
      operations.append(PackedChildren.text)
      append(text, isName: false)
    }

    /// Ends the element started last.
    mutating func endElement() {
      depth -= 1
      operations.append(PackedChildren.endElement)
    }

    /// Adds `string` to the strings; a name may have no prefix, other text only characters
    /// ``XMLCharacters`` allows.
    private mutating func append(_ string: String, isName: Bool) {
      var string = string
      let allowed = string.withUTF8 { bytes in
        operations.append(Int32(strings.count))
        operations.append(Int32(bytes.count))
        strings.append(contentsOf: bytes)
        if isName { return !bytes.contains(UInt8(ascii: ":")) }
        return XMLCharacters.allAllowed(bytes)
      }
      strings.append(0)
      if !allowed, isName || !string.unicodeScalars.allSatisfy(XMLCharacters.isAllowed) {
        isValid = false
      }
    }
  }
}
