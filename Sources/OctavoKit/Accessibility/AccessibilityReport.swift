/// The accessibility metadata of a book, worked out from its content (EPUB Accessibility 1.1).
///
/// Nothing is claimed that the content does not bear out: `visual` is an access mode only
/// when the book has images, `alternativeText` a feature only when every image has alt text
/// or is marked decorative, `pageNavigation` only with a page list, `MathML` only when the book
/// has formulas (and `describedMath` when each has a text alternative: the TeX of every formula
/// written in Markdown, `alttext` or a TeX annotation on raw `<math>`). A conformance claim
/// from `book.yaml` is kept only when the content passes Octavo's checks for it; otherwise
/// each problem is an error (OCT402).
struct AccessibilityReport: Sendable {
  /// An image of the content and whether a reader who cannot see it is served.
  struct ImageUse: Sendable {
    /// The image's source as written.
    var source: String
    /// Whether it has alt text.
    var hasAlt: Bool
    /// Whether the author marked it decorative (`alt=""` in HTML, or the title `decorative`).
    var isDecorative: Bool
    /// Where it is.
    var location: SourceLocation
  }

  /// The book's images (the cover included), in reading order.
  private(set) var images: [ImageUse] = []
  /// Whether the book has a cover image.
  private(set) var hasCover = false
  /// Places where a heading skips a level.
  private(set) var headingSkips: [SourceLocation] = []
  /// The author's settings.
  let settings: AccessibilitySettings
  /// Whether the book's language was assumed rather than given.
  let isLanguageAssumed: Bool
  /// Whether the EPUB has a page list.
  let hasPageList: Bool
  /// The formulas shown as MathML, and how many of them have no text alternative.
  private(set) var formulas = 0
  private(set) var undescribedFormulas = 0

  /// Works out the report for `book`.
  init(book: Book) {
    self.init(book: book, scans: book.chapters.map(Self.scan))
  }

  /// The report for `book` from each chapter's ``ChapterScan``, in reading order (worked out
  /// now or taken from a ``CheckCache``).
  init(book: Book, scans: [ChapterScan]) {
    settings = book.metadata.accessibility
    isLanguageAssumed = book.metadata.isLanguageAssumed
    hasPageList = book.metadata.pageList
    hasCover = book.metadata.cover != nil
    for scan in scans {
      images += scan.images
      headingSkips += scan.headingSkips
      formulas += scan.formulas
      undescribedFormulas += scan.undescribedFormulas
    }
  }

  /// What one chapter brings to the report: its images and where its headings skip a level.
  struct ChapterScan: Sendable {
    var images: [ImageUse] = []
    var headingSkips: [SourceLocation] = []
    /// The formulas shown as MathML, and those without a text alternative.
    var formulas = 0
    var undescribedFormulas = 0
  }

  /// Scans one chapter.
  @Sendable static func scan(_ chapter: Chapter) -> ChapterScan {
    let chapter = chapter.unparked
    var scan = ChapterScan()
    let blocks = chapter.blocks + chapter.footnotes.flatMap(\.blocks)
    Block.walk(blocks) { block in
      switch block.kind {
      case .html(let html):
        scan.images += imagesInHTML(html, at: block.range.start)
        count(mathIn: html, into: &scan)
      case .math(let formula): count(formula, into: &scan)
      default: break
      }
      Inline.walk(block.inlines) { inline in
        switch inline.kind {
        case .image(let image):
          guard case .resource = image.target else { return }
          scan.images.append(
            ImageUse(
              source: image.source,
              hasAlt: !image.altText.trimmingCharacters(in: .whitespaces).isEmpty,
              isDecorative: image.isDecorative, location: inline.range.start))
        case .html(let html):
          scan.images += imagesInHTML(html, at: inline.range.start)
          count(mathIn: html, into: &scan)
        case .math(let formula): count(formula, into: &scan)
        default: break
        }
      }
    }
    var previousLevel = 1
    for heading in chapter.headings {
      if heading.level > previousLevel + 1 { scan.headingSkips.append(heading.range.start) }
      previousLevel = heading.level
    }
    return scan
  }

  /// Counts a formula written in Markdown: shown as MathML unless its TeX has errors, and
  /// described by its TeX.
  private static func count(_ formula: Formula, into scan: inout ChapterScan) {
    guard !formula.hasErrors else { return }
    scan.formulas += 1
    if formula.tex.allSatisfy(\.isWhitespace) { scan.undescribedFormulas += 1 }
  }

  /// Counts the `<math>` elements written in raw HTML, and those without `alttext` or a TeX
  /// annotation.
  private static func count(mathIn html: RawHTML, into scan: inout ChapterScan) {
    for element in html.elements where element.name.lowercased() == "math" {
      scan.formulas += 1
      var described = !(element[attribute: "alttext"] ?? "").allSatisfy(\.isWhitespace)
      element.forEachElement { inner in
        if inner.name.lowercased() == "annotation", !inner.textContent.allSatisfy(\.isWhitespace) {
          described = true
        }
      }
      if !described { scan.undescribedFormulas += 1 }
    }
  }

  private static func imagesInHTML(_ html: RawHTML, at location: SourceLocation) -> [ImageUse] {
    var images: [ImageUse] = []
    for element in html.elements {
      switch element.name {
      case "img", "image":
        guard let source = element[attribute: "src"], !source.isEmpty,
          case .local = LinkResolver.classify(source)
        else { continue }
        let alt = element[attribute: "alt"]
        let hasAlt = !(alt ?? "").trimmingCharacters(in: .whitespaces).isEmpty
        images.append(
          ImageUse(
            source: source, hasAlt: hasAlt, isDecorative: alt != nil && !hasAlt,
            location: location))
      default: break
      }
    }
    return images
  }

  // MARK: - Metadata

  /// Whether every image has alt text or is marked decorative.
  var everyImageDescribed: Bool { images.allSatisfy { $0.hasAlt || $0.isDecorative } }

  /// Whether the book shows any image (content or cover).
  var hasVisualContent: Bool { hasCover || !images.isEmpty }

  /// `schema:accessMode` values.
  var accessModes: [String] { hasVisualContent ? ["textual", "visual"] : ["textual"] }

  /// `schema:accessModeSufficient` values (each a comma-separated set).
  var accessModesSufficient: [String] {
    guard hasVisualContent else { return ["textual"] }
    return everyImageDescribed ? ["textual", "textual,visual"] : ["textual,visual"]
  }

  /// `schema:accessibilityFeature` values.
  var features: [String] {
    var result = ["structuralNavigation", "tableOfContents", "readingOrder"]
    if hasVisualContent, everyImageDescribed { result.append("alternativeText") }
    if hasPageList { result.append("pageNavigation") }
    if formulas > 0 { result.append("MathML") }
    if formulas > 0, undescribedFormulas == 0 { result.append("describedMath") }
    return result
  }

  /// `schema:accessibilityHazard` values.
  var hazards: [String] { settings.hazards.isEmpty ? ["none"] : settings.hazards }

  /// Problems that contradict a conformance claim, with where they are.
  var conformanceProblems: [(message: String, location: SourceLocation)] {
    var problems: [(String, SourceLocation)] = []
    if isLanguageAssumed {
      problems.append(
        (
          "book.yaml names no language, so readers cannot pronounce the text (set language:)",
          SourceLocation(file: SourceLocation.metadataFile)
        ))
    }
    for image in images where !image.hasAlt && !image.isDecorative {
      problems.append(
        (
          "image '\(image.source)' has no alt text (write one, or mark the image decorative)",
          image.location
        ))
    }
    for location in headingSkips {
      problems.append(("a heading skips a level", location))
    }
    return problems
  }

  /// The conformance claim written to the package, when it was asked for and holds.
  var conformance: String? { conformanceProblems.isEmpty ? settings.conformance : nil }

  /// Errors for each problem that contradicts the claim in `book.yaml`.
  var diagnostics: [Diagnostic] {
    guard let claim = settings.conformance else { return [] }
    return conformanceProblems.map {
      Diagnostic(
        .error, .accessibilityClaimContradicted,
        "book.yaml claims '\(claim)', but \($0.message)", at: $0.location)
    }
  }

  /// `schema:accessibilitySummary`: the author's, else one generated from the content.
  var summary: String {
    if let summary = settings.summary { return summary }
    var sentences: [String] = []
    sentences.append(
      "This publication has a table of contents, headings that mark its structure and a logical reading order."
    )
    if !images.isEmpty {
      if everyImageDescribed {
        sentences.append("Every image has a text alternative or is marked decorative.")
      } else {
        let missing = images.filter { !$0.hasAlt && !$0.isDecorative }.count
        sentences.append(
          "\(missing) of \(images.count) images \(missing == 1 ? "has" : "have") no text alternative."
        )
      }
    }
    if hasPageList { sentences.append("A page list gives stable page numbers for navigation.") }
    if let conformance { sentences.append("It claims to meet \(conformance).") }
    sentences.append(
      settings.hazards.isEmpty || settings.hazards == ["none"]
        ? "It has no known hazards." : "Hazards: \(settings.hazards.joined(separator: ", ")).")
    return sentences.joined(separator: " ")
  }
}
