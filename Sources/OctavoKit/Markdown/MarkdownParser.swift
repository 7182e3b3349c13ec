internal import CCmarkGFM
import Foundation

/// Parses one chapter's Markdown with cmark-gfm into Octavo's block tree.
///
/// This is the only file that talks to cmark-gfm. The C tree never leaves `parse`: it is
/// converted to Swift values and freed before the function returns. Nesting deeper than
/// ``maximumDepth`` is flattened (and reported), so no later walk can overflow the stack.
struct MarkdownParser {
  /// Deeper nesting of blocks or inlines than this is flattened. Real books nest a few
  /// levels; the limit keeps every recursive walk far from the end of a thread's stack.
  static let maximumDepth = 40

  /// The manuscript-relative path of the file, for source locations.
  let file: String
  /// Lines before the Markdown in the file (the front matter), added to cmark's lines.
  let lineOffset: Int

  /// Registers the GFM extensions once per process. cmark-gfm also sets up its global node
  /// flags on the first `cmark_parser_new`, without a lock: make that first parser here, so
  /// parsers made later on several threads at once find everything set up.
  private static let registerExtensions: Void = {
    cmark_gfm_core_extensions_ensure_registered()
    if let parser = cmark_parser_new(CMARK_OPT_DEFAULT) { cmark_parser_free(parser) }
  }()

  /// The math extension: at each `$` outside code it reads a whole formula (see ``MathSpan``)
  /// as one code node marked with this extension, the column of its `$` in its user data, so
  /// nothing inside a formula is read as Markdown. Made once; never freed.
  /// The pointer never changes after it is made; cmark-gfm only reads the extension.
  nonisolated(unsafe) fileprivate static let mathExtension: OpaquePointer? = {
    guard let math = cmark_syntax_extension_new("octavo-math") else { return nil }
    let memory = cmark_get_default_mem_allocator()
    let dollar = UnsafeMutableRawPointer(bitPattern: Int(MathSpan.dollar))
    cmark_syntax_extension_set_special_inline_chars(math, cmark_llist_append(memory, nil, dollar))
    cmark_syntax_extension_set_match_inline_func(math) { math, _, _, _, subject in
      var length: Int32 = 0
      guard let subject, let data = octavo_inline_subject(subject, &length) else { return nil }
      let start = Int(cmark_inline_parser_get_offset(subject))
      let bytes = UnsafeBufferPointer(start: data, count: Int(length))
      guard let end = MathSpan.end(in: bytes, from: start),
        let node = cmark_node_new_with_mem(CMARK_NODE_CODE, cmark_get_default_mem_allocator())
      else { return nil }
      let source = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
      cmark_node_set_literal(node, source)
      cmark_node_set_syntax_extension(node, math)
      let column = max(Int(cmark_inline_parser_get_column(subject)), 1) & 0xFFFF_FFFF
      let line = max(Int(cmark_inline_parser_get_line(subject)), 0) & 0x7FFF_FFFF
      cmark_node_set_user_data(node, UnsafeMutableRawPointer(bitPattern: line << 32 | column))
      cmark_inline_parser_set_offset(subject, Int32(end))
      return node
    }
    return math
  }()

  /// Sets up cmark-gfm's global state; call once before parsing on several threads.
  static func prepareForConcurrentUse() { _ = registerExtensions }

  /// cmark-gfm adds the attached extensions' special characters (`~`, `|`…) to a global table
  /// while it parses inlines (`cmark_parser_finish`), then removes them: inline parses take
  /// turns; block parsing (`cmark_parser_feed`) and converting the trees run concurrently.
  private static let cmarkLock = NSLock()

  /// The GitHub extensions every chapter is parsed with.
  private static let extensions = ["table", "strikethrough", "autolink", "tasklist"]
  /// The parser options: source positions, footnotes, raw HTML kept (it is sanitized later).
  /// As on GitHub, one tilde or two make strikethrough.
  private static let options =
    CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE | CMARK_OPT_VALIDATE_UTF8

  /// The bounds used for chapters with a risky shape.
  var limits = Limits()

  /// Parses `text` (LF line endings, no BOM) into blocks.
  ///
  /// A chapter whose shape could make cmark-gfm 0.29 run away (see ``ParseRisk``) is first
  /// parsed in a child process within ``limits``; when that trial fails, the chapter is
  /// reported as an error and left empty, and this process never runs the parse.
  func parse(_ text: String) -> Result {
    _ = Self.registerExtensions
    var bytes = Array(text.utf8)
    let risk = ParseRisk.scan(bytes)
    // A risky chapter's trial forks a child with cmark-gfm's global special-character table
    // as it is between parses: no other parse runs from it on. Others lock for the inlines.
    if let risk {
      Self.cmarkLock.lock()
      if let problem = trial(bytes) {
        Self.cmarkLock.unlock()
        return Result(diagnostics: [
          Diagnostic(
            .error, .parseTooComplex,
            "this chapter is too complex to parse safely: \(risk.shape.description) made the Markdown parser \(problem); simplify or split it",
            at: SourceLocation(file: file, line: risk.line + lineOffset, column: 1))
        ])
      }
    }
    guard let parser = cmark_parser_new(Self.options) else {
      if risk != nil { Self.cmarkLock.unlock() }
      return Result()
    }
    defer { cmark_parser_free(parser) }
    let extensions = Self.extensions.compactMap { cmark_find_syntax_extension($0) }
    for pointer in extensions + [Self.mathExtension].compactMap({ $0 }) {
      cmark_parser_attach_syntax_extension(parser, pointer)
    }
    // Blocks are parsed concurrently: the block parser reads none of those global tables.
    bytes.withUnsafeMutableBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        cmark_parser_feed(parser, chars.baseAddress, chars.count)
      }
    }
    bytes = []
    if risk == nil { Self.cmarkLock.lock() }
    let finished = cmark_parser_finish(parser)
    Self.cmarkLock.unlock()
    guard let document = finished else { return Result() }
    defer { cmark_node_free(document) }
    var converter = Converter(file: file, lineOffset: lineOffset, text: text)
    // cmark-gfm moves the definitions that are referenced to the document's end, in the order
    // of their first reference, and numbers each reference with its definition's place.
    var child = cmark_node_first_child(document)
    while let node = child {
      if cmark_node_get_type(node) == CMARK_NODE_FOOTNOTE_DEFINITION {
        converter.definitionLabels.append(converter.footnoteLabel(definition: node))
      }
      child = cmark_node_next(node)
    }
    var result = Result()
    var definitionIndex = 0
    child = cmark_node_first_child(document)
    while let node = child {
      child = cmark_node_next(node)
      if cmark_node_get_type(node) == CMARK_NODE_FOOTNOTE_DEFINITION {
        let label = converter.definitionLabels[definitionIndex]
        definitionIndex += 1
        let blocks = converter.blocks(under: node, depth: 1)
        result.footnoteDefinitions.append((label, blocks, converter.range(node)))
      } else {
        result.blocks.append(contentsOf: converter.block(node, depth: 0))
        // Each top-level block of the text is freed once converted, so cmark-gfm's tree
        // shrinks as the model grows (a chapter of 10,000 notes makes 12 MB of nodes)
        // instead of living beside the whole model. Not a note's definition: a reference in
        // a later note may point at it (cmark-gfm's `parent_footnote_def`); the definitions
        // come last and go with the document.
        cmark_node_unlink(node)
        cmark_node_free(node)
      }
    }
    if Self.mayHaveLabels(text) { result.blocks = Self.attachLabels(result.blocks) }
    result.diagnostics = converter.diagnostics
    result.mayHoldRawHTML = !converter.rawHTML.isEmpty
    result.mayHoldMath = converter.madeFormula
    result.diagnostics += unusedDefinitions(
      in: converter.lines, outside: converter.codeLines,
      defined: Set(result.footnoteDefinitions.map(\.label)))
    return result
  }

  /// Parses `bytes` in a child process within ``limits``; `nil` when that went well, else
  /// what went wrong, as words for a diagnostic.
  private func trial(_ bytes: [UInt8]) -> String? {
    let maximumNodes = max(limits.minimumNodes, limits.nodesPerByte * bytes.count)
    var names = Self.extensions.map { strdup($0) }
    defer { names.forEach { free($0) } }
    var seconds = 0.0
    var nodes: UInt = 0
    let verdict = names.withUnsafeMutableBufferPointer { namePointers in
      namePointers.withMemoryRebound(to: UnsafePointer<CChar>?.self) { constNames in
        bytes.withUnsafeBufferPointer { buffer in
          buffer.withMemoryRebound(to: CChar.self) { chars in
            octavo_cmark_probe(
              chars.baseAddress, chars.count, Self.options, constNames.baseAddress,
              Int32(constNames.count), limits.cpuSeconds, limits.wallSeconds,
              limits.memory >> 10, UInt(maximumNodes), &seconds, &nodes)
          }
        }
      }
    }
    switch Int(verdict) {
    case Int(OCTAVO_PROBE_OK): return nil
    case Int(OCTAVO_PROBE_TIME): return "run for more than \(limits.cpuSeconds) s"
    case Int(OCTAVO_PROBE_MEMORY): return "need more than \(limits.memory >> 20) MB"
    case Int(OCTAVO_PROBE_NODES):
      return
        "build \(nodes.formatted()) nodes, more than the \(maximumNodes.formatted()) allowed for its size"
    default:
      // The trial could not run (no fork here): parse as usual rather than refuse the book.
      return nil
    }
  }
}

/// Walks a cmark tree and builds Swift values.
private struct Converter {
  let file: String
  /// The number of ``file`` in ``SourceFileNames``, looked up once for the chapter.
  let fileID: UInt32
  let lineOffset: Int
  /// The Markdown's lines, for reading what cmark's API does not give.
  let lines: [Substring]
  var diagnostics: [Diagnostic] = []
  /// Lines (1-based, before the front-matter shift) inside code blocks.
  var codeLines = IndexSet()
  private var reportedDepth = false
  /// Raw HTML parsed so far.
  var rawHTML = RawHTMLMemo()
  var madeFormula = false  // Whether a formula was made (`Result.mayHoldMath`).

  init(file: String, lineOffset: Int, text: String) {
    self.file = file
    self.fileID = SourceFileNames.id(of: file)
    self.lineOffset = lineOffset
    // Split on LF bytes, not characters (no grapheme breaking); lines share the text's storage.
    self.lines = text.linesSplitAtLineFeeds()
  }

  func location(line: Int32, column: Int32) -> SourceLocation {
    SourceLocation(
      fileID: fileID, line: Int(max(line, 1)) + lineOffset, column: Int(max(column, 1)))
  }

  func range(_ node: OpaquePointer) -> SourceRange {
    SourceRange(
      start: location(
        line: cmark_node_get_start_line(node),
        column: cmark_node_get_start_column(node)),
      end: location(line: cmark_node_get_end_line(node), column: cmark_node_get_end_column(node)))
  }

  /// The range of an inline node. cmark-gfm 0.29 counts an inline's position as an offset
  /// into its paragraph's text, all on the paragraph's first line; map it back to the real
  /// line and column. Inlines without a position take the enclosing block's.
  func range(_ node: OpaquePointer, within block: SourceRange) -> SourceRange {
    let line = Int(cmark_node_get_start_line(node))
    guard line > 0 else { return block }
    let start = mapInline(line: line, column: Int(cmark_node_get_start_column(node)), block: block)
    let end = mapInline(
      line: Int(cmark_node_get_end_line(node)),
      column: Int(cmark_node_get_end_column(node)), block: block)
    return SourceRange(start: start, end: end)
  }

  func mapInline(line: Int, column: Int, block: SourceRange) -> SourceLocation {
    let blockLine = block.start.line - lineOffset
    guard line == blockLine, blockLine >= 1, blockLine <= lines.count else {
      return location(line: Int32(line), column: Int32(column))
    }
    var offset = column - block.start.column
    var current = blockLine
    var contentStart = block.start.column - 1
    while current <= lines.count {
      let bytes = lines[current - 1].utf8
      let length = max(bytes.count - contentStart, 0)
      if offset <= length || current == lines.count {
        return SourceLocation(
          fileID: fileID, line: current + lineOffset, column: contentStart + offset + 1)
      }
      offset -= length + 1
      current += 1
      guard current <= lines.count else { break }
      // Continuation lines lose their container markers and indentation.
      contentStart = lines[current - 1].utf8.prefix { $0 == 32 || $0 == 9 || $0 == 62 }.count
    }
    return location(line: Int32(line), column: Int32(column))
  }

  func literal(_ node: OpaquePointer) -> String {
    guard let pointer = cmark_node_get_literal(node) else { return "" }
    return String(cString: pointer)
  }

  func typeString(_ node: OpaquePointer) -> String {
    guard let pointer = cmark_node_get_type_string(node) else { return "" }
    return String(cString: pointer)
  }

  /// The labels of the chapter's footnote definitions, in the order cmark-gfm numbered them.
  var definitionLabels: [String] = []

  /// A footnote definition's label (`[^label]:`), read from the source line before the
  /// position cmark-gfm gives the definition (its content's start, after `]:`); rendered
  /// back out by cmark-gfm when the line does not read as expected.
  func footnoteLabel(definition node: OpaquePointer) -> String {
    let line = Int(cmark_node_get_start_line(node))
    let column = Int(cmark_node_get_start_column(node))
    guard line >= 1, line <= lines.count, column >= 1,
      let label = MarkdownParser.definitionLabel(lines[line - 1], before: column)
    else { return footnoteLabel(node) }
    assert(label == footnoteLabel(node), "footnote label read from the source")
    return label
  }

  /// A footnote reference's label: cmark-gfm gives the number of the definition it refers to.
  func footnoteLabel(reference node: OpaquePointer) -> String {
    guard let pointer = cmark_node_get_literal(node), let number = Int(String(cString: pointer)),
      number >= 1, number <= definitionLabels.count
    else { return footnoteLabel(node) }
    assert(definitionLabels[number - 1] == footnoteLabel(node), "footnote reference's label")
    return definitionLabels[number - 1]
  }

  /// A footnote's label (`[^label]`), for a definition or a reference. cmark-gfm's API
  /// gives neither, but its CommonMark renderer writes the label back out.
  func footnoteLabel(_ node: OpaquePointer) -> String {
    guard let rendered = cmark_render_commonmark(node, CMARK_OPT_DEFAULT, 0) else { return "" }
    defer { free(rendered) }
    let text = String(cString: rendered)
    guard let open = text.range(of: "[^"),
      let close = text[open.upperBound...].firstIndex(of: "]")
    else { return "" }
    return String(text[open.upperBound..<close])
  }

  /// A formula read by the math extension, located at its `$`, with where each of its lines
  /// starts (continuation lines lose their indentation and container markers).
  func formula(_ node: OpaquePointer, block: SourceRange) -> Inline {
    let source = literal(node)
    var formula = MathSpan.formula(source: source)
    // cmark-gfm gives the line of the `$` and its column counted from the paragraph's
    // indentation on the first line, from the line's content on the others.
    let position = Int(bitPattern: cmark_node_get_user_data(node))
    let (line, column) = (position >> 32, position & 0xFFFF_FFFF)
    let blockLine = block.start.line - lineOffset
    var start = mapInline(line: blockLine, column: column, block: block)
    if line > blockLine, line <= lines.count {
      let indent = lines[line - 1].utf8.prefix { $0 == 32 || $0 == 9 || $0 == 62 }.count
      start = SourceLocation(
        fileID: fileID, line: line + lineOffset,
        column: column - (block.start.column - 1) + indent)
    }
    let delimiter = formula.isDisplay ? 2 : 1
    formula.lineStarts = [
      SourceLocation(fileID: fileID, line: start.line, column: start.column + delimiter)
    ]
    for index in 0..<formula.tex.utf8.count(where: { $0 == 10 }) {
      let line = start.line - lineOffset + index + 1
      guard line >= 1, line <= lines.count else { break }
      let indent = lines[line - 1].utf8.prefix { $0 == 32 || $0 == 9 || $0 == 62 }.count
      formula.lineStarts.append(
        SourceLocation(fileID: fileID, line: line + lineOffset, column: indent + 1))
    }
    return Inline(.math(formula), range: SourceRange(start: start, end: start))
  }

  /// Where each line of a ` ```math ` fence's content starts.
  func fencedLineStarts(_ node: OpaquePointer, lineCount: Int) -> [SourceLocation] {
    let fenceLine = Int(cmark_node_get_start_line(node))
    let column = Int(cmark_node_get_start_column(node))
    return (0...lineCount).map {
      location(line: Int32(fenceLine + 1 + $0), column: Int32(column))
    }
  }

  mutating func noteDepth(_ node: OpaquePointer) {
    guard !reportedDepth else { return }
    reportedDepth = true
    diagnostics.append(
      Diagnostic(
        .warning, .parseLimit,
        "content is nested more than \(MarkdownParser.maximumDepth) levels deep; deeper levels are flattened",
        at: range(node).start))
  }

  mutating func blocks(under node: OpaquePointer, depth: Int) -> [Block] {
    var result: [Block] = []
    var child = cmark_node_first_child(node)
    while let current = child {
      result.append(contentsOf: block(current, depth: depth))
      child = cmark_node_next(current)
    }
    return result
  }

  /// Converts one block node. Returns several blocks when nesting was flattened.
  mutating func block(_ node: OpaquePointer, depth: Int) -> [Block] {
    let range = range(node)
    if depth >= MarkdownParser.maximumDepth, Self.isContainer(node) {
      noteDepth(node)
      return flattened(node)
    }
    switch cmark_node_get_type(node) {
    case CMARK_NODE_PARAGRAPH:
      var content = inlines(under: node, block: range, depth: 0)
      if let formula = MathSpan.attachLabels(&content) {
        return [Block(.math(formula), range: range)]
      }
      if content.count == 1, case .image(let image) = content[0].kind {
        return [Block(.figure(image), range: range)]
      }
      return [Block(.paragraph(content), range: range)]
    case CMARK_NODE_HEADING:
      var content = inlines(under: node, block: range, depth: 0)
      let explicitID = MarkdownParser.takeExplicitID(from: &content)
      let level = Int(cmark_node_get_heading_level(node))
      return [
        Block(
          .heading(
            Heading(
              level: min(max(level, 1), 6), content: content,
              explicitID: explicitID, range: range)), range: range)
      ]
    case CMARK_NODE_BLOCK_QUOTE:
      let children = blocks(under: node, depth: depth + 1)
      if let alert = MarkdownParser.alert(from: children) {
        return [Block(.alert(alert), range: range)]
      }
      return [Block(.blockQuote(children), range: range)]
    case CMARK_NODE_LIST:
      var items: [ListItem] = []
      var child = cmark_node_first_child(node)
      while let item = child {
        let task: Bool? =
          typeString(item) == "tasklist"
          ? cmark_gfm_extensions_get_tasklist_item_checked(item) : nil
        items.append(
          ListItem(
            task: task, blocks: blocks(under: item, depth: depth + 1),
            range: self.range(item)))
        child = cmark_node_next(item)
      }
      let list = List(
        isOrdered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
        start: Int(cmark_node_get_list_start(node)),
        isTight: cmark_node_get_list_tight(node) != 0, items: items)
      return [Block(.list(list), range: range)]
    case CMARK_NODE_CODE_BLOCK:
      let first = Int(cmark_node_get_start_line(node))
      let last = Int(cmark_node_get_end_line(node))
      if first > 0, last >= first { codeLines.insert(integersIn: first...last) }
      var info = ""
      if let pointer = cmark_node_get_fence_info(node) { info = String(cString: pointer) }
      if MarkdownParser.language(fromInfo: info) == "math" {
        madeFormula = true
        var formula = MathSpan.formula(tex: literal(node), display: true)
        formula.label = formula.label ?? MarkdownParser.fenceLabel(info)
        formula.lineStarts = fencedLineStarts(node, lineCount: formula.tex.count { $0 == "\n" })
        return [Block(.math(formula), range: range)]
      }
      let made = MarkdownParser.codeBlock(
        info: info, code: literal(node), range: range,
        fenceLine: first > 0 && first <= lines.count ? lines[first - 1] : nil)
      diagnostics += made.diagnostics
      return [Block(.codeBlock(made.block), range: range)]
    case CMARK_NODE_HTML_BLOCK:
      return [Block(.html(rawHTML.parse(literal(node))), range: range)]
    case CMARK_NODE_THEMATIC_BREAK:
      return [Block(.thematicBreak, range: range)]
    default:
      if typeString(node) == "table" {
        return [Block(.table(table(node, range: range)), range: range)]
      }
      // Unknown block: keep its content.
      return blocks(under: node, depth: depth)
    }
  }

  /// The node's children, in order.
  static func children(of node: OpaquePointer) -> [OpaquePointer] {
    var children: [OpaquePointer] = []
    var child = cmark_node_first_child(node)
    while let next = child {
      children.append(next)
      child = cmark_node_next(next)
    }
    return children
  }

  static func isContainer(_ node: OpaquePointer) -> Bool {
    let type = cmark_node_get_type(node)
    return type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST || type == CMARK_NODE_ITEM
  }

  /// The leaf blocks under a container, in order, without nesting: walked with an explicit
  /// stack, so no depth of input can exhaust the thread's stack.
  mutating func flattened(_ node: OpaquePointer) -> [Block] {
    var result: [Block] = []
    var stack: [OpaquePointer] = [node]
    while let current = stack.popLast() {
      if Self.isContainer(current) {
        stack.append(contentsOf: Self.children(of: current).reversed())
      } else {
        result.append(contentsOf: block(current, depth: MarkdownParser.maximumDepth))
      }
    }
    return result
  }

  mutating func table(_ node: OpaquePointer, range: SourceRange) -> Table {
    let columns = Int(cmark_gfm_extensions_get_table_columns(node))
    var alignments: [Table.Alignment] = []
    if let pointer = cmark_gfm_extensions_get_table_alignments(node) {
      for index in 0..<columns {
        switch UInt8(pointer[index]) {
        case UInt8(ascii: "l"): alignments.append(.left)
        case UInt8(ascii: "c"): alignments.append(.center)
        case UInt8(ascii: "r"): alignments.append(.right)
        default: alignments.append(.none)
        }
      }
    }
    var header: [[Inline]] = []
    var rows: [[[Inline]]] = []
    var rowNode = cmark_node_first_child(node)
    while let row = rowNode {
      var cells: [[Inline]] = []
      var cellNode = cmark_node_first_child(row)
      while let cell = cellNode {
        cells.append(inlines(under: cell, block: self.range(cell, within: range), depth: 0))
        cellNode = cmark_node_next(cell)
      }
      if cmark_gfm_extensions_get_table_row_is_header(row) != 0 {
        header = cells
      } else {
        rows.append(cells)
      }
      rowNode = cmark_node_next(row)
    }
    return Table(alignments: alignments, header: header, rows: rows)
  }

  mutating func inlines(under node: OpaquePointer, block: SourceRange, depth: Int) -> [Inline] {
    var result: [Inline] = []
    var child = cmark_node_first_child(node)
    while let current = child {
      result.append(contentsOf: inline(current, block: block, depth: depth))
      child = cmark_node_next(current)
    }
    return MarkdownParser.mergingTextRuns(result)
  }

  mutating func inline(_ node: OpaquePointer, block: SourceRange, depth: Int) -> [Inline] {
    let range = range(node, within: block)
    let type = cmark_node_get_type(node)
    if depth >= MarkdownParser.maximumDepth, cmark_node_first_child(node) != nil {
      noteDepth(node)
      // Keep the leaves in order, walking with an explicit stack.
      var leaves: [Inline] = []
      var stack: [OpaquePointer] = [node]
      while let current = stack.popLast() {
        if cmark_node_first_child(current) == nil
          || cmark_node_get_type(current) == CMARK_NODE_IMAGE
        {
          if current != node {
            leaves.append(contentsOf: inline(current, block: block, depth: depth))
          }
          continue
        }
        stack.append(contentsOf: Self.children(of: current).reversed())
      }
      return leaves
    }
    switch type {
    case CMARK_NODE_TEXT: return [Inline(.text(literal(node)), range: range)]
    case CMARK_NODE_SOFTBREAK: return [Inline(.softBreak, range: range)]
    case CMARK_NODE_LINEBREAK: return [Inline(.lineBreak, range: range)]
    case CMARK_NODE_CODE:
      if let math = MarkdownParser.mathExtension, cmark_node_get_syntax_extension(node) == math {
        madeFormula = true
        return [formula(node, block: block)]
      }
      return [Inline(.code(literal(node)), range: range)]
    case CMARK_NODE_HTML_INLINE: return [Inline(.html(rawHTML.parse(literal(node))), range: range)]
    case CMARK_NODE_EMPH:
      return [Inline(.emphasis(inlines(under: node, block: block, depth: depth + 1)), range: range)]
    case CMARK_NODE_STRONG:
      return [Inline(.strong(inlines(under: node, block: block, depth: depth + 1)), range: range)]
    case CMARK_NODE_LINK:
      let link = Link(
        destination: MarkdownParser.string(cmark_node_get_url(node)),
        title: MarkdownParser.optionalString(cmark_node_get_title(node)),
        content: inlines(under: node, block: block, depth: depth + 1))
      return [Inline(.link(link), range: range)]
    case CMARK_NODE_IMAGE:
      let image = Image(
        source: MarkdownParser.string(cmark_node_get_url(node)),
        title: MarkdownParser.optionalString(cmark_node_get_title(node)),
        alt: inlines(under: node, block: block, depth: depth + 1))
      return [Inline(.image(image), range: range)]
    case CMARK_NODE_FOOTNOTE_REFERENCE:
      return [
        Inline(
          .footnoteReference(label: footnoteLabel(reference: node), occurrence: 0),
          range: range)
      ]
    default:
      if typeString(node) == "strikethrough" {
        return [
          Inline(
            .strikethrough(inlines(under: node, block: block, depth: depth + 1)),
            range: range)
        ]
      }
      return inlines(under: node, block: block, depth: depth)
    }
  }
}
