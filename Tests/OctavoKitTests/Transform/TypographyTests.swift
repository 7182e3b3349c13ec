import Foundation
import Testing

@testable import OctavoKit

/// Typographic punctuation by language, never inside code, raw HTML or addresses.
@Suite("Typography")
struct TypographyTests {
  static let nnbsp = "\u{202F}"

  static let cases: [(language: String, input: String, output: String)] = [
    ("en", #"She said "hello" and left."#, "She said “hello” and left."),
    (
      "en", #"The 'best' of the '90s, don't you think?"#, "The ‘best’ of the ’90s, don’t you think?"
    ),
    ("en", "The Joneses' house", "The Joneses’ house"),
    ("en", "pages 10--20 --- or so...", "pages 10–20 — or so…"),
    ("en", #"("quoted")"#, "(“quoted”)"),
    ("de", #"Er sagte "Hallo" und 'tschüs'."#, "Er sagte „Hallo“ und ‚tschüs‘."),
    ("de", "Hans' Buch", "Hans’ Buch"),
    ("fr", #"Il dit "bonjour" !"#, "Il dit «\u{202F}bonjour\u{202F}»\u{202F}!"),
    (
      "fr", "Vraiment? Oui: c'est ça; voilà!",
      "Vraiment\u{202F}? Oui\u{202F}: c’est ça\u{202F}; voilà\u{202F}!"
    ),
    ("fr", "« déjà espacé »", "«\u{202F}déjà espacé\u{202F}»"),
    ("fr", "Il est 10:30.", "Il est 10:30."),
    ("es", #"Dijo "hola"."#, "Dijo «hola»."),
    ("it", #"Disse "ciao"."#, "Disse «ciao»."),
    ("nl", #"Hij zei "hallo"."#, "Hij zei “hallo”."),
    ("pt", #"Ele disse "olá"."#, "Ele disse “olá”."),
    ("sv", #"Han sa "hej" -- sen..."#, #"Han sa "hej" – sen…"#),
  ]

  @Test("quotes, apostrophes, dashes and ellipses by language", arguments: cases)
  func text(_ language: String, _ input: String, _ output: String) {
    #expect(Typography(language: language).convert(input) == output)
  }

  /// Builds one chapter and returns its XHTML.
  func chapter(_ markdown: String, yaml: String = "", language: String = "en") throws -> String {
    var book = EbookBuild.yaml(yaml)
    book = book.replacingOccurrences(of: "language: en", with: "language: \(language)")
    let (result, epub, folder) = try EbookBuild.build(["book.yaml": book, "one.md": markdown])
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
    return try EbookBuild.text(try #require(epub), "EPUB/text/one.xhtml")
  }

  @Test("quotes pair across emphasis; code, code blocks, raw HTML and addresses stay as written")
  func markdown() throws {
    let xhtml = try chapter(
      """
      # "Quoted" title

      He said "*this*" -- see `"code" -- here` and <span title="a--b">x</span> at <https://example.com/a--b...>.

      Press <kbd>"--"</kbd> then "go".

      ```
      "fenced" -- code...
      ```
      """)
    #expect(xhtml.contains("<h1 id=\"quoted-title\" class=\"chapter-title\">“Quoted” title</h1>"))
    #expect(xhtml.contains("<title>“Quoted” title</title>"))
    #expect(xhtml.contains("He said “<em>this</em>” – see <code>\"code\" -- here</code>"))
    #expect(xhtml.contains("title=\"a--b\""))
    #expect(xhtml.contains(">https://example.com/a--b...</a>"))
    #expect(xhtml.contains("\"fenced\" -- code..."))
    #expect(xhtml.contains("Press <kbd>\"--\"</kbd> then “go”."))
  }

  @Test(
    "off for the book or for one chapter",
    arguments: [("typography: false", ""), ("", "---\ntypography: false\n---\n")])
  func off(_ yaml: String, _ frontMatter: String) throws {
    let xhtml = try chapter(frontMatter + "# One\n\nShe said \"hi\" -- twice...\n", yaml: yaml)
    #expect(xhtml.contains("She said \"hi\" -- twice..."))
  }

  @Test(
    "alert titles follow the language",
    arguments: [
      ("en", "Warning"), ("de", "Warnung"), ("fr", "Avertissement"), ("it", "Avvertenza"),
    ])
  func alerts(_ language: String, _ title: String) throws {
    let xhtml = try chapter("# One\n\n> [!WARNING]\n> Careful.\n", language: language)
    #expect(xhtml.contains("<p class=\"alert-title\">\(title)</p>"))
  }
}
