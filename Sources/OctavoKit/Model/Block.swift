/// A block of a chapter's content (a paragraph, heading, list…), with its source range.
public struct Block: Sendable {
  /// What the block is.
  ///
  /// Paragraphs, quotes and breaks are stored in the block itself; the larger cases are
  /// boxed (`indirect`).
  public enum Kind: Sendable {
    case paragraph([Inline])
    indirect case heading(Heading)
    case blockQuote([Block])
    indirect case list(List)
    indirect case codeBlock(CodeBlock)
    /// Raw HTML as written in the Markdown, parsed.
    indirect case html(RawHTML)
    case thematicBreak
    indirect case table(Table)
    /// An image alone in its paragraph, shown as a figure.
    indirect case figure(Image)
    /// A GitHub-style alert: a block quote that starts with `[!NOTE]`, `[!TIP]`,
    /// `[!IMPORTANT]`, `[!WARNING]` or `[!CAUTION]`.
    indirect case alert(Alert)
    /// A displayed formula alone in its paragraph (`$$…$$`) or a ` ```math ` fence.
    indirect case math(Formula)
  }

  /// What the block is.
  public var kind: Kind
  /// Where the block is in the manuscript.
  public var range: SourceRange

  /// Creates a block.
  public init(_ kind: Kind, range: SourceRange) {
    self.kind = kind
    self.range = range
  }

  /// The blocks directly inside this one.
  public var childBlocks: [Block] {
    switch kind {
    case .blockQuote(let blocks): blocks
    case .list(let list): list.items.flatMap(\.blocks)
    case .alert(let alert): alert.blocks
    default: []
    }
  }

  /// This block with `transform` applied to each list of blocks directly inside it (a
  /// quote's, an alert's, each list item's).
  public func mapChildBlocks(_ transform: ([Block]) throws -> [Block]) rethrows -> Block {
    var block = self
    switch kind {
    case .blockQuote(let children): block.kind = .blockQuote(try transform(children))
    case .alert(var alert):
      alert.blocks = try transform(alert.blocks)
      block.kind = .alert(alert)
    case .list(var list):
      list.items = try list.items.map { item in
        var item = item
        item.blocks = try transform(item.blocks)
        return item
      }
      block.kind = .list(list)
    default: break
    }
    return block
  }

  /// The inline content directly inside this block (paragraph, heading text, table cells).
  public var inlines: [Inline] {
    switch kind {
    case .paragraph(let inlines): inlines
    case .heading(let heading): heading.content
    case .table(let table): (table.header + table.rows.flatMap { $0 }).flatMap { $0 }
    case .figure(let image): [Inline(.image(image), range: range)]
    default: []
    }
  }

  /// Calls `body` on every block in `blocks` and, depth first, on every block inside them.
  /// Iterative, so deeply nested input cannot overflow the stack.
  public static func walk(_ blocks: [Block], _ body: (Block) -> Void) {
    TreeWalk.depthFirst(blocks, children: \.childBlocks, body)
  }

  /// Calls `body` on every inline of every block in `blocks`, at any depth.
  public static func walkInlines(_ blocks: [Block], _ body: (Inline) -> Void) {
    walk(blocks) { Inline.walk($0.inlines, body) }
  }
}

/// A GitHub-style alert (a call-out box).
public struct Alert: Sendable {
  /// The kinds GitHub defines.
  public enum Kind: String, Sendable, CaseIterable {
    case note, tip, important, warning, caution

    /// The label shown above the alert.
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
  }

  /// What kind of alert it is.
  public var kind: Kind
  /// The content, without the `[!KIND]` marker.
  public var blocks: [Block]

  /// Creates an alert.
  public init(kind: Kind, blocks: [Block]) {
    self.kind = kind
    self.blocks = blocks
  }
}

/// A heading: a level from 1 to 6, its text and its id.
public struct Heading: Sendable {
  /// The level, 1 for `#`.
  public var level: Int
  /// The heading's text.
  public var content: [Inline]
  /// The id written by the author with `{#id}`, if any.
  public var explicitID: String?
  /// The id the heading gets in the output, unique in the book (set by the id transform).
  public var id: String
  /// Where the heading is.
  public var range: SourceRange

  /// Creates a heading.
  public init(
    level: Int, content: [Inline], explicitID: String? = nil, id: String = "",
    range: SourceRange
  ) {
    self.level = level
    self.content = content
    self.explicitID = explicitID
    self.id = id
    self.range = range
  }

  /// The heading's text without markup.
  public var plainText: String { Inline.plainText(content) }
}

/// A bulleted or numbered list.
public struct List: Sendable {
  /// Whether the list is numbered.
  public var isOrdered: Bool
  /// The first number of a numbered list.
  public var start: Int
  /// Whether the list is tight (no blank lines between items).
  public var isTight: Bool
  /// The items.
  public var items: [ListItem]

  /// Creates a list.
  public init(isOrdered: Bool, start: Int = 1, isTight: Bool = true, items: [ListItem]) {
    self.isOrdered = isOrdered
    self.start = start
    self.isTight = isTight
    self.items = items
  }

  /// Whether any item is a task.
  public var isTaskList: Bool { items.contains { $0.task != nil } }
}

/// One item of a list.
public struct ListItem: Sendable {
  /// The state of a task-list item: `true` when checked; `nil` for an ordinary item.
  public var task: Bool?
  /// The item's content.
  public var blocks: [Block]
  /// Where the item is.
  public var range: SourceRange

  /// Creates an item.
  public init(task: Bool? = nil, blocks: [Block], range: SourceRange) {
    self.task = task
    self.blocks = blocks
    self.range = range
  }
}

/// A code block.
public struct CodeBlock: Sendable {
  /// The language named after the opening fence, if any.
  public var language: String?
  /// The code, ending in a newline.
  public var code: String
  /// The listing's label from the fence's attributes (`{#lst:id}`, `{#lst-id}`), without the
  /// `#`; nil when the fence names none.
  public var label: String?
  /// The listing's caption (the fence's `caption="…"` attribute, read as inline Markdown);
  /// empty when it has none.
  public var caption: [Inline]
  /// The listing's number and id, set by the numbering transform for a labelled listing.
  public var numbering: NumberedLabel?
  /// The number the first line shows when the lines are numbered (`.numberLines`,
  /// `startFrom="10"`); nil when they are not.
  public var firstLineNumber: Int?
  /// The lines to highlight (`hl_lines="2 4-6"`), counted from the block's first line as 1.
  public var highlightedLines: Set<Int>

  /// Creates a code block.
  public init(
    language: String?, code: String, label: String? = nil, caption: [Inline] = [],
    firstLineNumber: Int? = nil, highlightedLines: Set<Int> = []
  ) {
    self.language = language
    self.code = code
    self.label = label
    self.caption = caption
    self.firstLineNumber = firstLineNumber
    self.highlightedLines = highlightedLines
  }
}

/// A table: a header row and body rows of cells.
public struct Table: Sendable {
  /// How a column's cells are aligned.
  public enum Alignment: String, Sendable {
    case none, left, center, right
  }

  /// One alignment per column.
  public var alignments: [Alignment]
  /// The header row's cells.
  public var header: [[Inline]]
  /// The body rows.
  public var rows: [[[Inline]]]
  /// The caption (pandoc's `Table: Caption` or `: Caption` paragraph next to the table);
  /// empty when it has none.
  public var caption: [Inline] = []
  /// The label written after the caption (`{#tbl:id}`, `{#tbl-id}`), without the `#`.
  public var label: String?
  /// The table's number and id, set by the numbering transform for a labelled table.
  public var numbering: NumberedLabel?

  /// Creates a table.
  public init(
    alignments: [Alignment], header: [[Inline]], rows: [[[Inline]]], caption: [Inline] = [],
    label: String? = nil
  ) {
    self.alignments = alignments
    self.header = header
    self.rows = rows
    self.caption = caption
    self.label = label
  }
}

/// A footnote: its number, its label and its content.
public struct Footnote: Sendable {
  /// The label written in the Markdown (`[^label]`).
  public var label: String
  /// The number, 1 for the chapter's first note.
  public var number: Int
  /// The note's content.
  public var blocks: [Block]
  /// How many times the text refers to the note.
  public var referenceCount: Int
  /// Which of those references (1-based occurrences) stand inside a note rather than in the
  /// chapter's text: their back links lead into the document the notes are in.
  public var referencesInNotes: Set<Int> = []
  /// Where the definition is.
  public var range: SourceRange

  /// Creates a footnote.
  public init(
    label: String, number: Int, blocks: [Block], referenceCount: Int = 0,
    range: SourceRange
  ) {
    self.label = label
    self.number = number
    self.blocks = blocks
    self.referenceCount = referenceCount
    self.range = range
  }
}

/// A formula written in TeX, converted to MathML when the book is rendered.
public struct Formula: Sendable {
  /// The TeX between the delimiters, as written.
  public var tex: String
  /// Whether the formula is set on its own line (`$$…$$`, a ` ```math ` fence) rather than in
  /// the running text.
  public var isDisplay: Bool
  /// The label of a numbered equation (`\label{eq:id}` inside, or `{#eq:id}` after the
  /// formula), nil when it has none.
  public var label: String?
  /// The equation's number as shown ("3.2"), set by `\tag{…}` or by the numbering pass; nil
  /// when the formula is not numbered.
  public var number: String?
  /// Where each line of ``tex`` starts in the manuscript, so a problem found inside the formula
  /// is reported at its own line and column; empty when not known.
  var lineStarts: [SourceLocation] = []
  /// The `<math>` element the math pass made, or nil before it ran or when the TeX has errors.
  var mathML: XMLElement?
  /// Whether the TeX has errors: the formula is then shown as its TeX, in code style.
  var hasErrors = false

  /// Creates a formula.
  public init(tex: String, isDisplay: Bool, label: String? = nil, number: String? = nil) {
    self.tex = tex
    self.isDisplay = isDisplay
    self.label = label
    self.number = number
  }
}
