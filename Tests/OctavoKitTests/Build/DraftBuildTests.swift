import Foundation
import Testing

@testable import OctavoKit

/// Drafts: `BuildOptions.draft` and `octavo build --draft` write a book despite the errors it
/// can survive, with placeholders for missing images, and say "Draft" in the EPUB's metadata,
/// on its title page and at the foot of every printed page. Without `--draft` nothing changes.
@Suite("Drafts")
struct DraftBuildTests {
  /// A manuscript with one error a draft survives: (what is wrong, files, the error's code).
  struct Case: CustomStringConvertible, Sendable {
    var name: String
    var files: [String: String]
    var binary: [String: [UInt8]] = [:]
    var code: DiagnosticCode
    var description: String { name }
  }

  static let chapter = "# One\n\nSome words in the first chapter.\n"

  static let cases: [Case] = [
    Case(
      name: "a missing image",
      files: [
        "book.yaml": EbookBuild.yaml(),
        "one.md": chapter
          + "\n![A lighthouse at dusk](images/lighthouse.jpg \"The lighthouse\")\n\nText ![inline](images/nope.png) here.\n",
      ], code: .missingImage),
    Case(
      name: "a file that is not an image",
      files: [
        "book.yaml": EbookBuild.yaml(), "one.md": chapter + "\n![A map](images/map.png)\n",
        "images/map.png": "not a PNG",
      ], code: .unsupportedImage),
    Case(
      name: "an image outside the manuscript",
      files: [
        "book.yaml": EbookBuild.yaml(), "one.md": chapter + "\n![A map](../../map.png)\n",
      ], code: .pathOutsideManuscript),
    Case(
      name: "a missing chapter file",
      files: [
        "book.yaml": EbookBuild.yaml(contents: ["one.md", "two.md"]), "one.md": chapter,
      ], code: .missingChapterFile),
    Case(
      name: "a chapter listed twice",
      files: [
        "book.yaml": EbookBuild.yaml(contents: ["one.md", "one.md"]), "one.md": chapter,
      ], code: .duplicateChapterFile),
    Case(
      name: "an empty chapter",
      files: [
        "book.yaml": EbookBuild.yaml(contents: ["one.md", "two.md"]), "one.md": chapter,
        "two.md": "\n",
      ], code: .emptyChapter),
    Case(
      name: "an id used twice",
      files: [
        "book.yaml": EbookBuild.yaml(contents: ["one.md", "two.md"]),
        "one.md": "# One {#same}\n\nWords.\n", "two.md": "# Two {#same}\n\nMore words.\n",
      ], code: .duplicateID),
    Case(
      name: "a cover that is missing",
      files: [
        "book.yaml": EbookBuild.yaml("cover: images/cover.png"), "one.md": chapter,
      ], code: .badCover),
    Case(
      name: "a chapter that is not UTF-8",
      files: [
        "book.yaml": EbookBuild.yaml(contents: ["one.md", "two.md"]), "one.md": chapter,
      ], binary: ["two.md": Array("# Two\n\nCaf".utf8) + [0xE9] + Array("\n".utf8)], code: .notUTF8),
  ]

  // EPUBCheck and the Nu checker (java): skipped without them, failed when make test requires them.
  @Test(
    "octavo build refuses; octavo build --draft writes a book EPUBCheck and the Nu checker pass",
    .enabled(if: Validators.enabled), arguments: cases)
  func draftSurvives(_ test: Case) throws {
    try Validators.require()
    let book = try TemporaryManuscript(test.files, binary: test.binary)
    defer { book.remove() }
    let output = book.root.appending(path: "Output")
    let environment = ["SOURCE_DATE_EPOCH": "1700000000", "NO_COLOR": "1"]

    let refused = try runProcess(
      TestPaths.octavo, ["build", book.root.path, "--output", output.path],
      environment: environment)
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("[\(test.code.rawValue)]"), "\(refused.stderr)")
    #expect(refused.stderr.contains("--draft"))
    #expect(!FileManager.default.fileExists(atPath: output.appending(path: "t.epub").path))

    let draft = try runProcess(
      TestPaths.octavo, ["build", book.root.path, "--output", output.path, "--draft"],
      environment: environment)
    #expect(draft.status == 0, "\(draft.stderr)")
    #expect(draft.stderr.contains("error:"), "the draft still prints its errors")
    #expect(draft.stderr.contains("[\(test.code.rawValue)]"))
    #expect(draft.stdout.contains("draft: built with"))
    let epub = output.appending(path: "t.epub")
    let opf = try EbookBuild.text(epub, "EPUB/package.opf")
    #expect(opf.contains("<dc:type>draft</dc:type>"))
    #expect(
      try EbookBuild.text(epub, "EPUB/text/titlepage.xhtml").contains(XHTMLRenderer.draftMark))
    let html = output.appending(path: "t.html")
    #expect(
      try String(contentsOf: html, encoding: .utf8).contains(
        "@bottom-right { content: \"\(XHTMLRenderer.draftMark)\""))
    let report = try Validators.epubcheck(epub)
    #expect(
      report.fatals + report.errors + report.warnings == 0,
      "\(report.messages.joined(separator: "\n"))")
    #expect(try Validators.nu(html) == [])
  }

  @Test("a missing image becomes a placeholder in the manifest, with alt text naming the file")
  func placeholder() throws {
    let files = Self.cases[0].files
    let manuscript = try TemporaryManuscript(files)
    defer { manuscript.remove() }
    var options = BuildOptions(
      manuscript: manuscript.root, output: manuscript.root.appending(path: "Output"),
      environment: ["SOURCE_DATE_EPOCH": "1700000000"])
    let refused = try BookBuilder.build(options)
    #expect(refused.outputs.isEmpty)
    #expect(refused.diagnostics.filter { $0.code == .missingImage }.count == 2)
    #expect(!refused.isDraft)

    options.draft = true
    let result = try BookBuilder.build(options)
    #expect(result.isDraft)
    #expect(result.outputs.map(\.lastPathComponent) == ["t.epub", "t.html"])
    #expect(result.diagnostics.filter { $0.code == .missingImage }.count == 2)
    let epub = result.outputs[0]
    let opf = try EbookBuild.text(epub, "EPUB/package.opf")
    #expect(opf.contains("href=\"images/missing-lighthouse.svg\" media-type=\"image/svg+xml\""))
    #expect(opf.contains("href=\"images/missing-nope.svg\""))
    let svg = try EbookBuild.text(epub, "EPUB/images/missing-lighthouse.svg")
    #expect(svg.contains("Missing image"))
    #expect(svg.contains("images/lighthouse.jpg"))
    let chapter = try EbookBuild.text(epub, "EPUB/text/one.xhtml")
    #expect(chapter.contains("alt=\"Missing image: images/lighthouse.jpg (A lighthouse at dusk)\""))
    #expect(chapter.contains("<figcaption>The lighthouse</figcaption>"))
    #expect(try EbookBuild.text(epub, "EPUB/styles/epub.css").contains(".draft-mark"))
    // The print edition embeds the placeholder like any image.
    let html = try String(contentsOf: result.outputs[1], encoding: .utf8)
    #expect(html.contains("data:image/svg+xml;base64,"))
    #expect(html.contains("Missing image: images/nope.png (inline)"))

    // A draft is reproducible like any build.
    let first = try Data(contentsOf: epub)
    _ = try BookBuilder.build(options)
    #expect(try Data(contentsOf: epub) == first)
  }

  @Test("errors a book cannot survive stop a draft too, and say which")
  func unsurvivable() throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: \"English (UK)\"\ncontents: [one.md]\n",
      "one.md": Self.chapter + "\n![A map](images/map.png)\n",
    ])
    defer { book.remove() }
    let output = book.root.appending(path: "Output")
    let run = try runProcess(
      TestPaths.octavo, ["build", book.root.path, "--output", output.path, "--draft"],
      environment: ["NO_COLOR": "1"])
    #expect(run.status == 1)
    #expect(run.stderr.contains("a draft cannot be made with OCT105 errors"), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: output.path))
    #expect(!Diagnostic(.error, .badLanguage, "x", at: nil).allowsDraft)
    #expect(Diagnostic(.error, .missingImage, "x", at: nil).allowsDraft)
    // book.yaml itself cannot be left out.
    #expect(
      !Diagnostic(.error, .unreadableFile, "x", at: SourceLocation(file: "book.yaml")).allowsDraft)
    #expect(
      Diagnostic(.error, .unreadableFile, "x", at: SourceLocation(file: "two.md")).allowsDraft)
  }

  @Test("octavo watch --draft writes the draft")
  func watchDraft() throws {
    let book = try TemporaryManuscript(Self.cases[0].files)
    defer { book.remove() }
    let output = book.root.appending(path: "Output")
    let run = try runProcess(
      TestPaths.octavo,
      [
        "watch", book.root.path, "--output", output.path, "--draft",
        "--rounds", "1",
      ], environment: ["NO_COLOR": "1"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(FileManager.default.fileExists(atPath: output.appending(path: "t.epub").path))
  }

  // WeasyPrint and poppler (pdftotext): skipped without them, failed when make test requires them.
  @Test(
    "every printed page of a draft says Draft at its foot (WeasyPrint)",
    .enabled(if: PDFTools.enabled(.weasyprint)))
  func printedFoot() throws {
    try PDFTools.require(.weasyprint)
    let weasyprint = try PDFRenderer.locate(
      .weasyprint, environment: ProcessInfo.processInfo.environment,
      projectFolders: [TestPaths.packageRoot])
    let pdftotext = try #require(PDFTools.program("pdftotext"))
    var files = Self.cases[0].files
    files["book.yaml"] = EbookBuild.yaml(
      "copyright-page: true\nrights: \"All rights reserved.\"", contents: ["one.md", "two.md"])
    files["two.md"] =
      "# Two\n\n"
      + String(
        repeating: "A paragraph of the second chapter, long enough to fill pages. ", count: 120)
      + "\n"
    let book = try TemporaryManuscript(files)
    defer { book.remove() }
    var options = BuildOptions(
      manuscript: book.root, output: book.root.appending(path: "Output"), formats: [.print],
      environment: ["SOURCE_DATE_EPOCH": "1700000000"])
    options.draft = true
    let result = try BookBuilder.build(options)
    let pdf = book.root.appending(path: "Output/t.pdf")
    try weasyprint.render(html: result.outputs[0], to: pdf)
    let text = try runProcess(pdftotext, ["-layout", pdf.path, "-"]).stdout
    let pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).filter {
      !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
    #expect(pages.count >= 5)
    for (number, page) in pages.enumerated() {
      #expect(page.contains(XHTMLRenderer.draftMark), "page \(number + 1) has no draft mark")
    }
  }
}
