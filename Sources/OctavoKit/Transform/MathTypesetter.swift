import Foundation
import OctavoMath

/// Converts every formula of a book from TeX to MathML with OctavoMath, once, before the book
/// is checked and rendered.
///
/// The MathML goes into each ``Formula`` for the renderer. A formula whose TeX has problems
/// (an unknown command, unbalanced braces or `\left`/`\right`, an environment not closed…) is
/// reported at the line and column inside the formula where the problem is, and is shown as its
/// TeX in code style; the build goes on. The book's macros (`math-macros:` in `book.yaml`) are
/// known to every formula.
struct MathTypesetter: Sendable {
  let converter: MathConverter
  /// Each formula's conversion by its TeX and display style: a book repeats formulas, and
  /// the same TeX always converts to the same MathML and problems.
  let cache = Cache()

  /// A typesetter that knows `macros` (name without backslash → TeX body with `#1`…`#9`).
  init(macros: [String: String]) {
    converter = MathConverter(
      macros: macros.mapValues { MathMacro(arity: Self.arity(of: $0), body: $0) })
  }

  /// The number of arguments a macro body uses: its highest `#n`.
  static func arity(of body: String) -> Int {
    var highest = 0
    var previous: Character = " "
    for character in body {
      if previous == "#", let digit = character.wholeNumberValue, digit >= 1 {
        highest = max(highest, digit)
      }
      previous = character
    }
    return highest
  }

  /// Converts the formulas of every chapter of `book`, each chapter on its own core when
  /// `parallel` is true; returns the problems found, in reading order.
  static func apply(to book: inout Book, parallel: Bool = true) -> [Diagnostic] {
    // A book the loader knows to hold no formula (`hasMath` false) is not walked.
    guard book.hasMath != false else { return [] }
    let chapters = book.chapters
    // Each chapter is walked once: the conversion tells whether it met a formula.
    let typesetter = MathTypesetter(macros: book.metadata.mathMacros)
    let results = Parallel.map(chapters, parallel: parallel) {
      chapter -> (Chapter, [Diagnostic], Bool) in
      // A parked chapter holds no formula (``Chapter/park()``).
      guard !chapter.isParked else { return (chapter, [], false) }
      var converted = chapter
      var pass = Pass()
      converted.blocks = typesetter.convert(chapter.blocks, &pass)
      for note in chapter.footnotes.indices {
        converted.footnotes[note].blocks = typesetter.convert(chapter.footnotes[note].blocks, &pass)
      }
      guard pass.holdsMath else { return (chapter, [], false) }
      return (converted, pass.diagnostics, true)
    }
    book.hasMath = results.contains { $0.2 }
    guard book.hasMath == true else { return [] }
    book.replaceChapters(results.map(\.0))
    return results.flatMap(\.1)
  }

  // MARK: - Walking the model

  // Each list of blocks or inlines is copied only from the first one holding a formula:
  // the rest of the chapter is read, not rebuilt.

  /// `blocks` with their formulas converted (the same array when they hold none).
  func convert(_ blocks: [Block], _ pass: inout Pass) -> [Block] {
    convertEach(blocks, &pass) { convert($0, &$1) }
  }

  /// `items` with `convert` applied to each; an item is written back only when the pass
  /// converted something in it, so an array without a formula is never copied.
  func convertEach<Item>(
    _ items: [Item], _ pass: inout Pass, _ convert: (Item, inout Pass) -> Item
  ) -> [Item] {
    var result = items
    for index in items.indices {
      let before = pass.converted
      let item = convert(items[index], &pass)
      if pass.converted != before { result[index] = item }
    }
    return result
  }

  /// `block` with its formulas converted.
  func convert(_ block: Block, _ pass: inout Pass) -> Block {
    switch block.kind {
    case .blockQuote, .alert, .list: return block.mapChildBlocks { convert($0, &pass) }
    case .math(let formula):
      var block = block
      block.kind = .math(convert(formula, &pass))
      return block
    case .paragraph(let inlines):
      return rewritten(block, &pass) { .paragraph(convert(inlines, &$0)) }
    case .heading(let heading):
      return rewritten(block, &pass) { pass in
        var heading = heading
        heading.content = convert(heading.content, &pass)
        return .heading(heading)
      }
    case .table(let table):
      return rewritten(block, &pass) { pass in
        var table = table
        table.header = table.header.map { convert($0, &pass) }
        table.rows = table.rows.map { $0.map { convert($0, &pass) } }
        return .table(table)
      }
    case .figure(let image):
      // A formula in an image's alt text is not converted, but the chapter holds one.
      if Self.holdsFormula(image.alt) { pass.holdsMath = true }
      return block
    default: return block
    }
  }

  /// `block` with the kind `make` gives when the pass converted a formula while making it;
  /// otherwise `block` as it was (not boxed again).
  func rewritten(_ block: Block, _ pass: inout Pass, _ make: (inout Pass) -> Block.Kind) -> Block {
    let before = pass.converted
    let kind = make(&pass)
    guard pass.converted != before else { return block }
    var block = block
    block.kind = kind
    return block
  }

  /// `inlines` with their formulas converted (the same array when they hold none).
  func convert(_ inlines: [Inline], _ pass: inout Pass) -> [Inline] {
    guard inlines.contains(where: Self.mayHoldMath) else { return inlines }
    return convertEach(inlines, &pass) { convert($0, &$1) }
  }

  /// `inline` with its formulas converted.
  func convert(_ inline: Inline, _ pass: inout Pass) -> Inline {
    var inline = inline
    switch inline.kind {
    case .math(let formula): inline.kind = .math(convert(formula, &pass))
    case .emphasis(let children): inline.kind = .emphasis(convert(children, &pass))
    case .strong(let children): inline.kind = .strong(convert(children, &pass))
    case .strikethrough(let children): inline.kind = .strikethrough(convert(children, &pass))
    case .link(var link):
      link.content = convert(link.content, &pass)
      inline.kind = .link(link)
    case .image(let image):
      if Self.holdsFormula(image.alt) { pass.holdsMath = true }
    default: break
    }
    return inline
  }

  /// Whether `inlines` hold a formula at any depth.
  static func holdsFormula(_ inlines: [Inline]) -> Bool {
    var found = false
    Inline.walk(inlines) { if case .math = $0.kind { found = true } }
    return found
  }

  static func mayHoldMath(_ inline: Inline) -> Bool {
    switch inline.kind {
    case .math, .emphasis, .strong, .strikethrough, .link, .image: true
    default: false
    }
  }

  /// Converts one formula and reports its problems where they are in the manuscript.
  func convert(_ formula: Formula, _ diagnostics: inout [Diagnostic]) -> Formula {
    var pass = Pass()
    let converted = convert(formula, &pass)
    diagnostics += pass.diagnostics
    return converted
  }

  /// Converts one formula, packing its MathML with `pass`'s packer, and adds its problems to
  /// `pass`'s, where they are in the manuscript.
  func convert(_ formula: Formula, _ pass: inout Pass) -> Formula {
    pass.holdsMath = true
    pass.converted += 1
    var formula = formula
    let converted = cache.converted(formula.tex, display: formula.isDisplay) {
      let result = converter.convert(formula.tex, display: formula.isDisplay)
      return Converted(
        mathML: result.diagnostics.isEmpty
          ? Self.element(result.math, tex: formula.tex, packer: &pass.packer) : nil,
        problems: result.diagnostics)
    }
    formula.hasErrors = !converted.problems.isEmpty
    formula.mathML = converted.mathML
    for problem in converted.problems {
      pass.diagnostics.append(
        Diagnostic(
          .warning, Self.code(for: problem.kind),
          "formula shown as its TeX: " + problem.message,
          at: Self.location(ofOffset: problem.offset, in: formula)))
    }
    return formula
  }

  static func code(for kind: MathDiagnostic.Kind) -> DiagnosticCode {
    switch kind {
    case .unknownCommand: .mathUnknownCommand
    case .unbalancedBraces: .mathUnbalancedBraces
    case .unbalancedLeftRight: .mathUnbalancedDelimiters
    case .environmentNotClosed, .unexpectedEnd, .unknownEnvironment: .mathEnvironment
    case .missingArgument, .misplaced, .tooComplex: .mathSyntax
    }
  }

  /// Where the UTF-8 byte `offset` of a formula's TeX is in the manuscript.
  static func location(ofOffset offset: Int, in formula: Formula) -> SourceLocation {
    guard let first = formula.lineStarts.first else { return SourceLocation(file: "") }
    var line = 0
    var lineStart = 0
    for (index, byte) in formula.tex.utf8.prefix(max(offset, 0)).enumerated() where byte == 10 {
      line += 1
      lineStart = index + 1
    }
    let start = line < formula.lineStarts.count ? formula.lineStarts[line] : first
    return SourceLocation(
      file: start.file, line: start.line, column: start.column + max(offset - lineStart, 0))
  }

  /// The `<math>` element as the renderer's XML tree, its `alttext` and TeX annotation without
  /// the blank lines and spaces around the TeX (`$$` on lines of their own). Its children are
  /// packed (``PackedChildren``): the renderer writes them as they are, twice.
  static func element(_ math: MathNode, tex: String) -> XMLElement {
    var packer = PackedChildren.Packer()
    return element(math, tex: tex, packer: &packer)
  }

  /// ``element(_:tex:)``, packed with `packer`'s buffers (``PackedChildren/pack(with:_:)``).
  static func element(_ math: MathNode, tex: String, packer: inout PackedChildren.Packer)
    -> XMLElement
  {
    var math = math
    // Most formulas start and end with a visible ASCII character: nothing to trim, and no
    // need to ask Foundation (which bridges the string to look).
    if let first = tex.utf8.first, let last = tex.utf8.last, (0x21...0x7E).contains(first),
      (0x21...0x7E).contains(last)
    {
    } else {
      let trimmed = tex.trimmingCharacters(in: .whitespacesAndNewlines)
      if trimmed != tex {
        math.setAttribute("alttext", trimmed)
        if var semantics = math.children.first, let annotation = semantics.children.last,
          annotation.name == "annotation"
        {
          semantics.children[semantics.children.count - 1].text = trimmed
          math.children[0] = semantics
        }
      }
    }
    let names = math.attributes.map(\.name)
    let values = math.attributes.map(\.value)
    if let packed = PackedChildren.pack(
      with: &packer,
      { packer in
        for child in math.children { pack(child, into: &packer) }
      })
    {
      return XMLElement(math.name, names: names, values: values, packed: packed)
    }
    return element(math)
  }

  /// Packs `node` and everything below it.
  private static func pack(_ node: MathNode, into packer: inout PackedChildren.Packer) {
    packer.startElement(node.name, attributes: node.attributes.count)
    for attribute in node.attributes { packer.attribute(attribute.name, attribute.value) }
    if let text = node.text {
      packer.text(text)
    } else {
      for child in node.children { pack(child, into: &packer) }
    }
    packer.endElement()
  }

  /// The MathML tree as the renderer's XML tree.
  static func element(_ node: MathNode) -> XMLElement {
    let children: [XMLNode] =
      if let text = node.text { [.text(text)] } else { node.children.map { .element(element($0)) } }
    if node.attributes.isEmpty {
      return XMLElement(node.name, names: [], values: [], children: children)
    }
    return XMLElement(
      node.name, names: node.attributes.map(\.name), values: node.attributes.map(\.value),
      children: children)
  }
}

extension MathTypesetter {
  /// What a chapter's conversion carries from one formula to the next: the problems found,
  /// and the packer whose buffers each formula's MathML is packed with.
  struct Pass {
    var diagnostics: [Diagnostic] = []
    var packer = PackedChildren.Packer()
    /// Whether a formula was met, converted or not (one in an image's alt text is not).
    var holdsMath = false
    /// How many formulas were converted: a list is copied only when the count grows.
    var converted = 0
  }

  /// A formula converted: its `<math>` element, or its problems.
  struct Converted: Sendable {
    var mathML: XMLElement?
    var problems: [MathDiagnostic]
  }

  /// The conversions made so far, shared by the chapters converted in parallel.
  final class Cache: @unchecked Sendable {
    /// A formula's TeX and style, with the TeX's hash computed once: the key is hashed to be
    /// looked up, to be stored, and again each time the table grows.
    struct Key: Hashable {
      let tex: String
      let display: Bool
      let texHash: Int

      init(tex: String, display: Bool) {
        self.tex = tex
        self.display = display
        texHash = tex.hashValue
      }

      static func == (left: Key, right: Key) -> Bool {
        left.texHash == right.texHash && left.display == right.display && left.tex == right.tex
      }

      func hash(into hasher: inout Hasher) {
        hasher.combine(texHash)
        hasher.combine(display)
      }
    }
    private let lock = NSLock()
    private var conversions: [Key: Converted] = [:]

    /// The conversion of `tex`, made by `convert` the first time it is asked for.
    func converted(_ tex: String, display: Bool, _ convert: () -> Converted) -> Converted {
      let key = Key(tex: tex, display: display)
      if let known = lock.withLock({ conversions[key] }) { return known }
      let converted = convert()
      lock.withLock { conversions[key] = converted }
      return converted
    }
  }
}

extension Chapter {
  /// Whether any block of the chapter or of its notes holds a formula.
  var containsMath: Bool {
    // A chapter is parked only when its parser made no formula (``Chapter/park()``).
    guard parked == nil else { return false }
    var found = false
    let check: (Block) -> Void = { block in
      if case .math = block.kind { found = true }
    }
    Block.walk(blocks, check)
    for note in footnotes where !found { Block.walk(note.blocks, check) }
    if found { return true }
    Block.walkInlines(blocks) { if case .math = $0.kind { found = true } }
    for note in footnotes where !found {
      Block.walkInlines(note.blocks) { if case .math = $0.kind { found = true } }
    }
    return found
  }
}
