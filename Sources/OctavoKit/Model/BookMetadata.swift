import Foundation

/// The book's metadata from `book.yaml`.
public struct BookMetadata: Sendable, Hashable {
  /// The title.
  public var title: String
  /// The subtitle, if any.
  public var subtitle: String?
  /// Authors, editors, translators and illustrators, in the order given.
  public var contributors: [Contributor]
  /// The language, a BCP 47 tag such as `en` or `fr-CA`.
  public var language: String
  /// The unique identifier: a `urn:uuid:` or `urn:isbn:` URN.
  public var identifier: String
  /// Whether `identifier` was derived from the title and authors.
  public var isIdentifierDerived: Bool
  /// The publication date as written (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
  public var date: String?
  /// The time of the last modification, used for `dcterms:modified` and zip entries.
  public var modified: Date
  /// The publisher.
  public var publisher: String?
  /// The rights statement.
  public var rights: String?
  /// A description of the book.
  public var description: String?
  /// Subject headings.
  public var subjects: [String]
  /// The series the book belongs to.
  public var series: Series?
  /// The cover image's path relative to the manuscript folder.
  public var cover: String?
  /// Where `cover` is written in `book.yaml`, for diagnostics.
  public var coverLocation: SourceLocation?
  /// How many heading levels the table of contents shows below chapters (1 to 6).
  public var tocDepth: Int
  /// Accessibility claims and hazards that the content cannot tell (`accessibility:`).
  public var accessibility = AccessibilitySettings()
  /// Where footnotes go in the EPUB (`notes:`).
  public var notes: NotePlacement = .footnotes
  /// Whether smart quotes, dashes and ellipses are set (`typography:`); on by default.
  public var typography = true
  /// Whether code blocks are highlighted by their language (`highlight:`); on by default.
  public var highlightsCode = true
  /// The book's TeX macros for its formulas (`math-macros:`), by name without the backslash:
  /// the TeX each stands for, with `#1`…`#9` for its arguments.
  public var mathMacros: [String: String] = [:]
  /// Whether the EPUB gets numbered page-break markers and a page list (`page-list:`).
  public var pageList = false
  /// Whether embedded fonts are obfuscated with the IDPF algorithm (`obfuscate-fonts:`).
  public var obfuscateFonts = false
  /// A dedication shown on its own page in the front matter (`dedication:`).
  public var dedication: String?
  /// Whether `book.yaml` names no language, so English was assumed.
  public var isLanguageAssumed = false
  /// Whether a copyright page is generated from `rights`, `publisher`, `date` and the ISBN
  /// (`copyright-page:`).
  public var copyrightPage = false
  /// How figures, tables, listings and equations are numbered (`numbering:`): per chapter
  /// ("Figure 3.2", the default) or through the book ("Figure 14").
  public var numbering: NumberingScope = .chapter
  /// The lists the book gets after its table of contents (`lists-of:`), in this order:
  /// figures, tables, listings.
  public var listsOf: [LabelKind] = []
  /// The print edition's page size, margins and type (`print:` in `book.yaml`).
  public var printSettings = PrintSettings()
  /// Whether the book is built as a draft (``BuildOptions/draft``): the EPUB's metadata says
  /// so (`dc:type` `draft`), its title page carries a mark, and every printed page says
  /// "Draft" at its foot.
  public var isDraft = false

  /// Creates metadata; only the title and language are required.
  public init(
    title: String, subtitle: String? = nil, contributors: [Contributor] = [],
    language: String = "en", identifier: String = "", isIdentifierDerived: Bool = false,
    date: String? = nil, modified: Date = Date(timeIntervalSince1970: 0),
    publisher: String? = nil, rights: String? = nil, description: String? = nil,
    subjects: [String] = [], series: Series? = nil, cover: String? = nil, tocDepth: Int = 2
  ) {
    self.title = title
    self.subtitle = subtitle
    self.contributors = contributors
    self.language = language
    self.identifier = identifier
    self.isIdentifierDerived = isIdentifierDerived
    self.date = date
    self.modified = modified
    self.publisher = publisher
    self.rights = rights
    self.description = description
    self.subjects = subjects
    self.series = series
    self.cover = cover
    self.tocDepth = tocDepth
  }

  /// Whether the language is written right to left (Arabic, Hebrew, Persian, Urdu…).
  public var isRightToLeft: Bool {
    let primary = language.split(separator: "-").first.map { $0.lowercased() } ?? ""
    let script = language.split(separator: "-").dropFirst().first { $0.count == 4 }.map {
      $0.lowercased()
    }
    if let script {
      return ["arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg"].contains(script)
    }
    return ["ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "ug", "ur", "yi"]
      .contains(primary)
  }

  /// The contributors whose role is author.
  public var authors: [Contributor] { contributors.filter { $0.role == .author } }
}

/// A person who made the book.
public struct Contributor: Sendable, Hashable {
  /// What a contributor did.
  public enum Role: String, Sendable, Hashable, CaseIterable {
    case author, editor, translator, illustrator

    /// The MARC relator code used in EPUB metadata.
    public var marcRelator: String {
      switch self {
      case .author: "aut"
      case .editor: "edt"
      case .translator: "trl"
      case .illustrator: "ill"
      }
    }
  }

  /// The name as it is printed.
  public var name: String
  /// The role.
  public var role: Role
  /// The name as it is sorted, such as "Austen, Jane".
  public var fileAs: String?

  /// Creates a contributor.
  public init(name: String, role: Role = .author, fileAs: String? = nil) {
    self.name = name
    self.role = role
    self.fileAs = fileAs
  }
}

/// A series and the book's place in it.
public struct Series: Sendable, Hashable {
  /// The series' name.
  public var name: String
  /// The book's position in the series.
  public var position: Double?

  /// Creates a series entry.
  public init(name: String, position: Double? = nil) {
    self.name = name
    self.position = position
  }

  /// The position as written in the book: `3`, `2.5`; `nil` when there is none or it is
  /// not a finite number (the loader lets only 0 to 999,999 through).
  public var positionText: String? {
    guard let position, position.isFinite, abs(position) < 1e15 else { return nil }
    if position == position.rounded() { return String(Int64(position)) }
    // At most six decimals, never an exponent (5e-324 is no position a reader can use).
    var text = String(format: "%.6f", position)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }
}
