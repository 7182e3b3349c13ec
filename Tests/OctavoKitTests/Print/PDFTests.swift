import Foundation
import Testing

@testable import OctavoKit

/// The PDF engines and poppler's tools, found like `octavo build --pdf` finds them.
enum PDFTools {
  static let environment = ProcessInfo.processInfo.environment

  static func program(_ name: String) -> URL? {
    for folder in (environment["PATH"] ?? "/usr/bin").split(separator: ":") {
      let url = URL(fileURLWithPath: String(folder)).appending(path: name)
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
  }

  /// Whether `engine` and poppler (pdfinfo, pdftotext) are installed.
  static func installed(_ engine: PDFEngine) -> Bool {
    let found =
      (try? PDFRenderer.locate(
        engine, environment: environment, projectFolders: [TestPaths.packageRoot])) != nil
    return found && program("pdfinfo") != nil && program("pdftotext") != nil
  }

  /// The condition of `.enabled(if:)` on a test that prints with `engines`: skipped without
  /// them or poppler, unless `make test` requires them (then the test fails).
  static func enabled(_ engines: PDFEngine...) -> Bool {
    engines.allSatisfy(installed) || OutsideTool.required
  }

  /// Fails the test when `engine` or poppler is missing.
  static func require(_ engine: PDFEngine) throws {
    try OutsideTool.require(
      installed(engine), "\(engine.rawValue) or poppler-utils", install: "make test")
  }

  /// A PDF's pages: their sizes (from pdfinfo) and their text (from pdftotext -layout).
  struct Document {
    var sizes: [String]
    var pages: [String]
    var info: String

    init(_ pdf: URL) throws {
      let info = try runProcess(program("pdfinfo")!, ["-f", "1", "-l", "9999", pdf.path])
      self.info = info.stdout
      sizes = info.stdout.split(separator: "\n").filter {
        $0.hasPrefix("Page ") && $0.contains(" size:")
      }
      .map {
        String($0.split(separator: ":", maxSplits: 1)[1]).trimmingCharacters(in: .whitespaces)
      }
      let text = try runProcess(program("pdftotext")!, ["-layout", pdf.path, "-"])
      pages = text.stdout.components(separatedBy: "\u{0C}")
      if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true {
        pages.removeLast()
      }
    }

    /// The page's non-empty lines.
    func lines(_ index: Int) -> [String] {
      pages[index].split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
        !$0.isEmpty
      }
    }

    /// The arabic folio printed at the top outside corner of a page or dropped to its foot.
    func folio(_ index: Int) -> Int? {
      let lines = lines(index)
      guard let first = lines.first, let last = lines.last else { return nil }
      let head = first.split(separator: " ", omittingEmptySubsequences: true)
      for candidate in [head.first, head.last, Substring(last)].compactMap({ $0 }) {
        if let number = Int(candidate) { return number }
      }
      return nil
    }

    /// Text squeezed for searching: no white space, no hyphens (hyphenation breaks words).
    static func squeeze(_ text: String) -> String {
      String(
        text.unicodeScalars.filter {
          !CharacterSet.whitespacesAndNewlines.contains($0)
            && !["-", "\u{2010}", "\u{AD}"].contains($0)
        }.map(Character.init)
      ).lowercased()
    }
  }
}

/// Prints the sample book in the real engines and reads the PDFs back with poppler.
@Suite("PDF", .serialized)
struct PDFTests {
  /// Top-level entries of the sample book's contents that open on a page of their own with a
  /// running head (chapters, not parts or the dedication).
  static let chapters = [
    "Preface", "What Octavo Is", "Writing a Manuscript", "Structure and Metadata",
    "Checking and Building", "The Print Edition", "Technical Books", "Publishing",
    "Acknowledgments", "Colophon",
  ]

  static func build(_ manuscript: URL, engine: PDFEngine) throws -> (
    pdf: URL, html: URL, folder: URL
  ) {
    let output = FileManager.default.temporaryDirectory.appending(
      path: "octavo-pdf-\(UUID().uuidString)")
    let result = try runProcess(
      TestPaths.octavo,
      [
        "build", manuscript.path, "--styles", TestPaths.styles.path, "--output", output.path,
        "--format", "print", "--pdf", "--engine", engine.rawValue,
      ], in: TestPaths.packageRoot)
    #expect(result.status == 0, "\(result.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: output.path)
    let pdf = try #require(files.first { $0.hasSuffix(".pdf") })
    let html = try #require(files.first { $0.hasSuffix(".html") })
    // The render cache (`.cache`) is the only hidden entry a build leaves.
    #expect(
      !files.contains { $0.hasPrefix(".") && $0 != ".cache" }, "temporary files left: \(files)")
    return (output.appending(path: pdf), output.appending(path: html), output)
  }

  /// The page index on which a chapter opens: its title alone on a line (a running head
  /// shares its line with the folio).
  /// `number` in lower-case roman numerals (1 to 39).
  static func roman(_ number: Int) -> String {
    String(repeating: "x", count: number / 10)
      + ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"][number % 10]
  }

  static func opener(_ title: String, in document: PDFTools.Document, after start: Int) -> Int? {
    (start..<document.pages.count).first { document.lines($0).contains(title) }
  }

  // WeasyPrint and Chromium, with poppler (pdfinfo, pdftotext): skipped without them, failed when make test requires them.
  @Test(
    "the sample prints in both engines with the trim size, folios, running heads and metadata",
    .enabled(if: PDFTools.enabled(.weasyprint, .chromium)), arguments: PDFEngine.allCases)
  func sample(_ engine: PDFEngine) throws {
    try PDFTools.require(engine)
    let (pdf, _, folder) = try Self.build(TestPaths.sampleManuscript, engine: engine)
    defer { try? FileManager.default.removeItem(at: folder) }
    let document = try PDFTools.Document(pdf)

    // 6 × 9 in on every page.
    #expect(document.sizes.count == document.pages.count && document.pages.count > 30)
    #expect(document.sizes.allSatisfy { $0 == "432 x 648 pts" }, "\(Set(document.sizes))")
    // Title and language from the HTML; WeasyPrint also takes the author.
    #expect(document.info.contains("Title:           Octavo"))
    if engine == .weasyprint {
      #expect(document.info.contains("Author:          Marguerite Okonkwo-Lindqvist"))
    }

    // Folios: present on most pages, and in step with the page index in the body matter.
    let folios = document.pages.indices.compactMap { index in
      document.folio(index).map { (index, $0) }
    }
    #expect(
      folios.count > document.pages.count / 2,
      "\(folios.count) folios on \(document.pages.count) pages")
    let offsets = Set(folios.filter { $0.0 > document.pages.count / 4 }.map { $0.0 - $0.1 })
    #expect(offsets.count == 1, "folios out of step: \(folios)")

    // Running heads: each chapter's title heads a page after its opener (small capitals).
    for title in Self.chapters where !["Acknowledgments", "Colophon"].contains(title) {
      let squeezed = PDFTools.Document.squeeze(title)
      let headed = document.pages.indices.contains { index in
        guard let first = document.lines(index).first else { return false }
        return PDFTools.Document.squeeze(first).contains(squeezed)
          && document.lines(index).count > 5
      }
      #expect(headed, "no running head '\(title)'")
    }
  }

  // WeasyPrint, with poppler (pdfinfo, pdftotext): skipped without them, failed when make test requires them.
  @Test(
    "WeasyPrint: chapters open on right-hand pages, and the contents give their page numbers",
    .enabled(if: PDFTools.enabled(.weasyprint)))
  func openersAndContents() throws {
    try PDFTools.require(.weasyprint)
    let (pdf, _, folder) = try Self.build(TestPaths.sampleManuscript, engine: .weasyprint)
    defer { try? FileManager.default.removeItem(at: folder) }
    let document = try PDFTools.Document(pdf)
    let tocIndex = try #require(
      document.pages.indices.first { document.lines($0).contains("Contents") })
    let tocText = document.pages[tocIndex...].prefix(3).joined(separator: "\n")
    // The contents and the lists of figures and tables fill the first roman pages.
    let romans = (1...20).map(Self.roman)
    var start = tocIndex + 1
    for title in Self.chapters {
      let index = try #require(
        Self.opener(title, in: document, after: start), "no opener for \(title)")
      start = index + 1
      #expect(index % 2 == 0, "\(title) opens on page \(index + 1), a left-hand page")
      // The opener carries no running head: its folio is dropped to the foot.
      let foot = try #require(document.lines(index).last)
      #expect(
        Int(foot) != nil || romans.contains(foot), "\(title): no folio at the foot but '\(foot)'")
      // The contents line for the chapter ends with that folio.
      let entry = try #require(
        tocText.split(separator: "\n").first {
          $0.trimmingCharacters(in: .whitespaces).hasPrefix(title)
        },
        "\(title) not in the contents")
      let number = entry.firstMatch(of: /([0-9]+|[ivxlc]+)\s*$/).map { String($0.1) }
      #expect(number == foot, "contents say \(title) is on \(number ?? "?"), it is on \(foot)")
    }
  }

  // WeasyPrint, with poppler (pdfinfo, pdftotext): skipped without them, failed when make test requires them.
  @Test(
    "WeasyPrint: each footnote is printed once, at the foot of the very page of its call",
    .enabled(if: PDFTools.enabled(.weasyprint)))
  func footnotes() throws {
    try PDFTools.require(.weasyprint)
    let (pdf, html, folder) = try Self.build(TestPaths.sampleManuscript, engine: .weasyprint)
    defer { try? FileManager.default.removeItem(at: folder) }
    let document = try PDFTools.Document(pdf)
    let squeezedPages = document.pages.map(PDFTools.Document.squeeze)
    let source = try String(contentsOf: html, encoding: .utf8)
    func text(_ html: Substring) -> String {
      String(html).replacing(/<[^>]*>/, with: "").replacing("&amp;", with: "&").replacing(
        "&lt;", with: "<"
      )
      .replacing("&gt;", with: ">").replacing("&quot;", with: "\"")
    }
    let calls = source.matches(
      of:
        /([^<>]{0,40})<a id="[^"]*" class="noteref noteref-floated"[^>]*>[^<]*<\/a><span class="print-footnote">(.*?)<\/span>/
        .dotMatchesNewlines())
    #expect(calls.count >= 4)
    for call in calls {
      let before = PDFTools.Document.squeeze(text(call.1)).suffix(16)
      let note = PDFTools.Document.squeeze(text(call.2)).prefix(24)
      // Printed once: at the foot of a page, not also at the chapter's end.
      let notePages = squeezedPages.indices.filter { squeezedPages[$0].contains(note) }
      #expect(notePages.count == 1, "note '\(note)' on pages \(notePages.map { $0 + 1 })")
      let callPages = squeezedPages.indices.filter { squeezedPages[$0].contains(before) }
      guard let notePage = notePages.first, let callPage = callPages.first else {
        Issue.record("call '\(before)' not found")
        continue
      }
      // On the page of its call, never the next one.
      #expect(
        notePage == callPage, "call '\(before)' on page \(callPage + 1), note on \(notePage + 1)")
    }
  }

  @Test("print.css keeps widows and orphans at 2 (the notes keep to their pages by other means)")
  func widowsAndOrphans() throws {
    let css = try String(contentsOf: TestPaths.styles.appending(path: "print.css"), encoding: .utf8)
    let body = try #require(css.firstMatch(of: /\nbody \{[^}]*\}/)).0
    #expect(body.contains("widows: 2;") && body.contains("orphans: 2;"))
    #expect(!css.contains("widows: 1") && !css.contains("orphans: 1"))
  }

  // WeasyPrint and Chromium, with poppler (pdfinfo, pdftotext): skipped without them, failed when make test requires them.
  @Test(
    "the print settings set the PDF's page: the trim plus the bleed in WeasyPrint, the trim in Chromium",
    .enabled(if: PDFTools.enabled(.weasyprint, .chromium)), arguments: PDFEngine.allCases)
  func settings(_ engine: PDFEngine) throws {
    try PDFTools.require(engine)
    let (pdf, _, folder) = try Self.build(
      TestPaths.fixtures.appending(path: "books/print-settings"), engine: engine)
    defer { try? FileManager.default.removeItem(at: folder) }
    let document = try PDFTools.Document(pdf)
    // A5 is 419.528 × 595.276 pt; 3 mm of bleed adds 8.504 pt on each side. Chromium rounds
    // the page to its own units (420 × 594.96 pt), so allow a point.
    let expected = engine == .weasyprint ? (436.536, 612.284) : (419.528, 595.276)
    for size in Set(document.sizes) {
      let numbers = size.split(separator: " ").compactMap { Double($0) }
      #expect(
        numbers.count == 2 && abs(numbers[0] - expected.0) < 1 && abs(numbers[1] - expected.1) < 1,
        "\(size)")
    }
    #expect(
      document.info.contains(
        #"Title:           The "Quoted" Book </style><script>x</script> \ Backslash"#))
    let all = document.pages.joined()
    #expect(all.contains("A note called twice."))
    #expect(!all.contains("<script>x") || all.contains("Book </style><script>x</script>"))
  }

  @Test("without an engine the build fails before writing, naming both engines")
  func noEngine() throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: en\ncontents: [one.md]\n", "one.md": "# One\n",
    ])
    defer { book.remove() }
    let output = book.root.appending(path: "Output")
    let result = try runProcess(
      TestPaths.octavo, ["build", book.root.path, "--output", output.path, "--pdf"],
      environment: ["PATH": "/nonexistent"], in: book.root)
    #expect(result.status == 1)
    #expect(result.stderr.contains("neither weasyprint nor chromium was found"), "\(result.stderr)")
    #expect(
      result.stderr.contains("pip install weasyprint")
        && result.stderr.contains("apt-get install chromium"))
    #expect(!FileManager.default.fileExists(atPath: output.path))
  }
}
