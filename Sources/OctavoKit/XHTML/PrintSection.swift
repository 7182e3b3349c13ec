import Foundation

/// A rendered section adapted for the print edition: what the same XHTML needs to print
/// well (notes copied to their calls for engines with `float: footnote`, external link
/// addresses printed after their text, in-page links, the keep-on-one-page marks on short
/// tables and code). Part of rendering: ``SerializedBook`` writes each chapter's print
/// section with it, and ``PrintEditionRenderer`` assembles the sections into the page.
enum PrintSection {
  /// Copies each note's text to its first call, as `<span class="print-footnote">` right
  /// after the note reference, so an engine with `float: footnote` sets it at the foot of
  /// the page where it is called. The chapter-end notes stay for the other engines;
  /// `print.css` shows one or the other. Done by ``forPrint(_:images:printsAddresses:footnoteCalls:)``
  /// while it copies the section, so the tree is rebuilt once.
  final class FootnoteCalls {
    /// The section's notes (its `div.footnotes` asides), by id.
    let notes: [String: XMLElement]
    /// The `#id` of every note already copied to a call.
    var floated: Set<String> = []

    /// Calls to `notes` (by id), none floated yet.
    init(notes: [String: XMLElement]) {
      self.notes = notes
    }

    /// The notes of `section`, or nil when it has none.
    init?(section: XMLElement) {
      var notes: [String: XMLElement] = [:]
      for case .element(let child) in section.children
      where child.name == "div" && child[attribute: "class"] == "footnotes" {
        for case .element(let aside) in child.children where aside.name == "aside" {
          if let id = aside[attribute: "id"] { notes[id] = aside }
        }
      }
      guard !notes.isEmpty else { return nil }
      self.notes = notes
    }

    /// Marks `element` when it is a note's first call and returns the note's text to set
    /// after it; turns a later call into plain text. `descends` tells whether the calls
    /// inside `element` are looked for (not inside the notes or a call).
    func visit(_ element: inout XMLElement) -> (footnote: XMLElement?, descends: Bool) {
      if element.name == "div", element[attribute: "class"] == "footnotes" { return (nil, false) }
      guard element.name == "a", let classes = element[attribute: "class"],
        PrintSection.classes(classes, contain: "noteref"),
        let href = element[attribute: "href"]
      else {
        return (nil, true)
      }
      if href.hasPrefix("#"), let note = notes[String(href.dropFirst())], !floated.contains(href) {
        floated.insert(href)
        element[attribute: "class"] = classes + " noteref-floated"
        return (XMLElement("span", [("class", "print-footnote")], footnoteText(note)), false)
      }
      // A later call to a note set at the foot of a page points at nothing an engine with
      // footnotes lays out (the chapter-end notes are hidden there): it prints its number
      // as plain text.
      if floated.contains(href) {
        element.name = "span"
        element[attribute: "href"] = nil
        element[attribute: "role"] = nil
        return (nil, false)
      }
      return (nil, true)
    }

    /// `element` with the calls inside it copied as ``visit(_:)`` will copy them, leaving
    /// this state as it is: what the keep-on-one-page rules measure.
    func measured(_ element: XMLElement) -> XMLElement {
      let saved = floated
      defer { floated = saved }
      func apply(_ element: inout XMLElement) {
        var children: [XMLNode] = []
        for child in element.children {
          guard case .element(var inner) = child else {
            children.append(child)
            continue
          }
          let (footnote, descends) = visit(&inner)
          if descends { apply(&inner) }
          children.append(.element(inner))
          if let footnote { children.append(.element(footnote)) }
        }
        element.children = children
      }
      var element = element
      apply(&element)
      return element
    }
  }

  /// A note's content as phrasing content without ids, number or back links.
  static func footnoteText(_ aside: XMLElement) -> [XMLNode] {
    func clean(_ nodes: [XMLNode]) -> [XMLNode] {
      nodes.compactMap { node in
        guard case .element(var element) = node else { return node }
        let classes = element[attribute: "class"] ?? ""
        if classes == "footnote-number" || classes == "footnote-back" { return nil }
        element[attribute: "id"] = nil
        element.children = clean(element.children)
        return .element(element)
      }
    }
    var nodes = ContentModel.fit(clean(aside.children), phrasing: true, insideAnchor: false)
    // The spans ContentModel leaves for the ids of unwrapped blocks are empty now.
    nodes = nodes.filter {
      if case .element(let element) = $0, element.name == "span", element.attributes.isEmpty,
        element.children.isEmpty
      {
        return false
      }
      return true
    }
    while case .text(let text)? = nodes.last, text.allSatisfy(\.isWhitespace) { nodes.removeLast() }
    while case .text(let text)? = nodes.first, text.allSatisfy(\.isWhitespace) {
      nodes.removeFirst()
    }
    // The trailing white space of the last text, found from its end (not by reversing it all).
    if case .text(let text)? = nodes.last, text.last?.isWhitespace == true {
      nodes[nodes.count - 1] = .text(
        text.lastIndex(where: { !$0.isWhitespace }).map { String(text[...$0]) } ?? "")
    }
    return nodes
  }

  /// Code blocks of at most this many lines, and tables of at most this many rows, are kept
  /// on one page (`class="keep"`): about a fifth of a 6 × 9 in page. Longer ones may break,
  /// so none is pushed whole to the next page to leave a page mostly empty.
  static let keepLines = 10
  static let keepRows = 6
  static let keepCharacters = 320
  /// The fewest characters of code a line of the print edition holds (8.5 pt DejaVu Sans
  /// Mono on a narrow trim); a longer code line may wrap.
  static let wrapColumns = 40

  /// Elements whose text is no running prose: an external link inside them prints no address.
  static let noAddressElements = Set(
    ContentModel.headings + ["figcaption", "nav", "th", "pre", "code"])

  /// Whether `name` is one of ``noAddressElements`` (told without hashing the names that
  /// start with none of their first letters, nor `p`).
  static func printsNoAddress(_ name: String) -> Bool {
    switch name.utf8.first {
    case UInt8(ascii: "h"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "t"),
      UInt8(ascii: "c"):
      return noAddressElements.contains(name)
    case UInt8(ascii: "p"):
      return name.utf8.count > 1 && noAddressElements.contains(name)
    default:
      return false
    }
  }

  /// The printed address of an external link, or nil when none is printed: only `http(s)`
  /// links whose text is not the address already (with or without its scheme or a final
  /// slash). A zero-width space after each `/` and `.` lets a long address break there,
  /// never with a hyphen.
  static func printedAddress(of link: XMLElement) -> String? {
    guard let href = link[attribute: "href"],
      href.hasPrefix("http://") || href.hasPrefix("https://")
    else { return nil }
    guard
      !link.children.contains(where: {
        if case .element(let inner) = $0 { inner.name == "img" } else { false }
      })
    else { return nil }
    let text = link.textContent
    if let bareText = bareASCII(text), let bareHref = bareASCII(href) {
      if bareText == bareHref { return nil }
    } else if bare(text) == bare(href) {
      return nil
    }
    if href.utf8.allSatisfy({ $0 < 0x80 }) {
      // Each `/` and `.` of an ASCII address is its own character: the space goes after it.
      var printed: [UInt8] = []
      printed.reserveCapacity(href.utf8.count * 2)
      for byte in href.utf8 {
        printed.append(byte)
        if byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".") {
          printed += [0xE2, 0x80, 0x8B]
        }
      }
      return String(decoding: printed, as: UTF8.self)
    }
    var printed = ""
    for character in href {
      printed.append(character)
      if character == "/" || character == "." { printed.append("\u{200B}") }
    }
    return printed
  }

  /// A link's text or address as ``printedAddress(of:)`` compares them: trimmed, lower
  /// case, without its scheme, `www.` or final slashes.
  static func bare(_ text: String) -> String {
    var text = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    for scheme in ["https://", "http://"] where text.hasPrefix(scheme) {
      text.removeFirst(scheme.count)
    }
    if text.hasPrefix("www.") { text.removeFirst(4) }
    while text.hasSuffix("/") { text.removeLast() }
    return text
  }

  /// ``bare(_:)``'s bytes for an ASCII `text`, worked out on the bytes; nil when `text` holds
  /// anything else (then only ``bare(_:)`` knows Unicode's white space and case).
  static func bareASCII(_ text: String) -> [UInt8]? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
      guard byte < 0x80 else { return nil }
      // Lower case, as `lowercased()` makes an ASCII letter.
      bytes.append(byte &- 0x41 < 26 ? byte | 0x20 : byte)
    }
    // White space and line breaks among ASCII: tab to carriage return, and space.
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte &- 0x09 < 5 }
    var start = bytes.startIndex
    var end = bytes.endIndex
    while start < end, isSpace(bytes[start]) { start += 1 }
    while end > start, isSpace(bytes[end - 1]) { end -= 1 }
    func strip(_ prefix: StaticString) {
      let count = prefix.utf8CodeUnitCount
      guard end - start >= count,
        prefix.withUTF8Buffer({ bytes[start..<start + count].elementsEqual($0) })
      else { return }
      start += count
    }
    strip("https://")
    strip("http://")
    strip("www.")
    while end > start, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
    return Array(bytes[start..<end])
  }

  /// Adapts an EPUB element tree to the single-page print edition.
  ///
  /// With `footnoteCalls` (a chapter's section), each note's text is copied to its call
  /// (``FootnoteCalls``) in the same pass.
  static func forPrint(
    _ element: XMLElement, images: ImageURIs, printsAddresses: Bool = true,
    footnoteCalls: FootnoteCalls? = nil
  ) -> XMLElement {
    adapted(
      element, images: images, printsAddresses: printsAddresses, footnoteCalls: footnoteCalls)
      ?? element
  }

  /// ``forPrint(_:images:printsAddresses:footnoteCalls:)``, or nil when print leaves `element`
  /// as it is: then no copy of it or of its children is made, and its parent keeps it.
  private static func adapted(
    _ element: XMLElement, images: ImageURIs, printsAddresses: Bool,
    footnoteCalls: FootnoteCalls?
  ) -> XMLElement? {
    let printsAddresses = printsAddresses && !printsNoAddress(element.name)
    // Most elements (paragraphs, emphasis, headings…) print as they are themselves: only
    // their children may change, and the element is not copied unless one does.
    guard mayAdaptItself(element) else {
      guard
        let children = adaptedChildren(
          of: element, images: images, printsAddresses: printsAddresses,
          footnoteCalls: footnoteCalls)
      else { return nil }
      var element = element
      element.children = children
      return element
    }
    var element = element
    // Whether anything was changed (when not, nil is returned).
    var changed = false
    // libxml2's HTML writer percent-encodes the brackets of an IPv6 host, which breaks the
    // address: such a link is printed as its text.
    if element.name == "a", let href = element[attribute: "href"], Self.hasIPv6Host(href) {
      element.name = "span"
      element[attribute: "href"] = nil
      changed = true
    }
    // A formula's MathML usually holds nothing print changes: it is kept as it is, without
    // copying its tree (its namespace declaration is left to the HTML writer, which drops it).
    if element.name == "math", childrenPrintAsIs(element) { return changed ? element : nil }
    // Most elements keep their attributes as they are: rebuilt only when one changes (a
    // link within the page, as every entry of the contents is, keeps its `href`).
    let isLink = element.name == "a"
    let isImage = element.name == "img"
    if zip(element.attributeNames, element.attributeValues).contains(where: { name, value in
      name.hasPrefix("epub:") || name.hasPrefix("xml:") || name.hasPrefix("xmlns")
        || (isLink && name == "href" && inPageLink(value) != value)
        || (isImage && name == "src" && (images[value] ?? value) != value)
    }) {
      element.attributes = element.attributes.compactMap { attribute in
        let (name, value) = attribute
        if name.hasPrefix("epub:") || name.hasPrefix("xml:") || name.hasPrefix("xmlns") {
          return nil
        }
        if name == "href", isLink { return (name, inPageLink(value)) }
        if name == "src", isImage { return (name, images[value] ?? value) }
        return attribute
      }
      changed = true
    }
    // Paper cannot be clicked open: print collapsed details open.
    if element.name == "details" {
      element[attribute: "open"] = "open"
      changed = true
    }
    // A code line long enough to wrap carries its continuation marks (print.css shows them
    // in the gutter, clipped to the wrapped part), one per possible wrap at the narrowest
    // measure: only a line that can wrap puts marks in the PDF's text.
    // The rules below measure the element with its notes' text copied to their calls.
    var measured = element
    if let footnoteCalls,
      element.name == "table" || element.name == "pre"
        || (element.name == "span" && Self.isCodeLine(element))
    {
      measured = footnoteCalls.measured(element)
    }
    if element.name == "span", Self.isCodeLine(element) {
      let length = measured.textContent.trimmingCharacters(in: .newlines).count
      if length > wrapColumns {
        element[attribute: "data-marks"] = Array(
          repeating: "\u{21AA}", count: (length - 1) / wrapColumns
        )
        .joined(separator: "\n")
        changed = true
      }
    }
    // Short code blocks and tables are kept on one page (see keepLines).
    if element.name == "pre" {
      let lines = measured.children.reduce(0) { count, child in
        guard case .element(let code) = child else { return count }
        return count + code.children.filter { if case .element = $0 { true } else { false } }.count
      }
      if lines <= keepLines {
        element[attribute: "class"] =
          ((element[attribute: "class"].map { $0 + " " }) ?? "") + "keep"
        changed = true
      }
    }
    if element.name == "table" {
      var rows = 0
      func count(_ node: XMLElement) {
        for case .element(let inner) in node.children {
          if inner.name == "tr" { rows += 1 } else { count(inner) }
        }
      }
      count(measured)
      // Rows of long cells wrap to several lines: the text counts too.
      if rows <= keepRows, measured.textContent.count <= keepCharacters {
        element[attribute: "class"] =
          ((element[attribute: "class"].map { $0 + " " }) ?? "") + "keep"
        changed = true
      }
    }
    if let children = adaptedChildren(
      of: element, images: images, printsAddresses: printsAddresses,
      footnoteCalls: footnoteCalls)
    {
      element.children = children
      changed = true
    }
    return changed ? element : nil
  }

  /// Whether ``adapted(_:images:printsAddresses:footnoteCalls:)`` may change `element` itself
  /// (its name or attributes), not only its children.
  private static func mayAdaptItself(_ element: XMLElement) -> Bool {
    switch element.name {
    case "a", "img", "details", "span", "pre", "table", "math": return true
    default:
      return element.attributeNames.contains { name in
        name.hasPrefix("epub:") || name.hasPrefix("xml:") || name.hasPrefix("xmlns")
      }
    }
  }

  /// `element`'s children adapted for print, or nil when print changes none of them.
  private static func adaptedChildren(
    of element: XMLElement, images: ImageURIs, printsAddresses: Bool,
    footnoteCalls: FootnoteCalls?
  ) -> [XMLNode]? {
    // The children are copied only from the first one print changes: until then (and when
    // none changes, as in most paragraphs) the element keeps its own array.
    let original = element.children
    var children: [XMLNode]?
    for (index, child) in original.enumerated() {
      guard case .element(var inner) = child, !isCodeToken(inner) else {
        children?.append(child)
        continue
      }
      // Only a link may be changed by the visit (a note's call); a page break is left out.
      let isLink = inner.name == "a"
      let visited = visit(&inner, footnoteCalls: footnoteCalls)
      let adaptedInner = visited.flatMap { _, innerCalls in
        adapted(
          inner, images: images, printsAddresses: printsAddresses, footnoteCalls: innerCalls)
      }
      let after = visited.map { footnote, _ in
        following(
          inner, footnote: footnote, images: images, printsAddresses: printsAddresses)
      }
      // A child print leaves as it is stays where it is (a link too when no note calls are
      // followed: only then may the visit have changed it).
      if !isLink || footnoteCalls == nil, visited != nil, adaptedInner == nil,
        after?.isEmpty != false
      {
        children?.append(child)
        continue
      }
      if children == nil {
        children = Array(original[..<index])
        children?.reserveCapacity(original.count + 2)
      }
      guard visited != nil else { continue }
      children?.append(.element(adaptedInner ?? inner))
      children? += after ?? []
    }
    return children
  }

  /// A child element met by ``forPrint(_:images:printsAddresses:footnoteCalls:)``, before it
  /// is adapted: the note it calls, if it is a call that sets the note beside it, and the
  /// calls to follow inside it; `nil` for a page break, which print leaves out.
  static func visit(_ inner: inout XMLElement, footnoteCalls: FootnoteCalls?) -> (
    footnote: XMLElement?, innerCalls: FootnoteCalls?
  )? {
    var footnote: XMLElement?
    var innerCalls: FootnoteCalls?
    if let footnoteCalls {
      let (note, descends) = footnoteCalls.visit(&inner)
      footnote = note
      if descends { innerCalls = footnoteCalls }
    }
    // The EPUB's digital page numbers mean nothing on paper.
    if inner[attribute: "role"] == "doc-pagebreak" { return nil }
    return (footnote, innerCalls)
  }

  /// What print sets after the adapted child `inner`: a link's printed address, and the note
  /// it calls (``visit(_:footnoteCalls:)``).
  static func following(
    _ inner: XMLElement, footnote: XMLElement?, images: ImageURIs, printsAddresses: Bool
  ) -> [XMLNode] {
    var nodes: [XMLNode] = []
    if printsAddresses, inner.name == "a", let address = printedAddress(of: inner) {
      nodes.append(.el("span", [("class", "link-address")], [.text(" (" + address + ")")]))
    }
    if let footnote {
      nodes.append(.element(forPrint(footnote, images: images, printsAddresses: printsAddresses)))
    }
    return nodes
  }

  /// Whether ``forPrint(_:images:printsAddresses:footnoteCalls:)`` leaves `node` and
  /// everything below it as it is.
  static func printsAsIs(_ node: XMLNode) -> Bool {
    guard case .element(let element) = node else { return true }
    // Elements print adapts (or may adapt) wherever they are (PackedChildren.adaptedNames).
    switch element.name {
    case "a", "img", "details", "span", "pre", "table", "div": return false
    // A formula is kept whatever its attributes (its namespace declaration too) when nothing
    // below it changes, as ``adapted(_:images:printsAddresses:footnoteCalls:)`` keeps it; but
    // a page break is left out (``visit(_:footnoteCalls:)``).
    case "math":
      return element[attribute: "role"] != "doc-pagebreak" && childrenPrintAsIs(element)
    default: break
    }
    for (index, name) in element.attributeNames.enumerated() {
      // Only names starting e, x or r can matter (most MathML attributes do not).
      guard let first = name.utf8.first,
        first == UInt8(ascii: "e") || first == UInt8(ascii: "x") || first == UInt8(ascii: "r")
      else { continue }
      if name.hasPrefix("epub:") || name.hasPrefix("xml:") || name.hasPrefix("xmlns") {
        return false
      }
      if name == "role", element.attributeValues[index] == "doc-pagebreak" { return false }
    }
    return childrenPrintAsIs(element)
  }

  /// Whether ``printsAsIs(_:)`` holds for every child of `element`; packed children (a
  /// formula's) are not unpacked to tell.
  static func childrenPrintAsIs(_ element: XMLElement) -> Bool {
    if let packed = element.packedChildren { return packed.isInert }
    return element.children.allSatisfy(printsAsIs)
  }

  /// Whether `href` holds `://[` (an IPv6 host), read as bytes.
  static func hasIPv6Host(_ href: String) -> Bool {
    var matched = 0
    for byte in href.utf8 {
      switch (matched, byte) {
      case (0, UInt8(ascii: ":")), (3, UInt8(ascii: ":")): matched = 1
      case (1, UInt8(ascii: "/")), (2, UInt8(ascii: "/")): matched += 1
      case (3, UInt8(ascii: "[")): return true
      default: matched = byte == UInt8(ascii: ":") ? 1 : 0
      }
    }
    return false
  }

  /// Whether the `class` attribute `classes` holds the class `name`, without splitting it.
  static func classes(_ classes: String, contain name: String) -> Bool {
    let bytes = classes.utf8
    let wanted = name.utf8
    var start = bytes.startIndex
    while start < bytes.endIndex {
      let end = bytes[start...].firstIndex(of: 32) ?? bytes.endIndex
      if bytes[start..<end].elementsEqual(wanted) { return true }
      start = end < bytes.endIndex ? bytes.index(after: end) : end
    }
    return false
  }

  /// Whether `element` is a code block's line (`<span class="line">`, highlighted or not).
  static func isCodeLine(_ element: XMLElement) -> Bool {
    guard let classes = element[attribute: "class"] else { return false }
    return classes == "line" || classes.hasPrefix("line ")
  }

  /// Whether `element` is a highlighted code token (`<span class="hl-kw">let</span>`): text
  /// in a span with a class and nothing else, which print takes as it is.
  static func isCodeToken(_ element: XMLElement) -> Bool {
    element.name == "span" && element.children.count == 1
      && element[attribute: "class"]?.hasPrefix("hl-") == true
      && element.attributes.count == 1
      && { if case .text = element.children[0] { true } else { false } }()
  }

  /// Turns `chapter.xhtml#id` into `#id` and `chapter.xhtml` into `#chapter`: every id is
  /// unique in the book, so all documents can share one page.
  static func inPageLink(_ href: String) -> String {
    guard !href.hasPrefix("#") else { return href }
    if let link = inPageLinkASCII(href) { return link }
    let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    let file = String(parts[0])
    // A colon in the file part is a scheme (`https:`); in the fragment it is part of an id
    // (`fig:arch`).
    guard !file.contains(":") else { return href }
    guard file.hasSuffix(".xhtml"), !file.contains("/") else { return href }
    if parts.count == 2, !parts[1].isEmpty { return "#" + parts[1] }
    return "#" + file.dropLast(".xhtml".count)
  }

  /// ``inPageLink(_:)`` for an ASCII `href` not starting with `#`, worked out on its bytes
  /// (every byte is a character then); nil when `href` holds anything else.
  static func inPageLinkASCII(_ href: String) -> String? {
    href.withUTF8Buffer { bytes -> String? in
      var hash = bytes.count
      for (index, byte) in bytes.enumerated() {
        guard byte < 0x80 else { return nil }
        if byte == UInt8(ascii: "#"), hash == bytes.count { hash = index }
      }
      let file = UnsafeBufferPointer(rebasing: bytes[..<hash])
      // A colon in the file part is a scheme (`https:`); a slash, another folder.
      guard !file.contains(UInt8(ascii: ":")), !file.contains(UInt8(ascii: "/")),
        file.count >= 6, file[(file.count - 6)...].elementsEqual(".xhtml".utf8)
      else { return href }
      if hash + 1 < bytes.count {
        return "#" + String(decoding: bytes[(hash + 1)...], as: UTF8.self)
      }
      return "#" + String(decoding: file[..<(file.count - 6)], as: UTF8.self)
    }
  }
}
