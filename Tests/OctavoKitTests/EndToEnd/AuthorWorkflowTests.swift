import Foundation
import Testing

@testable import OctavoKit

/// `octavo new`, `octavo stats` and `octavo watch`, in the library and through the binary.
@Suite("Author workflow", .serialized)
struct AuthorWorkflowTests {
  static func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appending(path: "octavo-workflow-\(UUID().uuidString)")
  }

  // EPUBCheck and the Nu checker (java): skipped without them, failed when make test requires them.
  @Test(
    "octavo new writes a manuscript that builds with no diagnostics and a valid EPUB",
    .enabled(if: Validators.enabled))
  func newBookBuilds() throws {
    try Validators.require()
    let folder = Self.temporaryFolder()
    let output = Self.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: folder)
      try? FileManager.default.removeItem(at: output)
    }
    let created = try runProcess(
      TestPaths.octavo,
      [
        "new", folder.path, "--title", "The Lighthouse Year", "--author", "Agnes Thorvaldsen",
        "--language", "en-GB",
      ])
    #expect(created.status == 0, "\(created.stderr)")
    for path in [
      "book.yaml", "first-steps.md", "the-shape-of-a-book.md", "images/leaf.svg",
      "styles/epub.css", "styles/print.css",
    ] {
      #expect(FileManager.default.fileExists(atPath: folder.appending(path: path).path), "\(path)")
      #expect(created.stdout.contains(path))
    }
    #expect(
      try String(contentsOf: folder.appending(path: "styles/epub.css"), encoding: .utf8)
        == BookBuilder.builtInStylesheet("epub.css"))

    let check = try runProcess(TestPaths.octavo, ["check", folder.path, "--strict"])
    #expect(check.status == 0)
    #expect(check.stderr.isEmpty, "\(check.stderr)")
    #expect(
      check.stdout
        == "\(folder.path): no problems found (2 chapters, \(try Manuscript.load(at: folder).wordCount) words)\n"
    )

    // As a newcomer types it: no --styles, so the built-in styles are used.
    let built = try runProcess(
      TestPaths.octavo, ["build", folder.path, "--output", output.path],
      in: FileManager.default.temporaryDirectory)
    #expect(built.status == 0, "\(built.stderr)")
    #expect(built.stderr.isEmpty, "\(built.stderr)")
    let epub = output.appending(path: "the-lighthouse-year.epub")
    let manuscript = try Manuscript.load(at: folder)
    #expect(manuscript.book.metadata.title == "The Lighthouse Year")
    #expect(manuscript.book.metadata.authors.map(\.name) == ["Agnes Thorvaldsen"])
    #expect(manuscript.book.metadata.language == "en-GB")
    #expect(manuscript.book.images.map(\.path) == ["images/leaf.svg"])

    let report = try Validators.epubcheck(epub)
    #expect(
      report.fatals == 0 && report.errors == 0 && report.warnings == 0,
      "\(report.messages.joined(separator: "\n"))")
    let nu = try Validators.nu(output.appending(path: "the-lighthouse-year.html"))
    #expect(nu.isEmpty, "\(nu.joined(separator: "\n"))")
  }

  @Test("octavo new refuses a folder that holds anything, and writes nothing into it")
  func newRefusesNonEmptyFolder() throws {
    let folder = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data("keep me".utf8).write(to: folder.appending(path: "notes.txt"))
    let result = try runProcess(TestPaths.octavo, ["new", folder.path])
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "octavo: error: the folder is not empty: \(folder.path) (1 item in it; choose a new or empty folder)\n"
    )
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])

    // An empty folder is fine.
    let empty = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: empty) }
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    #expect(try runProcess(TestPaths.octavo, ["new", empty.path]).status == 0)
  }

  @Test(
    "titles and names with YAML's special characters survive the round trip",
    arguments: [
      "Part One: \"Writing\"", "# not a comment", "C:\\Books\\Mine", "- dash", "Ünïcödé — 本",
    ])
  func scaffoldQuoting(_ title: String) throws {
    let folder = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try ManuscriptScaffold(title: title, author: title).create(at: folder)
    let manuscript = try Manuscript.load(at: folder)
    #expect(manuscript.diagnostics.isEmpty, "\(manuscript.diagnostics)")
    #expect(manuscript.book.metadata.title == title)
    #expect(manuscript.book.metadata.authors.map(\.name) == [title])
  }

  @Test("statistics count words, characters, notes, images and headings per chapter")
  func statistics() throws {
    let manuscript = try TemporaryManuscript.load(
      chapters: [
        "a.md":
          "# One\n\nTwo words[^n] here.\n\n## Sub\n\n![alt text here](p.png)\n\n[^n]: Note text.\n",
        "b.md": "# Three\n\n```\ncode block\n```\n",
      ], order: ["a.md", "b.md"], binary: ["p.png": tinyPNG])
    let stats = BookStatistics(book: manuscript.book)
    #expect(stats.chapters.map(\.id) == ["a", "b"])
    let a = stats.chapters[0]
    // "One", "Two words here.", "Sub", the image's "alt text here" and "Note text.", as the
    // loader counts words.
    #expect(a.words == 10)
    #expect(
      a.characters == "One".count + "Two words here.".count + "Sub".count + "alt text here".count
        + "Note text.".count)
    #expect(a.footnotes == 1)
    #expect(a.images == 1)
    #expect(a.headings == 2)
    #expect(a.readingMinutes == 1)
    let b = stats.chapters[1]
    #expect(b.words == 3)
    #expect(b.characters == "Three".count + "code block\n".count)
    #expect(b.images == 0)
    #expect(stats.total.words == 13)
    #expect(stats.total.headings == 3)
    #expect(stats.total.title == "T")
  }

  @Test(
    "reading time rounds up at 230 words a minute",
    arguments: [
      (0, 0), (1, 1), (230, 1), (231, 2), (2_300, 10), (1_000_000, 4_348),
    ])
  func readingTime(_ words: Int, _ minutes: Int) {
    #expect(BookStatistics.minutes(forWords: words) == minutes)
  }

  @Test("octavo stats prints an aligned table and JSON")
  func statsCommand() throws {
    let table = try runProcess(TestPaths.octavo, ["stats", TestPaths.sampleManuscript.path])
    #expect(table.status == 0, "\(table.stderr)")
    let lines = table.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("Chapter") == true)
    #expect(lines.last?.hasPrefix("Total (\(sampleChapterCount) chapters)") == true)
    // Every row is as wide as the rule under the header, numbers right-aligned.
    let width = lines[1].count
    #expect(lines.allSatisfy { $0.count <= width })
    #expect(lines.filter { $0.first != "-" }.allSatisfy { $0.count == width })

    let json = try runProcess(
      TestPaths.octavo, ["stats", TestPaths.sampleManuscript.path, "--format", "json"])
    #expect(json.status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(object["wordsPerMinute"] as? Int == 230)
    let chapters = try #require(object["chapters"] as? [[String: Any]])
    #expect(chapters.count == sampleChapterCount)
    let total = try #require(object["total"] as? [String: Any])
    let manuscript = try Manuscript.load(at: TestPaths.sampleManuscript)
    #expect(total["words"] as? Int == manuscript.wordCount)
    #expect(chapters.reduce(0) { $0 + ($1["words"] as? Int ?? 0) } == manuscript.wordCount)
  }

  @Test("octavo watch builds, then builds again when a chapter changes")
  func watch() throws {
    let book = try temporaryCopy(of: TestPaths.sampleManuscript)
    let output = Self.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: book)
      try? FileManager.default.removeItem(at: output)
    }
    let log = FileManager.default.temporaryDirectory.appending(
      path: "octavo-watch-\(UUID().uuidString).log")
    defer { try? FileManager.default.removeItem(at: log) }
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    let process = Process()
    process.executableURL = TestPaths.octavo
    process.arguments = [
      "watch", book.path, "--output", output.path, "--format", "epub", "--rounds", "2",
    ]
    process.standardOutput = try FileHandle(forWritingTo: log)
    process.standardError = process.standardOutput
    try process.run()
    defer { if process.isRunning { process.terminate() } }
    func waitForLog(_ token: String, count: Int) -> String {
      let deadline = Date().addingTimeInterval(60)
      while Date() < deadline {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        if text.components(separatedBy: token).count - 1 >= count { return text }
        Thread.sleep(forTimeInterval: 0.05)
      }
      return (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    }
    #expect(waitForLog("watching", count: 1).contains("wrote"))
    let chapter = book.appending(path: "writing.md")
    try (try String(contentsOf: chapter, encoding: .utf8) + "\nSee [nowhere](nowhere.md).\n")
      .write(to: chapter, atomically: true, encoding: .utf8)
    process.waitUntilExit()
    let text = waitForLog("built", count: 2)
    #expect(process.terminationStatus == 0)
    #expect(text.components(separatedBy: "wrote ").count - 1 == 2, "\(text)")
    #expect(text.contains("writing.md:"), "the second build reports the new warning: \(text)")
    #expect(text.contains("[OCT303]"))
  }

  @Test("diagnostics are plain when not on a terminal, and with --no-color or NO_COLOR")
  func plainDiagnostics() throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: en\ncontents: [a.md]\n",
      "a.md": "# A\n\nSee [x](missing.md).\n",
    ])
    defer { book.remove() }
    let plain = try runProcess(TestPaths.octavo, ["check", book.root.path])
    #expect(
      plain.stderr
        == "\(book.root.path)/a.md:3:5: warning: link to 'missing.md', which does not exist; it is shown as text [OCT303]\n0 errors, 1 warning\n"
    )
    #expect(!plain.stderr.contains("\u{1B}["))
    let quiet = try runProcess(TestPaths.octavo, ["check", book.root.path, "--quiet"])
    #expect(quiet.stderr.isEmpty)
    #expect(quiet.stdout.isEmpty)
  }

  @Test(
    "the committed shell completions are those the binary generates (run make docs)",
    arguments: ["bash", "zsh", "fish"])
  func completionsUpToDate(_ shell: String) throws {
    let generated = try runProcess(TestPaths.octavo, ["--generate-completion-script", shell])
    #expect(generated.status == 0)
    let committed = try String(
      contentsOf: TestPaths.packageRoot.appending(path: "docs/completions/octavo.\(shell)"),
      encoding: .utf8)
    #expect(generated.stdout == committed)
  }

  @Test("the committed man page documents every command and option (run make docs)")
  func manualUpToDate() throws {
    let manual = try String(
      contentsOf: TestPaths.packageRoot.appending(path: "docs/octavo.1"), encoding: .utf8)
    for command in ["build", "check", "new", "stats", "serve", "watch"] {
      #expect(manual.contains(".It Em \(command)"), "\(command)")
    }
    for option in [
      "no-color", "quiet", "verbose", "port", "open", "author", "language", "strict", "styles",
    ] {
      #expect(manual.contains("Fl -\(option)") || manual.contains(", -\(option)"), "\(option)")
    }
  }
}
