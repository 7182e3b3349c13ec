import Foundation

/// Inline content: text, emphasis, links, images and the like, with a source range.
public struct Inline: Sendable {
  /// What the inline is.
  ///
  /// Text, code, emphasis and breaks are stored in the inline itself; the larger cases are
  /// boxed (`indirect`), so an inline takes 48 bytes and plain text allocates nothing but
  /// its string.
  public enum Kind: Sendable {
    case text(String)
    case emphasis([Inline])
    case strong([Inline])
    case strikethrough([Inline])
    case code(String)
    indirect case link(Link)
    indirect case image(Image)
    /// Raw HTML as written in the Markdown (often one tag), parsed.
    indirect case html(RawHTML)
    case softBreak
    case lineBreak
    /// A reference to a footnote: its label, and which reference to the note it is (1 for the
    /// first).
    indirect case footnoteReference(label: String, occurrence: Int)
    /// A formula in TeX inside running text (`$…$`, or `$$…$$` within a paragraph).
    indirect case math(Formula)
  }

  /// What the inline is.
  public var kind: Kind
  /// Where it is in the manuscript (for some inlines, the enclosing block's start).
  public var range: SourceRange

  /// Creates an inline.
  public init(_ kind: Kind, range: SourceRange) {
    self.kind = kind
    self.range = range
  }

  /// The inlines directly inside this one.
  public var children: [Inline] {
    switch kind {
    case .emphasis(let c), .strong(let c), .strikethrough(let c): c
    case .link(let link): link.content
    case .image(let image): image.alt
    default: []
    }
  }

  /// Calls `body` on every inline at any depth, depth first, iteratively.
  public static func walk(_ inlines: [Inline], _ body: (Inline) -> Void) {
    TreeWalk.depthFirst(inlines, children: \.children, body)
  }

  /// The text of `inlines` without markup, as a screen reader or a table of contents shows it.
  public static func plainText(_ inlines: [Inline]) -> String {
    var text = ""
    walk(inlines) { inline in
      switch inline.kind {
      case .text(let s), .code(let s): text += s
      case .softBreak, .lineBreak: text += " "
      default: break
      }
    }
    return text
  }
}

/// A link and where it leads.
public struct Link: Sendable {
  /// The destination as written.
  public var destination: String
  /// The title, if any.
  public var title: String?
  /// The link text.
  public var content: [Inline]
  /// Where the link leads, once resolved by the link transform.
  public var target: LinkTarget
  /// Whether the link is a cross-reference to a numbered element (`@fig:arch`), made by the
  /// cross-reference transform: the print edition adds the target's page after it.
  public var isCrossReference = false

  /// Creates a link.
  public init(
    destination: String, title: String? = nil, content: [Inline],
    target: LinkTarget = .unresolved, isCrossReference: Bool = false
  ) {
    self.destination = destination
    self.title = title
    self.content = content
    self.target = target
    self.isCrossReference = isCrossReference
  }
}

/// Where a link leads, once resolved.
public enum LinkTarget: Sendable, Hashable {
  /// Not resolved yet.
  case unresolved
  /// A web address or another allowed absolute URL, kept as written.
  case external(String)
  /// A chapter of the book, and an element in it (`nil` for the chapter's start).
  case chapter(id: String, fragment: String?)
  /// Nowhere: the link is shown as text (the reason was reported as a diagnostic).
  case none
}

/// An image: its source, alt text and title, and the resource it resolved to.
public struct Image: Sendable {
  /// The source as written.
  public var source: String
  /// The title, shown as a figure's caption.
  public var title: String?
  /// The alt text.
  public var alt: [Inline]
  /// What the source resolved to.
  public var target: ImageTarget
  /// The label written after a figure's image (`![Caption](a.png){#fig:id}`), without the
  /// `#`; the alt text is then the caption.
  public var label: String?
  /// The figure's number and id, set by the numbering transform for a labelled figure.
  public var numbering: NumberedLabel?

  /// Creates an image.
  public init(
    source: String, title: String? = nil, alt: [Inline],
    target: ImageTarget = .unresolved
  ) {
    self.source = source
    self.title = title
    self.alt = alt
    self.target = target
  }

  /// The alt text without markup.
  public var altText: String { Inline.plainText(alt) }

  /// Whether the author marked the image decorative, by giving it the title `decorative`
  /// (`![](rule.png "decorative")`): it is then hidden from assistive technology
  /// (`alt=""`, `role="presentation"`) and gets no caption.
  public var isDecorative: Bool {
    title?.trimmingCharacters(in: .whitespaces).lowercased() == "decorative"
  }
}

/// What an image's source resolved to.
public enum ImageTarget: Sendable, Hashable {
  case unresolved
  /// An image of the book (an index into `Book.images`).
  case resource(Int)
  /// A remote image, never fetched: shown as its alt text linked to the URL.
  case remote(String)
  /// Nothing usable: shown as its alt text.
  case none
}

/// An image file of the manuscript that the book uses.
public struct ImageResource: Sendable, Hashable {
  /// The file's path relative to the manuscript folder.
  public var path: String
  /// The file's media type, from its bytes.
  public var mediaType: String
  /// The name the image has in outputs (`pipeline.svg`), unique in the book.
  public var fileName: String
  /// For a placeholder that stands in for an image that cannot be used (missing, not an
  /// image, outside the manuscript): the source as the chapter wrote it. A placeholder's
  /// bytes are made by Octavo (``placeholderSVG(for:)``), never read; only a draft is built
  /// with placeholders, since the problem is an error.
  public var missingSource: String?

  /// The bytes the book uses instead of the file's, when Octavo had to change them (an SVG
  /// with something unsafe removed); `nil` when the file is used as it is.
  public var replacement: [UInt8]?

  /// Creates an image resource.
  public init(
    path: String, mediaType: String, fileName: String, missingSource: String? = nil,
    replacement: [UInt8]? = nil
  ) {
    self.path = path
    self.mediaType = mediaType
    self.fileName = fileName
    self.missingSource = missingSource
    self.replacement = replacement
  }

  /// Whether this is a placeholder for an image that cannot be used.
  public var isPlaceholder: Bool { missingSource != nil }

  /// The bytes that go into the book: the generated placeholder, else ``replacement``, else
  /// the file's in `root` (the manuscript folder); `nil` when the file cannot be read.
  public func bytes(in root: URL) -> [UInt8]? {
    if let missingSource { return Array(Self.placeholderSVG(for: missingSource).utf8) }
    if let replacement { return replacement }
    return FileManager.default.contents(atPath: root.appending(path: path).path).map { [UInt8]($0) }
  }

  /// The placeholder drawn for a missing image: a dashed frame that says which image is
  /// missing. Self-contained SVG (no fonts, no links), the same bytes every time.
  public static func placeholderSVG(for source: String) -> String {
    var shown = source
    if shown.count > 60 { shown = "…" + String(shown.suffix(59)) }
    let escaped = shown.replacingOccurrences(of: "&", with: "&amp;")
      .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    return """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="640" height="200" viewBox="0 0 640 200" role="img">
        <title>Missing image: \(escaped)</title>
        <rect x="4" y="4" width="632" height="192" rx="8" fill="#fff6e5" stroke="#b45f06" stroke-width="4" stroke-dasharray="16 10"/>
        <path d="M296 52h48v36h-48z M300 82l12-14 10 10 8-6 10 10" fill="none" stroke="#b45f06" stroke-width="4"/>
        <line x1="290" y1="46" x2="350" y2="94" stroke="#b45f06" stroke-width="4"/>
        <text x="320" y="134" text-anchor="middle" font-family="sans-serif" font-size="26" font-weight="bold" fill="#7a3e00">Missing image</text>
        <text x="320" y="168" text-anchor="middle" font-family="monospace" font-size="20" fill="#7a3e00">\(escaped)</text>
      </svg>

      """
  }
}
