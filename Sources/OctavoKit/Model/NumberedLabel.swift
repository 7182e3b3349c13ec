/// What a cross-reference label names, by its prefix: `fig:`/`fig-` for a figure, `tbl:` for
/// a table, `lst:` for a listing, `sec:` for a section, `eq:` for an equation.
public enum LabelKind: String, Sendable, Hashable, CaseIterable {
  case figure = "fig"
  case table = "tbl"
  case listing = "lst"
  case section = "sec"
  case equation = "eq"

  /// The kind a label names by its prefix (`fig:arch`, `fig-arch`; the prefix is read
  /// without regard to case, as pandoc-crossref's `@Fig:arch`), nil when it has none of the
  /// five prefixes.
  public init?(label: String) {
    guard let separator = label.firstIndex(where: { $0 == ":" || $0 == "-" }),
      let kind = LabelKind(rawValue: label[..<separator].lowercased()),
      label.index(after: separator) < label.endIndex
    else { return nil }
    self = kind
  }

  /// The name a `lists-of:` entry in `book.yaml` gives the kind (`figures`, `tables`,
  /// `listings`); nil for sections and equations, which have no list.
  public var listName: String? {
    switch self {
    case .figure: "figures"
    case .table: "tables"
    case .listing: "listings"
    case .section, .equation: nil
    }
  }

  /// The label written the one way Octavo compares labels: the prefix lowercased and joined
  /// with a hyphen, so `fig:arch`, `Fig:arch` and Quarto's `fig-arch` are the same label.
  public static func key(of label: String) -> String {
    guard let kind = LabelKind(label: label),
      let separator = label.firstIndex(where: { $0 == ":" || $0 == "-" })
    else { return label }
    return kind.rawValue + "-" + label[label.index(after: separator)...]
  }
}

/// A numbered element's place in the book: the label the author gave it, the id it has in
/// the outputs, its number and the words a caption or a reference shows ("Figure 3.2").
public struct NumberedLabel: Sendable, Hashable {
  /// The label as written (`fig:arch`, `tbl-results`).
  public var label: String
  /// The id of the element in the outputs (the label, unless another element has it).
  public var id: String
  /// The number ("3.2", "A.1", "4").
  public var number: String
  /// The kind's word and the number, in the book's language ("Figure 3.2", "Abbildung 3.2").
  public var title: String

  /// Creates a numbered label.
  public init(label: String, id: String, number: String, title: String) {
    self.label = label
    self.id = id
    self.number = number
    self.title = title
  }
}

/// How figures, tables, listings and equations are numbered (`numbering:` in `book.yaml`).
public enum NumberingScope: String, Sendable, Hashable, CaseIterable {
  /// Per chapter, with the chapter's number in front ("Figure 3.2"; appendices "A.1").
  case chapter
  /// Through the book ("Figure 14").
  case book
}
