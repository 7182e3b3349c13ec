/// The words Octavo writes itself (headings of generated pages, alert titles, link titles),
/// in the book's language (and the words of numbered figures, tables, listings and equations,
/// ``LabelWords``): English, German, French, Spanish, Italian, Dutch and Portuguese,
/// with English for any other language.
public struct GeneratedWords: Sendable, Hashable {
  package var contents: String
  package var notes: String
  package var cover: String
  var titlePage: String
  var landmarks: String
  var startOfContent: String
  package var pages: String
  var copyright: String
  var dedication: String
  var editedBy: String
  var translatedBy: String
  var illustratedBy: String
  var backToText: String
  /// "Back to reference %d", with `%d` standing for the number.
  var backToReferenceFormat: String
  /// "Page %d", with `%d` standing for the number.
  var pageFormat: String
  /// Note, Tip, Important, Warning, Caution.
  var alertTitles: [Alert.Kind: String]
  /// The words of numbered figures, tables, listings and equations and of references to them.
  var labels = LabelWords(primaryLanguage: "en")

  /// The title of a link back to the `occurrence`th reference to a note.
  func backToReference(_ occurrence: Int) -> String {
    backToReferenceFormat.replacingOccurrences(of: "%d", with: String(occurrence))
  }

  /// The label of page `number` in the page list.
  package func page(_ number: Int) -> String {
    pageFormat.replacingOccurrences(of: "%d", with: String(number))
  }

  /// The title shown above an alert of `kind`.
  func alertTitle(_ kind: Alert.Kind) -> String { alertTitles[kind] ?? kind.title }

  /// The words for `language` (a BCP 47 tag; only its primary subtag counts).
  init(language: String) {
    let primary = language.split(separator: "-").first.map { $0.lowercased() } ?? "en"
    self = Self.table[primary] ?? Self.english
    labels = LabelWords(primaryLanguage: primary)
  }

  private init(
    _ contents: String, _ notes: String, _ cover: String, _ titlePage: String,
    _ landmarks: String, _ startOfContent: String, _ pages: String, _ copyright: String,
    _ dedication: String, _ editedBy: String, _ translatedBy: String,
    _ illustratedBy: String, _ backToText: String, _ backToReference: String,
    _ page: String, _ alerts: [String]
  ) {
    self.contents = contents
    self.notes = notes
    self.cover = cover
    self.titlePage = titlePage
    self.landmarks = landmarks
    self.startOfContent = startOfContent
    self.pages = pages
    self.copyright = copyright
    self.dedication = dedication
    self.editedBy = editedBy
    self.translatedBy = translatedBy
    self.illustratedBy = illustratedBy
    self.backToText = backToText
    backToReferenceFormat = backToReference
    pageFormat = page
    alertTitles = Dictionary(uniqueKeysWithValues: zip(Alert.Kind.allCases, alerts))
  }

  static let english = GeneratedWords(
    "Contents", "Notes", "Cover", "Title page", "Landmarks", "Start of content", "Pages",
    "Copyright", "Dedication", "Edited by", "Translated by", "Illustrated by", "Back to the text",
    "Back to reference %d", "Page %d", ["Note", "Tip", "Important", "Warning", "Caution"])

  static let table: [String: GeneratedWords] = [
    "en": english,
    "de": GeneratedWords(
      "Inhalt", "Anmerkungen", "Umschlag", "Titelseite", "Orientierungspunkte", "Textbeginn",
      "Seiten", "Impressum", "Widmung", "Herausgegeben von", "Übersetzt von", "Illustriert von",
      "Zurück zum Text", "Zurück zum Verweis %d", "Seite %d",
      ["Hinweis", "Tipp", "Wichtig", "Warnung", "Vorsicht"]),
    "fr": GeneratedWords(
      "Table des matières", "Notes", "Couverture", "Page de titre", "Repères", "Début du texte",
      "Pages", "Droits", "Dédicace", "Édité par", "Traduit par", "Illustré par",
      "Retour au texte", "Retour à l’appel %d", "Page %d",
      ["Remarque", "Astuce", "Important", "Avertissement", "Attention"]),
    "es": GeneratedWords(
      "Índice", "Notas", "Cubierta", "Portada", "Puntos de referencia", "Inicio del texto",
      "Páginas", "Créditos", "Dedicatoria", "Editado por", "Traducido por", "Ilustrado por",
      "Volver al texto", "Volver a la llamada %d", "Página %d",
      ["Nota", "Consejo", "Importante", "Advertencia", "Precaución"]),
    "it": GeneratedWords(
      "Indice", "Note", "Copertina", "Frontespizio", "Punti di riferimento", "Inizio del testo",
      "Pagine", "Colophon", "Dedica", "A cura di", "Traduzione di", "Illustrazioni di",
      "Torna al testo", "Torna al richiamo %d", "Pagina %d",
      ["Nota", "Suggerimento", "Importante", "Avvertenza", "Attenzione"]),
    "nl": GeneratedWords(
      "Inhoud", "Noten", "Omslag", "Titelpagina", "Oriëntatiepunten", "Begin van de tekst",
      "Pagina’s", "Colofon", "Opdracht", "Bewerkt door", "Vertaald door", "Geïllustreerd door",
      "Terug naar de tekst", "Terug naar verwijzing %d", "Pagina %d",
      ["Opmerking", "Tip", "Belangrijk", "Waarschuwing", "Let op"]),
    "pt": GeneratedWords(
      "Sumário", "Notas", "Capa", "Folha de rosto", "Pontos de referência", "Início do texto",
      "Páginas", "Direitos", "Dedicatória", "Editado por", "Traduzido por", "Ilustrado por",
      "Voltar ao texto", "Voltar à chamada %d", "Página %d",
      ["Nota", "Dica", "Importante", "Aviso", "Cuidado"]),
  ]
}
