import Foundation
import Testing

@testable import OctavoKit

/// What a PDF's pages hold, read back with poppler and MuPDF: the words with their boxes
/// (`pdftotext -bbox`), the fonts (`pdffonts`) and the glyphs drawn (`mutool trace`).
struct PageReader {
  struct Word {
    var text: String
    var x0, y0, x1, y1: Double
  }

  struct Page {
    var height: Double
    var words: [Word]
  }

  let pdf: URL
  let pages: [Page]

  init(_ pdf: URL) throws {
    self.pdf = pdf
    let html = try runProcess(PDFTools.program("pdftotext")!, ["-bbox", pdf.path, "-"]).stdout
    var pages: [Page] = []
    for chunk in html.components(separatedBy: "<page ").dropFirst() {
      let height = chunk.firstMatch(of: /height="([0-9.]+)"/).flatMap { Double($0.1) } ?? 0
      let words = chunk.matches(
        of:
          /<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)<\/word>/
      )
      .map {
        Word(
          text: String($0.5).replacing("&amp;", with: "&"), x0: Double($0.1)!, y0: Double($0.2)!,
          x1: Double($0.3)!, y1: Double($0.4)!)
      }
      pages.append(Page(height: height, words: words))
    }
    self.pages = pages
  }

  /// The embedded fonts: (name, type) per `pdffonts` line.
  var fonts: [(name: String, type: String)] {
    get throws {
      let lines = try runProcess(PDFTools.program("pdffonts")!, [pdf.path]).stdout.split(
        separator: "\n"
      ).dropFirst(2)
      // A long name pushes the columns right: the name is the first field, the type what
      // follows it up to the encoding.
      return lines.map { line in
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        let name = fields.first.map(String.init) ?? ""
        let type =
          line.contains("Type 3")
          ? "Type 3"
          : fields.dropFirst().prefix {
            !$0.hasPrefix("Identity") && $0 != "Custom" && !$0.hasPrefix("WinAnsi")
              && $0 != "Builtin"
          }.joined(separator: " ")
        return (name, type)
      }
    }
  }

  /// Each glyph drawn on every page, with its font (from `mutool trace`).
  func glyphs() throws -> [(font: String, unicode: String, glyph: String)] {
    let trace = try runProcess(PDFTools.program("mutool")!, ["trace", pdf.path]).stdout
    var font = ""
    var result: [(String, String, String)] = []
    for line in trace.split(separator: "\n") {
      if let match = line.firstMatch(of: /<span font="([^"]*)"/) { font = String(match.1) }
      if let match = line.firstMatch(of: /<g unicode="([^"]*)" glyph="([^"]*)"/) {
        result.append((font, String(match.1), String(match.2)))
      }
    }
    return result
  }
}

/// The typeset-specimen fixture printed by both engines and read back page by page: the
/// checks a book designer makes by eye, so none of the defects they found can come back.
@Suite("Typeset pages", .serialized)
struct TypesetTests {
  static let fixture = TestPaths.fixtures.appending(path: "books/typeset")
  static let titles = [
    "Every Block on the Page", "A Chapter Whose Title Runs Long", "Tables", "Code",
  ]
  /// The default 6 × 9 in page: 0.75 in head margin, 0.85 in foot margin.
  static let head = 54.0
  static let foot = 648.0 - 61.2

  /// Whether `engine`, poppler (with pdffonts) and MuPDF (mutool) are installed.
  static func installed(_ engine: PDFEngine) -> Bool {
    PDFTools.installed(engine) && PDFTools.program("pdffonts") != nil
      && PDFTools.program("mutool") != nil
  }

  /// The condition of `.enabled(if:)` on the tests that read pages printed by `engines`.
  static func enabled(_ engines: PDFEngine...) -> Bool {
    engines.allSatisfy(installed) || OutsideTool.required
  }

  /// Fails the test when `engine`, poppler or MuPDF is missing.
  static func require(_ engine: PDFEngine) throws {
    try OutsideTool.require(
      installed(engine), "\(engine.rawValue), poppler-utils or mutool", install: "make test")
  }

  static func build(_ engine: PDFEngine) throws -> (reader: PageReader, folder: URL, stderr: String)
  {
    let output = FileManager.default.temporaryDirectory.appending(
      path: "octavo-typeset-\(UUID().uuidString)")
    let result = try runProcess(
      TestPaths.octavo,
      [
        "build", fixture.path, "--styles", TestPaths.styles.path, "--output", output.path,
        "--format", "print", "--pdf", "--engine", engine.rawValue,
      ], in: TestPaths.packageRoot)
    #expect(result.status == 0, "\(result.stderr)")
    let pdf = try #require(
      try FileManager.default.contentsOfDirectory(atPath: output.path).first {
        $0.hasSuffix(".pdf")
      })
    return (try PageReader(output.appending(path: pdf)), output, result.stderr)
  }

  /// The words of a page between the running head and the foot.
  static func body(_ page: PageReader.Page) -> [PageReader.Word] {
    page.words.filter { $0.y0 > head && $0.y1 < foot }
  }

  // WeasyPrint and Chromium, poppler (pdfinfo, pdftotext, pdffonts) and MuPDF (mutool): skipped without them,
  // failed when make test requires them.
  @Test(
    "the fixture prints with real bold and italic faces, none of them Type 3, and no glyph missing",
    .enabled(if: TypesetTests.enabled(.weasyprint, .chromium)), arguments: PDFEngine.allCases)
  func fonts(_ engine: PDFEngine) throws {
    try Self.require(engine)
    let (reader, folder, stderr) = try Self.build(engine)
    defer { try? FileManager.default.removeItem(at: folder) }
    // The print faces set every character of the fixture (Greek, Cyrillic, CJK, Hangul).
    #expect(
      !stderr.contains("OCT501") && !stderr.contains("OCT502") && !stderr.contains("OCT503"),
      "\(stderr)")
    let fonts = try reader.fonts
    #expect(!fonts.isEmpty)
    #expect(fonts.allSatisfy { !$0.type.contains("Type 3") }, "\(fonts)")
    #expect(fonts.contains { $0.name.contains("Bold") && !$0.name.contains("Italic") }, "\(fonts)")
    #expect(fonts.contains { $0.name.contains("Italic") && !$0.name.contains("Bold") }, "\(fonts)")
    #expect(fonts.contains { $0.name.contains("Bold") && $0.name.contains("Italic") }, "\(fonts)")

    let glyphs = try reader.glyphs()
    #expect(glyphs.count > 1000)
    // No empty box: no glyph 0 (.notdef) anywhere; the CJK line is set.
    let missing = glyphs.filter { $0.glyph == "0" || $0.glyph == ".notdef" }
    #expect(missing.isEmpty, "drawn as .notdef: \(Set(missing.map(\.unicode)))")
    #expect(glyphs.contains { $0.unicode == "本" } && glyphs.contains { $0.unicode == "한" })
    // A bullet is drawn with a bullet: not with a glyph that also draws a letter in its font.
    let letterGlyphs = Set(
      glyphs.filter { $0.unicode.count == 1 && $0.unicode.first!.isLetter }.map {
        $0.font + "/" + $0.glyph
      })
    for bullet in glyphs where ["•", "◦", "▪"].contains(bullet.unicode) {
      #expect(
        !letterGlyphs.contains(bullet.font + "/" + bullet.glyph),
        "\(bullet.unicode) drawn with a letter's glyph \(bullet.glyph)")
      #expect(
        bullet.glyph.firstMatch(of: /^[A-Za-z]\./) == nil,
        "\(bullet.unicode) drawn with \(bullet.glyph)")
    }
  }

  // WeasyPrint and Chromium, poppler (pdfinfo, pdftotext, pdffonts) and MuPDF (mutool): skipped without them,
  // failed when make test requires them.
  @Test(
    "bold is a true bold: the same word carries at least 1.15 times the ink",
    .enabled(if: TypesetTests.enabled(.weasyprint, .chromium)), arguments: PDFEngine.allCases)
  func boldInk(_ engine: PDFEngine) throws {
    try Self.require(engine)
    let (reader, folder, _) = try Self.build(engine)
    defer { try? FileManager.default.removeItem(at: folder) }
    let index = try #require(
      reader.pages.indices.first { index in
        reader.pages[index].words.filter { $0.text == "BOLDINKMMMMWWWW" }.count == 2
      })
    let words = reader.pages[index].words.filter { $0.text == "BOLDINKMMMMWWWW" }.sorted {
      $0.y0 < $1.y0
    }
    let image = folder.appending(path: "ink")
    try runProcess(
      PDFTools.program("pdftoppm")!,
      [
        "-gray", "-r", "144", "-f", "\(index + 1)", "-l", "\(index + 1)",
        "-singlefile", reader.pdf.path, image.path,
      ])
    let pgm = try Array(Data(contentsOf: image.appendingPathExtension("pgm")))
    // P5 header: magic, width, height, maximum, each followed by white space.
    var fields: [Int] = []
    var position = 2
    while fields.count < 3 {
      while pgm[position] == 0x20 || pgm[position] == 0x0A { position += 1 }
      var value = 0
      while pgm[position] >= 0x30 && pgm[position] <= 0x39 {
        value = value * 10 + Int(pgm[position] - 0x30)
        position += 1
      }
      fields.append(value)
    }
    let width = fields[0]
    let pixels = pgm[(position + 1)...]
    func ink(_ word: PageReader.Word) -> Int {
      var sum = 0
      for y in Int(word.y0 * 2)..<Int(word.y1 * 2) {
        for x in Int(word.x0 * 2)..<Int(word.x1 * 2) {
          sum += 255 - Int(pixels[pixels.startIndex + y * width + x])
        }
      }
      return sum
    }
    let ratio = Double(ink(words[1])) / Double(ink(words[0]))
    #expect(ratio >= 1.15, "bold carries \(ratio) times the ink of regular")
  }

  // WeasyPrint and Chromium, poppler (pdfinfo, pdftotext, pdffonts) and MuPDF (mutool): skipped without them,
  // failed when make test requires them.
  @Test(
    "pages: openers start with their title in the top third, no body page is under half full unless a chapter opens next, running heads keep to one line",
    .enabled(if: TypesetTests.enabled(.weasyprint, .chromium)), arguments: PDFEngine.allCases)
  func pages(_ engine: PDFEngine) throws {
    try Self.require(engine)
    let (reader, folder, _) = try Self.build(engine)
    defer { try? FileManager.default.removeItem(at: folder) }
    let pages = reader.pages
    func isOpener(_ index: Int) -> Bool { (Self.body(pages[index]).first?.y0 ?? 0) > 130 }

    // Each chapter's opener: its title is the first thing on the page, in the top third
    // (the prelude's title comes after a paragraph in the manuscript).
    for title in Self.titles {
      let words = title.split(separator: " ").map(String.init)
      let opener = pages.indices.first { index in
        let body = Self.body(pages[index]).map(\.text)
        return body.starts(with: words) && isOpener(index)
      }
      let index = try #require(opener, "\(engine): no page opens with '\(title)'")
      let first = try #require(Self.body(pages[index]).first)
      #expect(first.y0 < pages[index].height / 3, "\(engine): '\(title)' starts at \(first.y0) pt")
    }

    // No page under half full, unless the next page with text opens a chapter.
    for index in pages.indices.dropLast() {
      let body = Self.body(pages[index])
      guard let bottom = body.map(\.y1).max() else { continue }
      let fill = (bottom - Self.head) / (Self.foot - Self.head)
      guard fill < 0.5 else { continue }
      let next = pages.indices.dropFirst(index + 1).first { !Self.body(pages[$0]).isEmpty }
      #expect(
        next.map(isOpener) ?? true,
        "\(engine): page \(index + 1) is \(Int(fill * 100)) % full and page \((next ?? 0) + 1) opens nothing"
      )
    }

    // Running heads: one line each, and the long book title shortened with an ellipsis.
    var heads: [String] = []
    for page in pages {
      let head = page.words.filter { $0.y1 <= Self.head }
      let lines = Set(head.map { Int($0.y0.rounded()) })
      #expect(
        lines.count <= 1, "\(engine): a running head on \(lines.count) lines: \(head.map(\.text))")
      heads.append(head.map(\.text).joined(separator: " "))
    }
    #expect(heads.contains { $0.contains("…") }, "\(engine): \(Set(heads))")
    #expect(
      !heads.contains { $0.contains("Runs Long Enough") },
      "\(engine): an unshortened title heads a page")
  }

  // WeasyPrint and Chromium, poppler (pdfinfo, pdftotext, pdffonts) and MuPDF (mutool): skipped without them,
  // failed when make test requires them.
  @Test(
    "links print their address once, in body text only; long code lines carry continuation marks",
    .enabled(if: TypesetTests.enabled(.weasyprint, .chromium)), arguments: PDFEngine.allCases)
  func linksAndCode(_ engine: PDFEngine) throws {
    try Self.require(engine)
    let (reader, folder, _) = try Self.build(engine)
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = reader.pages.flatMap(\.words).map(\.text).joined(separator: " ")
    let squeezed = PDFTools.Document.squeeze(text).replacing("\u{200B}", with: "")
    // The link whose text is its address: printed once, not followed by itself.
    #expect(squeezed.matches(of: /example\.org\/a\/fairly/).count == 1, "\(engine)")
    // A named link: its address follows it, once.
    #expect(squeezed.matches(of: /w3\.org\/tr\/epub33/).count == 1, "\(engine)")
    // A link in a heading prints no address.
    #expect(!squeezed.contains("example.com/heading"), "\(engine)")
    // Ten code lines too long for the measure, each wrapped under a mark.
    #expect(text.filter { $0 == "↪" }.count >= 10, "\(engine)")
    // Every word stays inside the page's width.
    for (index, page) in reader.pages.enumerated() {
      let outside = page.words.filter { $0.x1 > 432 - 0.6 * 72 + 2 }
      #expect(
        outside.isEmpty, "\(engine): page \(index + 1) runs into the margin: \(outside.map(\.text))"
      )
    }
  }

  // Chromium, poppler and MuPDF (mutool): skipped without them, failed when make test requires them.
  @Test(
    "the EPUB's chapters fit a 340 px screen in Chromium, and MuPDF draws their tables and back links cleanly",
    .enabled(if: TypesetTests.enabled(.chromium)))
  func ebookScreens() throws {
    try Self.require(.chromium)
    let output = FileManager.default.temporaryDirectory.appending(
      path: "octavo-typeset-epub-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try runProcess(
      TestPaths.octavo,
      [
        "build", Self.fixture.path, "--styles", TestPaths.styles.path,
        "--output", output.path, "--format", "epub",
      ])
    #expect(result.status == 0, "\(result.stderr)")
    let epub = try #require(
      try FileManager.default.contentsOfDirectory(atPath: output.path).first {
        $0.hasSuffix(".epub")
      })
    let unzipped = output.appending(path: "x")
    try runProcess(
      URL(fileURLWithPath: "/usr/bin/unzip"),
      ["-q", output.appending(path: epub).path, "-d", unzipped.path])
    let text = unzipped.appending(path: "EPUB/text")
    // The widest box's right edge with the page held at 340 px (headless Chromium keeps its
    // window at least 500 px wide), not counting what scrolls inside a box of its own, nor a
    // highlighted code token: a token wrapped with `pre-wrap` keeps the spaces at the end of
    // its line, which hang past the edge unseen (the line itself is measured).
    let probe = """
      var w=0;document.querySelectorAll("body *").forEach(function(e){if(String(e.className).indexOf("hl-")===0)return;for(var p=e.parentElement;p&&p!==document.body;p=p.parentElement){if(getComputedStyle(p).overflowX!=="visible")return;}var r=e.getBoundingClientRect();if(r.right>w)w=r.right;});document.title="W"+Math.round(w);
      """
    for name in ["blocks", "tables", "code", "prelude"] {
      var page = try String(contentsOf: text.appending(path: name + ".xhtml"), encoding: .utf8)
      page = page.replacing("</head>", with: "<style>html{width:340px}</style></head>")
        .replacing("</body>", with: "<script>//<![CDATA[\n\(probe)\n//]]></script></body>")
      let copy = text.appending(path: name + "-probe.xhtml")
      try page.write(to: copy, atomically: true, encoding: .utf8)
      var arguments = [
        "--headless", "--disable-gpu", "--window-size=600,900", "--dump-dom", copy.absoluteString,
      ]
      if geteuid() == 0 { arguments.insert("--no-sandbox", at: 0) }
      let dom = try runProcess(
        try PDFRenderer.locate(.chromium, environment: PDFTools.environment).executable, arguments
      ).stdout
      let width = try #require(
        dom.firstMatch(of: /<title>W([0-9]+)<\/title>/).flatMap { Int($0.1) }, "\(name): no measure"
      )
      // 340 px less the body's 8 px margin.
      #expect(
        width <= 332, "\(name).xhtml overflows a 340 px screen: its widest box ends at \(width) px")
    }

    // MuPDF: the rule under the header row lies above the first body row's text, and the
    // back link's arrow has no variation selector after it (MuPDF drew it as a box).
    let trace = try runProcess(
      PDFTools.program("mutool")!,
      [
        "trace", "-W", "340", "-H", "600",
        text.appending(path: "tables.xhtml").path, "1",
      ]
    ).stdout
    let rules = trace.matches(of: /<fill_path[^>]*>\s*<moveto x="[0-9.]+" y="([0-9.]+)"\/>/)
      .compactMap { Double($0.1) }
    let firstBody = try #require(
      trace.firstMatch(of: /<g unicode="k" glyph="[^"]*" x="1[0-9](?:\.[0-9]+)?" y="([0-9.]+)"/)
        .flatMap { Double($0.1) })
    let header = try #require(
      trace.firstMatch(of: /<g unicode="K" glyph="[^"]*" x="[0-9.]+" y="([0-9.]+)"/).flatMap {
        Double($0.1)
      })
    let under = rules.filter { $0 > header && $0 < firstBody + 2 }
    #expect(!under.isEmpty, "no rule under the header row (header at \(header), rules \(rules))")
    #expect(
      under.allSatisfy { $0 < firstBody - 6 },
      "the header rule strikes the first row at \(firstBody): \(under)")
    let stext = try runProcess(
      PDFTools.program("mutool")!,
      [
        "draw", "-F", "txt", "-W", "340", "-H", "600", "-o", "-",
        text.appending(path: "tables.xhtml").path,
      ]
    ).stdout
    #expect(stext.contains("↩") && !stext.contains("\u{FE0E}"))
  }
}

/// The typesetting helpers on their own: hyphenation, running heads, printed addresses,
/// code lines, and where a chapter's title goes.
@Suite("Typesetting")
struct TypesettingTests {
  /// The print edition of a loaded manuscript, rendered as a build renders it, with no style sheet.
  static func printEdition(_ manuscript: Manuscript, root: URL) throws -> String {
    let rendered = try SerializedBook(book: manuscript.book, root: root, formats: [.print])
    return String(
      decoding: try PrintEditionRenderer(serialized: rendered, stylesheet: "").render(),
      as: UTF8.self)
  }

  @Test("Debian's English patterns hyphenate words; HTML keeps code, addresses and tags whole")
  func hyphenation() throws {
    let hyphenator = try #require(Hyphenator.forLanguage("en-US"))
    func shown(_ text: String) -> String { text.replacing("\u{AD}", with: "-") }
    #expect(shown(hyphenator.hyphenate("hyphenation")) == "hy-phen-ation")
    #expect(shown(hyphenator.hyphenate("manuscript")) == "man-u-script")
    #expect(hyphenator.hyphenate("book") == "book")
    let html =
      "<html><head><style>p { content: \"<pre>\" }</style></head><body><p class=\"typographical\">extraordinarily "
      + "https://example.org/extraordinarily <code>extraordinarily</code></p><h2>extraordinarily</h2></body></html>"
    #expect(
      shown(hyphenator.hyphenateHTML(html))
        == html.replacing(
          "<p class=\"typographical\">extraordinarily",
          with: "<p class=\"typographical\">ex-traor-di-nar-ily"))
  }

  @Test(
    "a long running head is cut at a word with an ellipsis; a short one stays",
    arguments: [
      ("A Short Title", 35, "A Short Title"),
      (
        "A Chapter Whose Title Runs Long Enough to Need Shortening", 35,
        "A Chapter Whose Title Runs Long…"
      ),
      ("Supercalifragilisticexpialidocious-and-more", 20, "Supercalifragilisti…"),
      ("Part One: Writing the Very Long Manuscript", 20, "Part One: Writing…"),
    ])
  func runningHeads(_ title: String, _ limit: Int, _ expected: String) {
    let head = PageStyle.shortened(title, limit: limit)
    #expect(head == expected)
    #expect(head.count <= limit)
  }

  @Test("a running-head: in front matter heads the chapter's pages; a long title is shortened")
  func runningHeadFrontMatter() throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: en\ncontents: [one.md, two.md]\n",
      "one.md":
        "---\nrunning-head: Short\n---\n# A Title Far Too Long to Head a Page in Small Capitals Beside a Folio\n\nText.\n",
      "two.md":
        "# A Title Far Too Long to Head a Page in Small Capitals Beside a Folio Again\n\nText.\n",
    ])
    defer { book.remove() }
    let manuscript = try book.load()
    #expect(manuscript.diagnostics.isEmpty, "\(manuscript.diagnostics)")
    let html = try Self.printEdition(manuscript, root: book.root)
    #expect(html.contains("@top-center { content: \"Short\"; }"))
    #expect(
      html.contains("@top-center { content: \"A Title Far Too Long to Head a…\"; }"), "\(html)")
  }

  @Test(
    "print: a link's address follows it in body text, with break points, unless its text is the address"
  )
  func printedAddresses() throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: en\ncontents: [one.md]\n",
      "one.md":
        "# One [see](https://example.com/h)\n\nRead [the spec](https://www.w3.org/TR/epub-33/) or <https://example.org/x/>.\n",
    ])
    defer { book.remove() }
    let manuscript = try book.load()
    let html = try Self.printEdition(manuscript, root: book.root)
    #expect(
      html.contains(
        "<span class=\"link-address\"> (https:/\u{200B}/\u{200B}www.\u{200B}w3.\u{200B}org/\u{200B}TR/\u{200B}epub-33/\u{200B})</span>"
      ))
    #expect(html.components(separatedBy: "link-address").count == 2, "one address only: \(html)")
  }

  @Test("WeasyPrint's warnings are kept, once each, without its note about @supports")
  func engineWarnings() {
    let output = """
      WARNING: Unknown rule <AtRule @supports … { … }> at 852:1
      ERROR: No anchor #x for internal URI reference
      some other line
      ERROR: No anchor #x for internal URI reference
      WARNING: Ignored `foo: bar` at 3:1, unknown property.
      """
    #expect(
      PDFRenderer.warnings(in: output) == [
        "ERROR: No anchor #x for internal URI reference",
        "WARNING: Ignored `foo: bar` at 3:1, unknown property.",
      ])
  }

  @Test("code blocks are one span per line, each keeping its line break")
  func codeLines() throws {
    let nodes = XHTMLRenderer.codeLines("a\n\nb\n")
    let text = nodes.map { node -> String in
      guard case .element(let element) = node else { return "?" }
      #expect(element.name == "span" && element[attribute: "class"] == "line")
      return element.textContent
    }
    #expect(text == ["a\n", "\n", "b\n"])
  }

  @Test(
    "a chapter's title goes to the top: text before it moves below, a lone subheading becomes the title with a warning"
  )
  func titles() throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: en\ncontents: [one.md, two.md]\n",
      "one.md": "An epigraph first.\n\n# The Title\n\nText.\n",
      "two.md": "Text first.\n\n## Only a Subheading\n\nMore.\n",
    ])
    defer { book.remove() }
    let manuscript = try book.load()
    let chapters = manuscript.book.chapters
    for chapter in chapters {
      guard case .heading(let heading)? = chapter.blocks.first?.kind else {
        Issue.record("\(chapter.path) does not open with its title")
        continue
      }
      #expect(heading.level == 1 && chapter.title == Inline.plainText(heading.content))
    }
    #expect(manuscript.diagnostics.map(\.code) == [.titleGuessed])
    #expect(manuscript.diagnostics.first?.location?.description == "two.md:3:1")
    let section = XHTMLRenderer(book: manuscript.book).render(chapters[0]).section
    guard
      case .element(let first)? = section.children.first(where: {
        if case .element = $0 { true } else { false }
      })
    else {
      Issue.record("empty section")
      return
    }
    #expect(first.name == "h1" && first[attribute: "class"] == "chapter-title")
  }

  @Test("print.css names the faces PrintFaces looks up")
  func faces() throws {
    let css = try String(contentsOf: TestPaths.styles.appending(path: "print.css"), encoding: .utf8)
    let body =
      (PrintFaces.defaultBody + PrintFaces.fallbacks).map { "\"\($0)\"" }.joined(separator: ", ")
      + ", serif"
    #expect(css.contains("font-family: " + body + ";"))
    #expect(
      css.contains(
        "font-family: " + PrintFaces.monospace.map { "\"\($0)\"" }.joined(separator: ", ")))
    let epub = try String(contentsOf: TestPaths.styles.appending(path: "epub.css"), encoding: .utf8)
    #expect(epub.contains("font-family: monospace, monospace;"))
    #expect(!epub.contains("%;\n  font-size: 0.85em") && !epub.contains("margin-top: 40%"))
  }
}
