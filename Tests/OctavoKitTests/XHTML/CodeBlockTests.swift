import Foundation
import Testing

@testable import OctavoKit

/// Code blocks: the fence's options, highlighting into `hl-*` spans, line numbers, highlighted
/// lines, listings with captions, and the warnings about languages and options.
@Suite("Code blocks")
struct CodeBlockTests {
  /// What a fence's info string is read as.
  struct FenceCase: CustomTestStringConvertible, Sendable {
    var info: String
    var language: String?
    var label: String?
    var caption: String?
    var first: Int?
    var lines: [ClosedRange<Int>] = []
    var problems = 0
    var testDescription: String { info }
  }

  static let fences: [FenceCase] = [
    FenceCase(info: "swift", language: "swift"),
    FenceCase(info: "rust,ignore", language: "rust"),
    FenceCase(info: "python,linenums", language: "python", first: 1),
    FenceCase(info: "{.python}", language: "python"),
    FenceCase(info: "{python}", language: "python"),
    FenceCase(info: "{=html}"),
    FenceCase(
      info: #"{.python #lst:id caption="A *short* one" .numberLines startFrom="10"}"#,
      language: "python", label: "lst:id", caption: "A *short* one", first: 10),
    FenceCase(
      info: #"{#lst-customers .sql lst-cap="Customers"}"#, language: "sql",
      label: "lst-customers", caption: "Customers"),
    FenceCase(
      info: #"py title="bubble_sort.py" linenums="1" hl_lines="2 3""#, language: "py",
      caption: "bubble_sort.py", first: 1, lines: [2...2, 3...3]),
    FenceCase(
      info: "jsx {1,4-6} showLineNumbers", language: "jsx", first: 1, lines: [1...1, 4...6]),
    FenceCase(info: #"c highlight="2,4-6""#, language: "c", lines: [2...2, 4...6]),
    FenceCase(info: #"{.c emphasize-lines='3'}"#, language: "c", lines: [3...3]),
    FenceCase(info: #"{.haskell .number-lines startFrom="0"}"#, language: "haskell", first: 0),
    FenceCase(info: #"{.haskell startFrom="x"}"#, language: "haskell", problems: 1),
    FenceCase(info: #"go hl_lines="2 x-y""#, language: "go", lines: [2...2], problems: 1),
    FenceCase(info: #"go flavour="mild""#, language: "go", problems: 1),
    FenceCase(info: "{.go #a #b}", language: "go", label: "a", problems: 1),
    FenceCase(info: "{.go", language: "go", problems: 1),
    FenceCase(info: #"go caption="open"#, language: "go", problems: 1),
    FenceCase(
      info: #"{.go caption="with \"quotes\""}"#, language: "go", caption: #"with "quotes""#),
  ]

  @Test("a fence's info string gives its language, label, caption and lines", arguments: fences)
  func fenceInfo(_ fence: FenceCase) {
    let info = FenceInfo(parsing: fence.info)
    #expect(info.language == fence.language)
    #expect(info.label == fence.label)
    #expect(info.caption == fence.caption)
    #expect(info.firstLineNumber == fence.first)
    #expect(info.highlightedLines == fence.lines)
    #expect(info.problems.count == fence.problems, "\(info.problems)")
  }

  static func section(_ markdown: String, yaml: String = "") throws -> String {
    var files = ["a.md": markdown]
    files["book.yaml"] = "title: T\nlanguage: en\ncontents: [a.md]\n" + yaml
    let book = try TemporaryManuscript(files)
    defer { book.remove() }
    let manuscript = try book.load()
    let rendered = try SerializedBook(
      book: manuscript.book, root: manuscript.root, formats: [.epub], keepsTrees: true)
    let tree = try #require(rendered.documents.first { $0.id == "a" }?.tree)
    return String(
      decoding: try XMLSerializer.document(tree.section, declaration: false), as: UTF8.self)
  }

  /// The text of markup: tags removed, the five entities undone.
  static func text(_ markup: Substring) -> String {
    markup.replacing(/<[^>]*>/, with: "").replacingOccurrences(of: "&lt;", with: "<")
      .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
      .replacingOccurrences(of: "&amp;", with: "&")
  }

  @Test("code is split into spans of the documented classes, line by line")
  func spans() throws {
    let html = try Self.section(
      "# A\n\n```swift\n// note\nlet x = 1 /* two\nlines */ + \"s\"\n```\n")
    #expect(
      html.contains(
        "<pre><code class=\"language-swift\"><span class=\"line\"><span class=\"hl-co\">// note</span>\n</span><span class=\"line\"><span class=\"hl-kw\">let</span> x <span class=\"hl-op\">=</span> <span class=\"hl-nu\">1</span> <span class=\"hl-co\">/* two</span>\n</span><span class=\"line\"><span class=\"hl-co\">lines */</span> <span class=\"hl-op\">+</span> <span class=\"hl-st\">\"s\"</span>\n</span></code></pre>"
      ), "\(html)")
  }

  @Test("a language Octavo does not know, and highlight: false, leave the code plain")
  func plain() throws {
    let unknown = try Self.section("# A\n\n```fortran\nprint *, 1\n```\n")
    #expect(
      unknown.contains(
        "<pre><code class=\"language-fortran\"><span class=\"line\">print *, 1\n</span></code></pre>"
      ))
    let off = try Self.section("# A\n\n```swift\nlet x = 1\n```\n", yaml: "highlight: false\n")
    #expect(off.contains("<span class=\"line\">let x = 1\n</span>"), "\(off)")
    #expect(!off.contains("hl-"))
  }

  @Test("numbered lines carry their number in data-n only, so it is never copied")
  func lineNumbers() throws {
    let html = try Self.section(
      "# A\n\n```{.c .numberLines startFrom=\"9\"}\nint a;\nint b;\n```\n")
    #expect(html.contains("<pre class=\"numbered\">"))
    #expect(html.contains("<span class=\"line\"><span class=\"ln\" data-n=\"9\"/>"))
    #expect(html.contains("<span class=\"ln\" data-n=\"10\"/>"))
    let code = try #require(html.firstRange(of: /<pre.*<\/pre>/.dotMatchesNewlines()))
    #expect(Self.text(html[code]) == "int a;\nint b;\n")
  }

  @Test("highlighted lines get hl-line, counted from the block's first line")
  func highlightedLines() throws {
    let html = try Self.section(
      "# A\n\n```{.python startFrom=\"20\" hl_lines=\"2-3\"}\na = 1\nb = 2\nc = 3\nd = 4\n```\n")
    let classes = html.matches(of: /<span class="(line[^"]*)">/).map { String($0.1) }
    #expect(classes == ["line", "line hl-line", "line hl-line", "line"])
  }

  @Test("a listing with a label and a caption is a figure with its caption above the code")
  func listing() throws {
    let html = try Self.section(
      "# A\n\n```{.go #lst:main caption=\"The *main* function\"}\npackage main\n```\n\n```{#lst-bare .go}\nx\n```\n"
    )
    // The label is the figure's id and gives it a number (the numbering pass); the caption
    // follows the number.
    #expect(
      html.contains(
        "<figure id=\"lst:main\" class=\"listing\">\n<figcaption><span class=\"caption-label\">Listing\u{A0}1.1.</span> The <em>main</em> function</figcaption>\n<pre><code class=\"language-go\">"
      ), "\(html)")
    #expect(
      html.contains(
        "<figure id=\"lst-bare\" class=\"listing\">\n<figcaption><span class=\"caption-label\">Listing\u{A0}1.2</span></figcaption>\n<pre>"
      ), "\(html)")
  }

  @Test("highlighting never changes the text of a block, in any language")
  func textKept() throws {
    let folder = TestPaths.fixtures.appending(path: "books/technical")
    let markdown = try String(
      contentsOf: folder.appending(path: "04-code.md"), encoding: .utf8)
    let html = try Self.section(markdown)
    let blocks = markdown.matches(of: /(?m)^```[^\n]*\n((?:.*\n)*?)```$/).map { String($0.1) }
    let rendered = html.matches(of: /<pre[^>]*>(.*?)<\/pre>/.dotMatchesNewlines()).map {
      Self.text($0.1)
    }
    #expect(blocks.count >= 35)
    #expect(rendered == blocks)
    // Every language but plain text has some tokens.
    #expect(html.matches(of: /<pre[^>]*><code[^>]*><span class="line">[^\n]*hl-/).count >= 30)
  }
}
