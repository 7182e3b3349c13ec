import Foundation
import Testing

@testable import OctavoKit

/// `octavo serve`, the real binary on a free loopback port, read with real HTTP requests.
@Suite("Preview server", .serialized)
struct PreviewServerTests {
  @Test("serves chapters, the contents, the print edition, the EPUB, styles and images")
  func servesTheBook() throws {
    let server = try ServedBook(TestPaths.sampleManuscript)
    defer { server.stop() }

    let chapter = try server.get("/text/writing.xhtml")
    #expect(chapter.status == 200)
    #expect(chapter.headers["content-type"] == "application/xhtml+xml; charset=utf-8")
    #expect(chapter.text.contains("<section id=\"writing\""))
    #expect(
      chapter.text.contains("href=\"/text/part-1.xhtml\" rel=\"prev\"")
        || chapter.text.contains("rel=\"prev\""))
    #expect(chapter.text.contains("rel=\"next\""))
    #expect(chapter.text.contains("new EventSource(\"/_octavo/events?generation=1\")"))
    // The page is well-formed XHTML, as a browser parsing application/xhtml+xml requires.
    if case .failure(let error) = MarkupParser.parseXML(chapter.body) {
      Issue.record("chapter page is not well-formed: \(error)")
    }

    let contents = try server.get("/")
    #expect(contents.status == 200)
    #expect(contents.text.contains("<nav id=\"toc\""))
    #expect(contents.text.contains("href=\"text/writing.xhtml\""))
    #expect(try server.get("/nav.xhtml").body == contents.body)

    let print = try server.get("/print.html")
    #expect(print.status == 200)
    #expect(print.headers["content-type"] == "text/html; charset=utf-8")
    #expect(print.text.hasPrefix("<!DOCTYPE html>"))
    #expect(print.text.contains("EventSource"))

    let epub = try server.get("/book.epub")
    #expect(epub.status == 200)
    #expect(epub.headers["content-type"] == "application/epub+zip")
    #expect(epub.headers["content-disposition"] == "attachment; filename=\"octavo.epub\"")
    #expect(
      Array(epub.body.prefix(38)) == Array("PK\u{3}\u{4}".utf8) + Array(epub.body[4..<30])
        + Array("mimetype".utf8))

    // The preview's own frame: its style sheet, its script and the search index.
    let frame = try server.get("/_octavo/preview.css")
    #expect(frame.status == 200)
    #expect(frame.headers["content-type"] == "text/css; charset=utf-8")
    #expect(frame.text.contains("html[data-theme=\"dark\"]"))
    #expect(frame.text.contains("html[data-theme=\"sepia\"]"))
    let script = try server.get("/_octavo/preview.js")
    #expect(script.headers["content-type"] == "text/javascript; charset=utf-8")
    #expect(script.text.contains("ArrowLeft"))
    #expect(chapter.text.contains("<link rel=\"stylesheet\" href=\"/_octavo/preview.css\"/>"))
    #expect(chapter.text.contains("<meta name=\"viewport\""))
    #expect(chapter.text.contains("<a href=\"/text/writing.xhtml\" aria-current=\"page\">"))
    let index = try server.get("/_octavo/search.json")
    #expect(index.headers["content-type"] == "application/json")
    let pages = try #require(
      try JSONSerialization.jsonObject(with: Data(index.body)) as? [[String: Any]])
    let writing = try #require(pages.first { $0["url"] as? String == "/text/writing.xhtml" })
    #expect(writing["title"] as? String == "Writing a Manuscript")
    let sections = writing["sections"] as? [[String: Any]] ?? []
    #expect(
      sections.contains {
        $0["heading"] as? String == "A Folder, Not a File"
          && $0["id"] as? String == "a-folder-not-a-file"
      })
    #expect(
      sections.contains { ($0["text"] as? String ?? "").contains("A manuscript is a folder.") })

    let css = try server.get("/styles/epub.css")
    #expect(css.status == 200)
    #expect(css.body == Array(try Data(contentsOf: TestPaths.styles.appending(path: "epub.css"))))
    let image = try server.get("/images/pipeline.svg")
    #expect(image.status == 200)
    #expect(image.headers["content-type"] == "image/svg+xml")
  }

  @Test("the EPUB served is the one octavo build writes")
  func epubMatchesBuild() throws {
    let server = try ServedBook(TestPaths.sampleManuscript)
    defer { server.stop() }
    let output = FileManager.default.temporaryDirectory.appending(
      path: "octavo-serve-epub-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    let built = try runProcess(
      TestPaths.octavo,
      [
        "build", TestPaths.sampleManuscript.path, "--styles", TestPaths.styles.path,
        "--output", output.path, "--format", "epub",
      ])
    #expect(built.status == 0)
    let served = try server.get("/book.epub").body
    #expect(served == Array(try Data(contentsOf: output.appending(path: "octavo.epub"))))
  }

  static let traversals = [
    "/../book.yaml", "/%2e%2e/book.yaml", "/text/..%2f..%2fbook.yaml",
    "/chapters/..%2f..%2fetc/passwd",
    "/text/%2e%2e/%2e%2e/etc/passwd", "/images/../book.yaml", "/images/..%2fbook.yaml",
    "/book.yaml", "/writing.md", "//etc/passwd", "/images/%2fetc%2fpasswd", "/text/.%2e/book.yaml",
    "/images/..%5cbook.yaml", "/etc/passwd",
  ]

  @Test("paths outside the book's own files get 404")
  func traversal() throws {
    let server = try ServedBook(TestPaths.sampleManuscript)
    defer { server.stop() }
    #expect(try server.get("/images/cover.png").status == 200)
    for path in Self.traversals {
      let response = try server.get(path)
      #expect(response.status == 404, "\(path): \(response.status)")
      #expect(!response.text.contains("title:"), "\(path)")
      #expect(!response.text.contains("root:"), "\(path)")
    }
  }

  @Test("a saved change sends a reload event, then the new text is served")
  func reloadsOnChange() throws {
    let book = try temporaryCopy(of: TestPaths.sampleManuscript)
    defer { try? FileManager.default.removeItem(at: book) }
    let server = try ServedBook(book)
    defer { server.stop() }
    let events = try server.events(generation: 1)
    defer { events.close() }
    _ = try events.waitFor(": generation 1")
    #expect(try !server.get("/text/writing.xhtml").text.contains("A sentence added while serving"))

    let chapter = book.appending(path: "writing.md")
    let text = try String(contentsOf: chapter, encoding: .utf8)
    try (text + "\nA sentence added while serving.\n").write(
      to: chapter, atomically: true, encoding: .utf8)
    let stream = try events.waitFor("event: reload\ndata: 2\n")
    #expect(stream.contains("text/event-stream"))
    let page = try server.get("/text/writing.xhtml")
    #expect(page.text.contains("A sentence added while serving"))
    #expect(page.text.contains("generation=2"))

    // A page made from an older generation is told to reload at once.
    let late = try server.events(generation: 1)
    defer { late.close() }
    _ = try late.waitFor("event: reload\ndata: 2\n")
  }

  @Test(
    "errors a draft survives: the book with a banner on every page; other errors: the diagnostics instead; fixed: the book"
  )
  func showsDiagnostics() throws {
    let book = try temporaryCopy(of: TestPaths.sampleManuscript)
    defer { try? FileManager.default.removeItem(at: book) }
    let server = try ServedBook(book)
    defer { server.stop() }
    let events = try server.events()
    defer { events.close() }
    _ = try events.waitFor(": generation 1")

    let yaml = book.appending(path: "book.yaml")
    let good = try String(contentsOf: yaml, encoding: .utf8)
    try good.replacingOccurrences(
      of: "  - publishing.md\n", with: "  - publishing.md\n  - missing-chapter.md\n"
    )
    .write(to: yaml, atomically: true, encoding: .utf8)
    _ = try events.waitFor("data: 2\n")
    // A missing chapter: the rest of the book is shown as a draft, the error in a banner.
    for path in ["/", "/text/writing.xhtml", "/text/titlepage.xhtml"] {
      let page = try server.get(path)
      #expect(page.status == 200)
      #expect(page.text.contains("class=\"octavo-banner octavo-has-errors\""), "\(path)")
      #expect(page.text.contains("Draft: 1 error"), "\(path)")
      #expect(page.text.contains("book.yaml:"), "\(path)")
      #expect(page.text.contains("missing-chapter.md"), "\(path)")
      #expect(page.text.contains("EventSource"), "\(path)")
    }
    #expect(try server.get("/text/writing.xhtml").text.contains("<section id=\"writing\""))
    #expect(try server.get("/text/titlepage.xhtml").text.contains(XHTMLRenderer.draftMark))
    #expect(try server.get("/print.html").text.contains(XHTMLRenderer.draftMark))

    // A language tag no book can have: not even a draft; every page shows the diagnostics.
    try good.replacingOccurrences(of: "language: en", with: "language: \"English (UK)\"")
      .write(to: yaml, atomically: true, encoding: .utf8)
    _ = try events.waitFor("data: 3\n")
    for path in ["/", "/text/writing.xhtml", "/print.html", "/print"] {
      let page = try server.get(path)
      #expect(page.status == 200)
      #expect(page.text.contains("The manuscript has errors"), "\(path)")
      #expect(page.text.contains("[OCT105]"), "\(path)")
      #expect(!page.text.contains("<section id=\"writing\""), "\(path)")
    }

    try good.write(to: yaml, atomically: true, encoding: .utf8)
    _ = try events.waitFor("data: 4\n")
    let fixed = try server.get("/text/writing.xhtml").text
    #expect(fixed.contains("<section id=\"writing\""))
    #expect(!fixed.contains("octavo-banner"))
  }

  // Chromium: skipped without it, failed when make test requires it.
  @Test(
    "a headless Chromium loads a chapter page without console errors",
    .enabled(if: PreviewHarness.chromium != nil || OutsideTool.required))
  func chromium() throws {
    try OutsideTool.require(
      PreviewHarness.chromium != nil, "Chromium", install: ".ci/install-deps test")
    let browser = PreviewHarness.chromium!.path
    let server = try ServedBook(TestPaths.sampleManuscript)
    defer { server.stop() }
    let profile = FileManager.default.temporaryDirectory.appending(
      path: "octavo-chromium-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: profile) }
    let result = try runWithDeadline(
      URL(fileURLWithPath: browser),
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
        "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0", "--dump-dom",
        "http://127.0.0.1:\(server.port)/text/notes-and-figures.xhtml",
      ], seconds: 60)
    #expect(result.status == 0, "\(result.stderr.suffix(2000))")
    // The DOM after scripts ran: the chapter and the preview's bar are there.
    #expect(result.stdout.contains("Notes, Figures, Tables, and Links"))
    #expect(result.stdout.contains("octavo-preview"))
    #expect(result.stdout.contains("aria-current=\"page\">Notes, Figures, Tables, and Links</a>"))
    // Chromium logs every console message (console.error, uncaught exceptions, failed
    // loads) as a CONSOLE line; the preview's pages log nothing.
    let console = result.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
    #expect(console.isEmpty, "\(console.joined(separator: "\n"))")
    #expect(!result.stderr.contains("This page contains the following errors"))
    #expect(!result.stdout.contains("parsererror"))
  }
}

/// Runs a program like `runProcess`, but ends it (and fails the test) after `seconds`.
func runWithDeadline(_ executable: URL, _ arguments: [String], seconds: Double) throws
  -> (status: Int32, stdout: String, stderr: String)
{
  let folder = FileManager.default.temporaryDirectory.appending(
    path: "octavo-run-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  let outURL = folder.appending(path: "out")
  let errURL = folder.appending(path: "err")
  _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
  _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  process.standardOutput = try FileHandle(forWritingTo: outURL)
  process.standardError = try FileHandle(forWritingTo: errURL)
  process.standardInput = FileHandle.nullDevice
  try process.run()
  let deadline = Date().addingTimeInterval(seconds)
  while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
  if process.isRunning {
    Issue.record("\(executable.lastPathComponent) did not finish in \(Int(seconds)) s")
    process.terminate()
  }
  process.waitUntilExit()
  return (
    process.terminationStatus, (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
    (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
  )
}
