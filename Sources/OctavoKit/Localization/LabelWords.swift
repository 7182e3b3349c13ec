/// The words of numbered elements and references to them, in the book's language: "Figure"
/// and "Figures", "and" between numbers, the titles of the lists of figures, tables and
/// listings, and "on page" after a printed reference.
struct LabelWords: Sendable, Hashable {
  /// Figure, Table, Listing, Equation (no word for a section: a reference shows its title).
  var singular: [LabelKind: String]
  /// Figures, Tables, Listings, Equations.
  var plural: [LabelKind: String]
  /// The word between the last two numbers of a list ("Figures 3.1 and 3.2").
  var and: String
  /// List of Figures, List of Tables, List of Listings.
  var listTitles: [LabelKind: String]
  /// The words before a page number after a printed reference ("on page").
  var onPage: String

  private init(
    _ singular: [String], _ plural: [String], _ and: String, _ lists: [String], _ onPage: String
  ) {
    let kinds: [LabelKind] = [.figure, .table, .listing, .equation]
    self.singular = Dictionary(uniqueKeysWithValues: zip(kinds, singular))
    self.plural = Dictionary(uniqueKeysWithValues: zip(kinds, plural))
    self.and = and
    listTitles = Dictionary(uniqueKeysWithValues: zip([.figure, .table, .listing], lists))
    self.onPage = onPage
  }

  /// The words for `language`'s primary subtag (English for a language without its own).
  init(primaryLanguage: String) {
    self = Self.table[primaryLanguage] ?? Self.english
  }

  /// "Figure 3.2", "Equation (3.2)": the kind's word and the number.
  func title(_ kind: LabelKind, number: String) -> String {
    guard let word = singular[kind] else { return number }
    return word + "\u{A0}" + Self.shown(kind, number)
  }

  /// The number as a reference shows it alone: an equation's in parentheses.
  static func shown(_ kind: LabelKind, _ number: String) -> String {
    kind == .equation ? "(" + number + ")" : number
  }

  static let english = LabelWords(
    ["Figure", "Table", "Listing", "Equation"], ["Figures", "Tables", "Listings", "Equations"],
    "and", ["List of Figures", "List of Tables", "List of Listings"], "on page")

  static let table: [String: LabelWords] = [
    "en": english,
    "de": LabelWords(
      ["Abbildung", "Tabelle", "Listing", "Gleichung"],
      ["Abbildungen", "Tabellen", "Listings", "Gleichungen"], "und",
      ["Abbildungsverzeichnis", "Tabellenverzeichnis", "Verzeichnis der Listings"], "auf Seite"),
    "fr": LabelWords(
      ["Figure", "Tableau", "Listing", "Équation"],
      ["Figures", "Tableaux", "Listings", "Équations"], "et",
      ["Table des figures", "Liste des tableaux", "Liste des listings"], "page"),
    "es": LabelWords(
      ["Figura", "Tabla", "Listado", "Ecuación"],
      ["Figuras", "Tablas", "Listados", "Ecuaciones"], "y",
      ["Índice de figuras", "Índice de tablas", "Índice de listados"], "en la página"),
    "it": LabelWords(
      ["Figura", "Tabella", "Listato", "Equazione"],
      ["Figure", "Tabelle", "Listati", "Equazioni"], "e",
      ["Elenco delle figure", "Elenco delle tabelle", "Elenco dei listati"], "a pagina"),
    "nl": LabelWords(
      ["Figuur", "Tabel", "Listing", "Vergelijking"],
      ["Figuren", "Tabellen", "Listings", "Vergelijkingen"], "en",
      ["Lijst van figuren", "Lijst van tabellen", "Lijst van listings"], "op pagina"),
    "pt": LabelWords(
      ["Figura", "Tabela", "Listagem", "Equação"],
      ["Figuras", "Tabelas", "Listagens", "Equações"], "e",
      ["Lista de figuras", "Lista de tabelas", "Lista de listagens"], "na página"),
  ]
}
