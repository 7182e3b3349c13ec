internal import CLibXML2
import Foundation

// The only file that talks to libxml2. It turns ``XMLNode`` trees into bytes, raw HTML
// into ``XMLNode`` trees, and parses XML strictly for checks. Every libxml2 object is
// created and freed inside one call; no libxml2 type leaves this file.

/// How a tree is written.
public enum XMLSyntax: Sendable {
  /// XML (for XHTML, OPF, NCX): empty elements as `<x/>`, namespaces declared.
  case xml
  /// HTML (for the print edition): void elements without an end tag, no namespaces.
  case html
}

/// Writes ``XMLElement`` trees as documents through libxml2's serializer.
public enum XMLSerializer {
  /// Serializes `root` as a whole document.
  ///
  /// - Parameters:
  ///   - doctype: the name for `<!DOCTYPE name>`, or `nil` for none.
  ///   - declaration: whether to write `<?xml version="1.0" encoding="UTF-8"?>` (XML only).
  public static func document(
    _ root: XMLElement, syntax: XMLSyntax = .xml, doctype: String? = nil,
    declaration: Bool = true
  ) throws -> [UInt8] {
    try document(root, syntax: syntax, doctype: doctype, declaration: declaration, upTo: nil)!
  }

  /// ``document(_:syntax:doctype:declaration:)``, or nil when `root`'s tree holds more than
  /// `limit` nodes (``XMLElement/nodeCount(upTo:)``): the libxml2 tree is built until then, so
  /// a tree that fits is walked once, not counted first.
  static func document(
    _ root: XMLElement, syntax: XMLSyntax = .xml, doctype: String? = nil,
    declaration: Bool = true, upTo limit: Int?
  ) throws -> [UInt8]? {
    guard let doc = try newDocument(root, syntax: syntax, doctype: doctype, upTo: limit) else {
      return nil
    }
    defer { xmlFreeDoc(doc) }
    var options: Int32
    switch syntax {
    case .xml:
      options = Int32(XML_SAVE_AS_XML.rawValue)
      if !declaration { options |= Int32(XML_SAVE_NO_DECL.rawValue) }
    case .html:
      options = Int32(XML_SAVE_AS_HTML.rawValue | XML_SAVE_NO_DECL.rawValue)
    }
    return try save(options: options) { xmlSaveDoc($0, doc) }
  }
}

extension XMLSerializer {
  /// Serializes `element` alone, as it would be written inside a document of the same
  /// syntax: the print edition writes each chapter's section this way and joins them.
  public static func fragment(_ element: XMLElement, syntax: XMLSyntax) throws -> [UInt8] {
    try fragment(element, syntax: syntax, upTo: nil)!
  }

  /// ``fragment(_:syntax:)``, or nil when `element`'s tree holds more than `limit` nodes
  /// (``XMLElement/nodeCount(upTo:)``), found while its libxml2 tree is built.
  static func fragment(_ element: XMLElement, syntax: XMLSyntax, upTo limit: Int?) throws
    -> [UInt8]?
  {
    guard let doc = try newDocument(element, syntax: syntax, upTo: limit) else { return nil }
    defer { xmlFreeDoc(doc) }
    let options =
      syntax == .html
      ? Int32(XML_SAVE_AS_HTML.rawValue | XML_SAVE_NO_DECL.rawValue)
      : Int32(XML_SAVE_AS_XML.rawValue | XML_SAVE_NO_DECL.rawValue)
    return try save(options: options) { xmlSaveTree($0, xmlDocGetRootElement(doc)) }
  }

  /// A libxml2 document whose root element is built from `root`, after a
  /// `<!DOCTYPE doctype>` when one is named; the caller frees it. With a `limit`, nil (and
  /// nothing left to free) once more than `limit` nodes would be built.
  private static func newDocument(
    _ root: XMLElement, syntax: XMLSyntax,
    doctype: String? = nil, upTo limit: Int? = nil
  ) throws -> xmlDocPtr? {
    LibXML2.initialize()
    guard let doc = xmlNewDoc(LibXML2.version) else {
      throw OctavoError(.xml, detail: "xmlNewDoc failed")
    }
    // Element and attribute names are interned in the document's dictionary (one "mi" for
    // all its <mi>), not copied per node; xmlFreeDoc frees it.
    doc.pointee.dict = xmlDictCreate()
    if let doctype { xmlCreateIntSubset(doc, doctype, nil, nil) }
    guard let rootNode = xmlNewDocNode(doc, nil, root.name, nil) else {
      xmlFreeDoc(doc)
      throw OctavoError(.xml, detail: "xmlNewDocNode failed")
    }
    xmlDocSetRootElement(doc, rootNode)
    // The root is the first node; without a limit the budget never runs out.
    var budget = (limit ?? Int.max) - 1
    guard budget >= 0, LibXML2.fill(rootNode, from: root, doc: doc, syntax: syntax, budget: &budget)
    else {
      xmlFreeDoc(doc)
      return nil
    }
    return doc
  }

  /// The bytes `write` saves through a UTF-8 save context with `options`.
  private static func save(options: Int32, _ write: (OpaquePointer) -> Int) throws -> [UInt8] {
    guard let buffer = xmlBufferCreate() else { throw OctavoError(.xml, detail: "no buffer") }
    defer { xmlBufferFree(buffer) }
    guard let context = xmlSaveToBuffer(buffer, "UTF-8", options) else {
      throw OctavoError(.xml, detail: "xmlSaveToBuffer failed")
    }
    let written = write(context)
    xmlSaveClose(context)
    guard written >= 0, let content = xmlBufferContent(buffer) else {
      throw OctavoError(.xml, detail: "serialization failed")
    }
    return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
  }

  /// Sets up libxml2's global state (the parser, the loader that refuses external
  /// entities) once; call on the main thread before using libxml2 on several threads.
  public static func prepareForConcurrentUse() { LibXML2.initialize() }
}

/// Parses markup with libxml2, safely: no network, no external entities, no DTD loading.
enum MarkupParser {
  /// Parses a fragment of HTML as browsers would (recovering from errors) and returns the
  /// nodes it holds. Comments are dropped; element and attribute names are lower case.
  static func parseHTMLFragment(_ html: String) -> [XMLNode] {
    LibXML2.initialize()
    let wrapped =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>"
      + html + "</body></html>"
    let options = Int32(
      HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue
        | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NODEFDTD.rawValue
    )
    let bytes = Array(wrapped.utf8)
    let parsed: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", options)
      }
    }
    guard let doc = parsed else { return [] }
    defer { xmlFreeDoc(doc) }
    guard let root = xmlDocGetRootElement(doc) else { return [] }
    var body: xmlNodePtr?
    var child = root.pointee.children
    while let node = child {
      if node.pointee.type == XML_ELEMENT_NODE, LibXML2.name(node) == "body" { body = node }
      child = node.pointee.next
    }
    guard let body else { return [] }
    return LibXML2.convertChildren(of: body, doc: doc, html: true)
  }

  /// A problem found by ``parseXML(_:)``.
  struct ParseError: Error, Sendable, CustomStringConvertible {
    /// The line where libxml2 stopped.
    var line: Int
    /// libxml2's message.
    var message: String
    var description: String { "line \(line): \(message)" }
  }

  /// Parses `bytes` as a well-formed XML document and returns its root element.
  ///
  /// Entities are not substituted, no DTD is loaded and nothing is fetched.
  static func parseXML(_ bytes: [UInt8]) -> Result<XMLElement, ParseError> {
    readXML(bytes) { doc in
      guard let root = xmlDocGetRootElement(doc),
        case .element(let element)? = LibXML2.convert(root, doc: doc, html: false)
      else {
        return .failure(ParseError(line: 0, message: "no root element"))
      }
      return .success(element)
    }
  }

  /// Reads `bytes` as a well-formed XML document (no network, no entities, no DTD) and
  /// hands the document to `body`, freeing it afterwards.
  private static func readXML<T>(
    _ bytes: [UInt8], _ body: (xmlDocPtr) -> Result<T, ParseError>
  ) -> Result<T, ParseError> {
    LibXML2.initialize()
    guard let context = xmlNewParserCtxt() else {
      return .failure(ParseError(line: 0, message: "no parser context"))
    }
    defer { xmlFreeParserCtxt(context) }
    let options = Int32(
      XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
        | XML_PARSE_NOWARNING.rawValue)
    let parsed: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, "UTF-8", options)
      }
    }
    guard let doc = parsed, context.pointee.wellFormed != 0 else {
      if let doc = parsed { xmlFreeDoc(doc) }
      var error = ParseError(line: 0, message: "not well-formed")
      if let last = xmlCtxtGetLastError(context) {
        if let text = last.pointee.message {
          error.message = String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        error.line = Int(last.pointee.line)
      }
      return .failure(error)
    }
    defer { xmlFreeDoc(doc) }
    return body(doc)
  }
}

extension MarkupParser {
  /// Parses `bytes` as a well-formed XML document and calls `visit` with each element's
  /// qualified name and the values of those of its attributes named in `attributes`, in
  /// document order, without building a tree. Returns the parse error, if any.
  ///
  /// Entities are not substituted, no DTD is loaded and nothing is fetched.
  static func scanXML(
    _ bytes: [UInt8], attributes: Set<String>,
    _ visit: (_ name: String, _ attributes: [String: String]) -> Void
  ) -> ParseError? {
    // Streamed through libxml2's SAX2 parser: no tree of a large document is ever built. Only
    // when the document is not well-formed is it parsed again, for the error's line and
    // message.
    if streamXML(bytes, attributes: attributes, visit) { return nil }
    let result: Result<Void, ParseError> = readXML(bytes) { doc in
      walk(doc, attributes: attributes, visit)
      return .success(())
    }
    if case .failure(let error) = result { return error }
    return nil
  }

  /// Reads `bytes` with libxml2's SAX2 parser (no entities, no DTD, nothing fetched, no tree
  /// and no text kept), calling `visit` on each element in document order; `false` when the
  /// document is not well-formed (elements already visited stay visited).
  private static func streamXML(
    _ bytes: [UInt8], attributes: Set<String>,
    _ visit: (_ name: String, _ attributes: [String: String]) -> Void
  ) -> Bool {
    LibXML2.initialize()
    return withoutActuallyEscaping(visit) { visit in
      var scan = ElementScan(watched: attributes, visit: visit)
      return withUnsafeMutablePointer(to: &scan) { context in
        bytes.withUnsafeBufferPointer { buffer in
          buffer.withMemoryRebound(to: CChar.self) { chars in
            octavo_scan_elements(chars.baseAddress, Int32(chars.count), context) {
              context, localName, prefix, count, attributes in
              guard let context, let localName else { return }
              context.assumingMemoryBound(to: ElementScan.self).pointee.start(
                localName, prefix: prefix, count: Int(count), attributes: attributes)
            } == 1
          }
        }
      }
    }
  }

  /// What ``streamXML(_:attributes:_:)`` hands each element to.
  private struct ElementScan {
    let watched: Set<String>
    let visit: (_ name: String, _ attributes: [String: String]) -> Void

    /// An element's start: its qualified name and the values of its watched attributes
    /// (the first of each name), as the streaming reader gave them.
    func start(
      _ localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, count: Int,
      attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
      var values: [String: String] = [:]
      if let attributes {
        for index in 0..<count {
          let fields = attributes + index * 5
          guard let local = fields[0], let value = fields[3], let end = fields[4] else {
            continue
          }
          let key = Self.qualified(local, prefix: fields[1])
          if watched.contains(key), values[key] == nil {
            values[key] = String(
              decoding: UnsafeBufferPointer(start: value, count: end - value), as: UTF8.self)
          }
        }
      }
      visit(Self.qualified(localName, prefix: prefix), values)
    }

    static func qualified(_ local: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?)
      -> String
    {
      guard let prefix else { return String(cString: local) }
      return String(cString: prefix) + ":" + String(cString: local)
    }
  }

  /// Calls `visit` on every element of `doc` in document order, without recursion.
  private static func walk(
    _ doc: xmlDocPtr, attributes: Set<String>,
    _ visit: (_ name: String, _ attributes: [String: String]) -> Void
  ) {
    // Depth first, in document order, without recursion.
    var node = xmlDocGetRootElement(doc)
    while let current = node {
      if current.pointee.type == XML_ELEMENT_NODE {
        var values: [String: String] = [:]
        var attribute = current.pointee.properties
        while let property = attribute {
          let local = property.pointee.name.map { String(cString: $0) } ?? ""
          let name = LibXML2.qualifiedName(local, ns: property.pointee.ns)
          if attributes.contains(name), values[name] == nil {
            if let list = xmlNodeListGetString(doc, property.pointee.children, 1) {
              values[name] = String(cString: list)
              octavo_xmlFree(list)
            } else {
              values[name] = ""
            }
          }
          attribute = property.pointee.next
        }
        visit(LibXML2.qualifiedName(LibXML2.name(current), ns: current.pointee.ns), values)
        if let child = current.pointee.children {
          node = child
          continue
        }
      }
      // Next sibling, else the next sibling of the nearest ancestor that has one.
      var climb: xmlNodePtr? = current
      node = nil
      while let step = climb {
        if let next = step.pointee.next {
          node = next
          break
        }
        climb = step.pointee.parent
        if climb.map({ UnsafeMutableRawPointer($0) == UnsafeMutableRawPointer(doc) }) ?? true {
          break
        }
      }
    }
  }
}

/// Shared helpers for the two public faces above.
private enum LibXML2 {
  nonisolated(unsafe) private static var initialized = false
  private static let lock = NSLock()

  /// Initializes the parser once and installs a loader that refuses every external entity
  /// and DTD, so no input can make libxml2 read a file or the network.
  static func initialize() {
    lock.lock()
    defer { lock.unlock() }
    guard !initialized else { return }
    xmlInitParser()
    xmlSetExternalEntityLoader { _, _, _ in nil }
    initialized = true
  }

  /// "1.0", the XML version, as libxml2 wants it: made once, valid for the process's lifetime
  /// (a copy per document was a leak AddressSanitizer found).
  nonisolated(unsafe) static let version: UnsafePointer<xmlChar> =
    UnsafeRawPointer(strdup("1.0")!).assumingMemoryBound(to: xmlChar.self)

  static func name(_ node: xmlNodePtr) -> String {
    node.pointee.name.map { String(cString: $0) } ?? ""
  }

  static func split(_ qualified: String) -> (prefix: String?, local: String) {
    // Most names have no prefix: looked for as a byte, not as a Character.
    guard let byte = qualified.utf8.firstIndex(of: UInt8(ascii: ":")) else {
      return (nil, qualified)
    }
    let colon = String.Index(byte, within: qualified) ?? byte
    return (String(qualified[..<colon]), String(qualified[qualified.index(after: colon)...]))
  }

  /// Builds the children and attributes of `node` from `element`, each node below it
  /// taken from `budget` (as ``XMLElement/nodeCount(upTo:)`` counts them); returns `false`,
  /// having stopped part way, when the budget runs out.
  ///
  /// Strings go to libxml2 as C strings borrowed from Swift's (no copy made per call).
  static func fill(
    _ node: xmlNodePtr, from element: XMLElement, doc: xmlDocPtr, syntax: XMLSyntax,
    budget: inout Int
  ) -> Bool {
    let names = element.attributeNames
    let values = element.attributeValues
    if syntax == .xml {
      for (name, value) in zip(names, values) where mayDeclareNamespace(name) {
        if name == "xmlns" {
          withXMLString(XMLCharacters.filtered(value)) { _ = xmlNewNs(node, $0, nil) }
        } else if name.hasPrefix("xmlns:") {
          withXMLString(XMLCharacters.filtered(value)) { href in
            withXMLString(String(name.dropFirst(6))) { _ = xmlNewNs(node, href, $0) }
          }
        }
      }
      let (prefix, local) = split(element.name)
      if let prefix {
        let ns = withXMLString(prefix) { xmlSearchNs(doc, node, $0) }
        if let ns {
          xmlSetNs(node, ns)
          withXMLString(local) { xmlNodeSetName(node, $0) }
        }
      } else if let ns = xmlSearchNs(doc, node, nil) {
        xmlSetNs(node, ns)
      }
    }
    for (name, value) in zip(names, values)
    where !mayDeclareNamespace(name) || (name != "xmlns" && !name.hasPrefix("xmlns:")) {
      let (prefix, local) = split(name)
      if syntax == .xml, let prefix,
        let ns = withXMLString(prefix, { xmlSearchNs(doc, node, $0) })
      {
        withXMLString(local) { local in
          withXMLString(XMLCharacters.filtered(value)) { _ = xmlNewNsProp(node, ns, local, $0) }
        }
      } else if syntax == .html, prefix != nil {
        continue
      } else {
        let added = withXMLString(name) { name in
          withXMLBytes(XMLCharacters.filtered(value)) { value, length in
            octavo_add_attribute(
              doc, node, UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self), value, length)
          }
        }
        assert(added == 0, "libxml2 could not add an attribute")
      }
    }
    if let packed = element.packedChildren {
      budget -= packed.nodeCount
      guard budget >= 0 else { return false }
      let ns = syntax == .xml ? xmlSearchNs(doc, node, nil) : nil
      let status = packed.operations.withUnsafeBufferPointer { operations in
        packed.strings.withUnsafeBufferPointer { strings in
          strings.withMemoryRebound(to: CChar.self) { strings in
            octavo_build_packed(
              doc, node, ns, operations.baseAddress, operations.count, strings.baseAddress)
          }
        }
      }
      // Packing checked every string, name and the depth: libxml2 fails only for want of
      // memory (and a node it could not make is left out, as below).
      assert(status == 0, "libxml2 could not build packed children")
      return true
    }
    for child in element.children {
      budget -= 1
      guard budget >= 0 else { return false }
      switch child {
      case .text(let text):
        let added = withXMLBytes(XMLCharacters.filtered(text)) { text, length in
          octavo_add_text(doc, node, text, length)
        }
        assert(added == 0, "libxml2 could not add a text node")
      case .comment(let text):
        let safe = XMLCharacters.filtered(text).replacingOccurrences(of: "--", with: "- -")
        if let commentNode = xmlNewDocComment(doc, safe) { xmlAddChild(node, commentNode) }
      case .element(let childElement):
        let childNode = withXMLString(childElement.name) { xmlNewDocNode(doc, nil, $0, nil) }
        guard let childNode else { continue }
        xmlAddChild(node, childNode)
        guard fill(childNode, from: childElement, doc: doc, syntax: syntax, budget: &budget) else {
          return false
        }
      }
    }
    return true
  }

  /// Whether `name` may be a namespace declaration (`xmlns`, `xmlns:prefix`), told from its
  /// first byte: most attribute names are compared no further.
  @inline(__always)
  static func mayDeclareNamespace(_ name: String) -> Bool {
    name.utf8.first == UInt8(ascii: "x")
  }

  /// Calls `body` with the UTF-8 bytes of `string` (filtered text: no NUL among them) and
  /// their count, without measuring them again.
  @inline(__always)
  static func withXMLBytes<R>(
    _ string: String, _ body: (UnsafePointer<CChar>?, Int32) -> R
  ) -> R {
    string.withUTF8Buffer { bytes in
      bytes.withMemoryRebound(to: CChar.self) { body($0.baseAddress, Int32(clamping: $0.count)) }
    }
  }

  /// Calls `body` with `string` as a NUL-terminated UTF-8 C string for libxml2.
  @inline(__always)
  static func withXMLString<R>(_ string: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
    string.withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
  }

  static func convertChildren(of node: xmlNodePtr, doc: xmlDocPtr, html: Bool) -> [XMLNode] {
    var result: [XMLNode] = []
    var child = node.pointee.children
    while let current = child {
      if let converted = convert(current, doc: doc, html: html) { result.append(converted) }
      child = current.pointee.next
    }
    return result
  }

  static func qualifiedName(_ local: String, ns: xmlNsPtr?) -> String {
    guard let prefix = ns?.pointee.prefix else { return local }
    return String(cString: prefix) + ":" + local
  }

  static func convert(_ node: xmlNodePtr, doc: xmlDocPtr, html: Bool) -> XMLNode? {
    switch node.pointee.type {
    case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
      guard let content = node.pointee.content else { return nil }
      return .text(String(cString: content))
    case XML_ELEMENT_NODE:
      var element = XMLElement(
        html ? name(node).lowercased() : qualifiedName(name(node), ns: node.pointee.ns))
      if !html {
        var ns = node.pointee.nsDef
        while let current = ns {
          let href = current.pointee.href.map { String(cString: $0) } ?? ""
          if let prefix = current.pointee.prefix {
            element[attribute: "xmlns:" + String(cString: prefix)] = href
          } else {
            element[attribute: "xmlns"] = href
          }
          ns = current.pointee.next
        }
      }
      var attribute = node.pointee.properties
      while let current = attribute {
        let local = current.pointee.name.map { String(cString: $0) } ?? ""
        let attributeName = html ? local.lowercased() : qualifiedName(local, ns: current.pointee.ns)
        var value = ""
        if let list = xmlNodeListGetString(doc, current.pointee.children, 1) {
          value = String(cString: list)
          octavo_xmlFree(list)
        }
        if element[attribute: attributeName] == nil { element[attribute: attributeName] = value }
        attribute = current.pointee.next
      }
      element.children = convertChildren(of: node, doc: doc, html: html)
      return .element(element)
    default:
      return nil
    }
  }
}
