import Foundation
import Testing

@testable import OctavoKit

/// The number of chapters the sample manuscript has, read from it (its book.yaml grows).
let sampleChapterCount: Int =
  (try? Manuscript.load(at: TestPaths.sampleManuscript).chapters.count) ?? -1

#if canImport(Glibc)
  import Glibc
#endif

/// A new user's first hour (issue 15): the real binary run from inside a book, from its
/// parent and in this repository; typos; errors that say what and where.
@Suite("The author's first hour", .serialized)
struct FirstHourTests {
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appending(
      path: "octavo-first-hour-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// `octavo new lighthouse` run in a new temporary folder; returns that folder and the
  /// command's output.
  static func newBook(_ name: String = "lighthouse") throws -> (
    parent: URL, book: URL, stdout: String
  ) {
    let parent = try temporaryFolder()
    let created = try runProcess(
      TestPaths.octavo, ["new", name, "--title", "The Lighthouse Year"], in: parent)
    #expect(created.status == 0, "\(created.stderr)")
    return (parent, parent.appending(path: name), created.stdout)
  }

  static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

  // MARK: - A book is found where the author stands

  @Test(
    "inside a book folder, build, check, stats and watch need no path; output goes to the book's Output"
  )
  func insideTheBook() throws {
    let (parent, book, _) = try Self.newBook()
    defer { try? FileManager.default.removeItem(at: parent) }
    let built = try runProcess(TestPaths.octavo, ["build"], in: book)
    #expect(built.status == 0, "\(built.stderr)")
    #expect(built.stdout.contains("wrote Output/the-lighthouse-year.epub ("), "\(built.stdout)")
    #expect(Self.exists(book.appending(path: "Output/the-lighthouse-year.epub")))
    #expect(Self.exists(book.appending(path: "Output/the-lighthouse-year.html")))

    let checked = try runProcess(TestPaths.octavo, ["check", "--strict"], in: book)
    #expect(checked.status == 0, "\(checked.stderr)")
    #expect(checked.stdout.hasPrefix("no problems found (2 chapters, "), "\(checked.stdout)")

    // From a folder inside the book, as git finds a repository from a subfolder.
    let stats = try runProcess(TestPaths.octavo, ["stats"], in: book.appending(path: "images"))
    #expect(stats.status == 0, "\(stats.stderr)")
    #expect(stats.stdout.contains("Total (2 chapters)"))

    let watched = try runProcess(
      TestPaths.octavo, ["watch", "--rounds", "1", "--format", "epub"], in: book)
    #expect(watched.status == 0, "\(watched.stderr)")
    #expect(watched.stdout.contains("wrote Output/the-lighthouse-year.epub"))
  }

  @Test("from the book's parent, the output goes into the book, not the current folder")
  func fromTheParent() throws {
    let (parent, book, _) = try Self.newBook()
    defer { try? FileManager.default.removeItem(at: parent) }
    let built = try runProcess(
      TestPaths.octavo, ["build", "lighthouse", "--format", "epub"], in: parent)
    #expect(built.status == 0, "\(built.stderr)")
    #expect(
      built.stdout.contains("wrote lighthouse/Output/the-lighthouse-year.epub ("), "\(built.stdout)"
    )
    #expect(Self.exists(book.appending(path: "Output/the-lighthouse-year.epub")))
    #expect(!Self.exists(parent.appending(path: "Output")))
    // The parent holds no book.yaml itself, but its book is not guessed: a path is needed.
    let bare = try runProcess(TestPaths.octavo, ["check"], in: parent)
    #expect(bare.status == 66)
  }

  @Test("the next steps octavo new prints work as typed, and use the book's own styles folder")
  func newNextSteps() throws {
    let (parent, book, stdout) = try Self.newBook("my lighthouse")
    defer { try? FileManager.default.removeItem(at: parent) }
    // The author edits the book's own style sheet.
    let css = book.appending(path: "styles/epub.css")
    let marker = "/* edited by the author: 7c3f */"
    try (try String(contentsOf: css, encoding: .utf8) + "\n" + marker + "\n").write(
      to: css, atomically: true, encoding: .utf8)

    let steps = stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("  octavo ") }
    #expect(steps.count == 2, "\(stdout)")
    let commands = steps.map {
      Self.shellWords(String($0.dropFirst(2).components(separatedBy: "    ")[0]))
    }
    #expect(commands.map { $0.dropFirst().first } == ["serve", "build"])
    #expect(commands.allSatisfy { $0.last == "my lighthouse" }, "\(commands)")

    // octavo build 'my lighthouse'
    let build = try runProcess(TestPaths.octavo, Array(commands[1].dropFirst()), in: parent)
    #expect(build.status == 0, "\(build.stderr)")
    let epub = book.appending(path: "Output/the-lighthouse-year.epub")
    let archive = try ZipArchiveReader(epub)
    let sheet = try #require(archive.names.first { $0.hasSuffix(".css") })
    #expect(String(decoding: archive.entries[sheet] ?? [], as: UTF8.self).contains(marker))

    // octavo serve 'my lighthouse' (on a free port)
    let server = try ServedBook(
      arguments: Array(commands[0].dropFirst()) + ["--port", "0"], in: parent)
    defer { server.stop() }
    let served = try server.get("/styles/epub.css")
    #expect(served.status == 200)
    #expect(served.text.contains(marker))
  }

  @Test("in this repository, the book is Manuscript/ and the styles Styles/")
  func inThisRepository() throws {
    let checked = try runProcess(TestPaths.octavo, ["check"], in: TestPaths.packageRoot)
    #expect(checked.status == 0, "\(checked.stderr)")
    #expect(
      checked.stdout.hasPrefix("Manuscript: no problems found (\(sampleChapterCount) chapters, "),
      "\(checked.stdout)")
    // The project folder named: its Manuscript is the book, and paths say so.
    let project = try runProcess(TestPaths.octavo, ["check", "."], in: TestPaths.packageRoot)
    #expect(
      project.stdout.hasPrefix("Manuscript: no problems found (\(sampleChapterCount) chapters, "),
      "\(project.stdout)")
    let output = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let built = try runProcess(
      TestPaths.octavo, ["build", "-v", "--format", "epub", "--output", output.path],
      in: TestPaths.packageRoot)
    #expect(built.status == 0, "\(built.stderr)")
    #expect(
      built.stderr.contains("octavo: book Manuscript, styles Styles, output \(output.path)"),
      "\(built.stderr)")
    // From a chapter's folder too.
    let stats = try runProcess(
      TestPaths.octavo, ["stats", "--format", "json"],
      in: TestPaths.sampleManuscript.appending(path: "images"))
    #expect(stats.status == 0, "\(stats.stderr)")
  }

  @Test(
    "a --styles folder that does not exist is an error",
    arguments: [["build"], ["check"], ["serve"], ["watch"]])
  func missingStyles(_ command: [String]) throws {
    guard command != ["check"] else {
      // check takes no styles: the option itself is a usage error.
      let result = try runProcess(
        TestPaths.octavo, ["check", TestPaths.sampleManuscript.path, "--styles", "nosuch"])
      #expect(result.status == 64)
      return
    }
    let result = try runProcess(
      TestPaths.octavo, command + [TestPaths.sampleManuscript.path, "--styles", "nosuch"])
    #expect(result.status == 66)
    #expect(
      result.stderr.hasPrefix("octavo: error: styles folder not found: nosuch\n"),
      "\(result.stderr)")
  }

  @Test(
    "a folder with no book says what to do: octavo new for an empty one, octavo import for an mdBook"
  )
  func noBookHints() throws {
    let empty = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: empty) }
    let inside = try runProcess(TestPaths.octavo, ["check"], in: empty)
    #expect(inside.status == 66)
    #expect(
      inside.stderr.contains(
        "octavo: hint: the folder is empty; start a book in it with `octavo new .`"),
      "\(inside.stderr)")
    let named = try runProcess(TestPaths.octavo, ["build", empty.path])
    #expect(named.status == 66)
    #expect(
      named.stderr
        == "octavo: error: no book.yaml in \(empty.path)\noctavo: hint: the folder is empty; start a book in it with `octavo new \(empty.path)`\n"
    )

    let mdbook = TestPaths.fixtures.appending(path: "import/mdbook/lighthouse-guide")
    let built = try runProcess(TestPaths.octavo, ["build", mdbook.path])
    #expect(built.status == 66)
    #expect(
      built.stderr.contains(
        "holds an mdBook book (book.toml); make an Octavo manuscript from it with `octavo import mdbook \(mdbook.path)`"
      ), "\(built.stderr)")
    let here = try runProcess(TestPaths.octavo, ["check"], in: mdbook)
    #expect(here.stderr.contains("this folder holds an mdBook book (book.toml)"), "\(here.stderr)")
    #expect(!Self.exists(mdbook.appending(path: "Output")))

    // Chapters but no book.yaml: the library reports OCT202 (Fixtures/broken); the command
    // line says there is no book, and how to make one, and writes nothing.
    let chapters = TestPaths.fixtures.appending(path: "broken/book-yaml-missing")
    let output = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let noYAML = try runProcess(
      TestPaths.octavo, ["build", chapters.path, "--output", output.path])
    #expect(noYAML.status == 66)
    #expect(
      noYAML.stderr
        == "octavo: error: no book.yaml in \(chapters.path)\noctavo: hint: write a book.yaml there that lists the chapters (title:, language:, contents:; see docs/manuscript.md), or name the folder that holds book.yaml\n"
    )
    #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).isEmpty)

    let missing = try runProcess(TestPaths.octavo, ["stats", "/nonexistent/octavo-book"])
    #expect(missing.status == 66)
    #expect(
      missing.stderr.hasPrefix(
        "octavo: error: manuscript folder not found: /nonexistent/octavo-book\n"))
  }

  // MARK: - No default subcommand swallowing typos

  @Test(
    "an unknown command or option gets did-you-mean and the list of commands, with status 64",
    arguments: [
      (["biuld", "novel"], "unknown command 'biuld'; did you mean 'build'?"),
      (["servve"], "unknown command 'servve'; did you mean 'serve'?"),
      (["chekc", "--strict"], "unknown command 'chekc'; did you mean 'check'?"),
      (["--verison"], "unknown option '--verison'; did you mean '--version'?"),
      (["Manuscript"], "unknown command 'Manuscript'"),
    ])
  func typos(_ arguments: [String], _ message: String) throws {
    let result = try runProcess(TestPaths.octavo, arguments, in: TestPaths.packageRoot)
    #expect(result.status == 64)
    #expect(result.stderr.hasPrefix("octavo: error: \(message)\n"), "\(result.stderr)")
    for command in ["build", "check", "new", "stats", "serve", "watch", "import"] {
      #expect(result.stderr.contains("\n  \(command) "), "\(command)")
    }
    #expect(result.stdout.isEmpty)
    #expect(!result.stderr.contains("USAGE: octavo build"))
  }

  @Test("a folder typed where a command goes gets the build command to type")
  func folderAsCommand() throws {
    let result = try runProcess(TestPaths.octavo, ["Manuscript"], in: TestPaths.packageRoot)
    #expect(
      result.stderr.contains(
        "octavo: hint: to build the book in Manuscript, run `octavo build Manuscript`"))
  }

  @Test(
    "every --help shows its own usage line",
    arguments: [
      ["build"], ["check"], ["new"], ["stats"], ["serve"], ["watch"], ["import"],
      ["import", "mdbook"], ["import", "pandoc"],
    ])
  func helpUsage(_ command: [String]) throws {
    let result = try runProcess(TestPaths.octavo, command + ["--help"])
    #expect(result.status == 0)
    #expect(
      result.stdout.contains("\nUSAGE: octavo \(command.joined(separator: " ")) "),
      "\(result.stdout)")
    let viaHelp = try runProcess(TestPaths.octavo, ["help"] + command)
    #expect(viaHelp.stdout.contains("USAGE: octavo \(command.joined(separator: " ")) "))
  }

  @Test("octavo alone prints its help, naming every command, and builds nothing")
  func bare() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.copyItem(
      at: TestPaths.sampleManuscript, to: folder.appending(path: "Manuscript"))
    let result = try runProcess(TestPaths.octavo, [], in: folder)
    #expect(result.status == 0)
    #expect(result.stdout.contains("USAGE: octavo <subcommand>"))
    #expect(result.stdout.contains("import"))
    #expect(!Self.exists(folder.appending(path: "Output")))
  }

  // MARK: - Errors that say what and where

  @Test("serve on a busy port names the port and suggests --port 0, at once")
  func busyPort() throws {
    let (parent, book, _) = try Self.newBook()
    defer { try? FileManager.default.removeItem(at: parent) }
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(listener) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) }
    }
    #expect(listen(listener, 1) == 0)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
    }
    let port = UInt16(bigEndian: address.sin_port)
    let start = Date()
    let result = try runProcess(TestPaths.octavo, ["serve", "--port", String(port)], in: book)
    // Before, the message came after FlyingFox's 5 s wait for the listener; now before it.
    #expect(Date().timeIntervalSince(start) < 5)
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "octavo: error: cannot listen on 127.0.0.1:\(port): port \(port) is in use by another program (perhaps another octavo serve)\noctavo: hint: choose another port with --port N, or let the system pick a free one with --port 0\n"
    )
  }

  @Test("serve with no manuscript ends with status 66")
  func serveMissing() throws {
    let result = try runProcess(
      TestPaths.octavo, ["serve", "/nonexistent/octavo-book", "--port", "0"])
    #expect(result.status == 66)
    #expect(
      result.stderr.hasPrefix(
        "octavo: error: manuscript folder not found: /nonexistent/octavo-book\n"))
    #expect(!result.stdout.contains("serving"))
  }

  @Test(
    "a folder that cannot be made is named, with no Foundation error domain or code",
    arguments: ["/dev/null/x", "/dev/null/x/y"])
  func unwritableOutput(_ output: String) throws {
    let result = try runProcess(
      TestPaths.octavo, ["build", TestPaths.sampleManuscript.path, "--output", output])
    #expect(result.status == 1)
    #expect(result.stderr.hasPrefix("octavo: error: cannot write output: "), "\(result.stderr)")
    #expect(result.stderr.contains("/dev/null is a file, not a folder"), "\(result.stderr)")
    #expect(!result.stderr.contains("Domain") && !result.stderr.contains("error 512"))
  }

  @Test("-v prints each step and its time for build and check")
  func verboseTimings() throws {
    let output = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let built = try runProcess(
      TestPaths.octavo, ["build", TestPaths.sampleManuscript.path, "-v", "--output", output.path])
    #expect(built.status == 0)
    let lines = built.stderr.split(separator: "\n").map(String.init)
    #expect(built.stderr.contains("loaded and checked \(sampleChapterCount) chapters ("))
    #expect(
      lines.contains {
        $0.firstMatch(
          of: /^octavo: loaded and checked \d+ chapters \([\d,]+ words\) in \d+\.\d\d s$/) != nil
      }, "\(built.stderr)")
    #expect(
      lines.contains {
        $0.firstMatch(
          of: /^octavo: rendered \d+ chapters( \(\d+ from the cache\))? in \d+\.\d\d s$/)
          != nil
      })
    #expect(
      lines.filter {
        $0.firstMatch(of: /^octavo: wrote .*\.(epub|html) \([\d,]+ bytes\) in \d+\.\d\d s$/) != nil
      }.count == 2)
    let quiet = try runProcess(
      TestPaths.octavo, ["build", TestPaths.sampleManuscript.path, "--output", output.path])
    #expect(quiet.stderr.isEmpty)

    let checked = try runProcess(
      TestPaths.octavo, ["check", TestPaths.sampleManuscript.path, "--verbose"])
    let checkLines = checked.stderr.split(separator: "\n").map(String.init)
    #expect(
      checkLines.contains {
        $0.firstMatch(of: /^octavo: loaded \d+ chapters \([\d,]+ words\) in \d+\.\d\d s$/) != nil
      }, "\(checked.stderr)")
    #expect(
      checkLines.contains {
        $0.firstMatch(of: /^octavo: checked and rendered them in \d+\.\d\d s$/) != nil
      })
  }

  @Test("check prints one summary line, clean or not")
  func oneSummaryLine() throws {
    let clean = try runProcess(TestPaths.octavo, ["check", TestPaths.sampleManuscript.path])
    #expect(clean.stderr.isEmpty, "\(clean.stderr)")
    #expect(clean.stdout.split(separator: "\n").count == 1)
    #expect(clean.stdout.contains("no problems found (\(sampleChapterCount) chapters, "))
    let book = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: en\ncontents: [a.md]\n",
      "a.md": "# A\n\nSee [x](missing.md).\n",
    ])
    defer { book.remove() }
    let warned = try runProcess(TestPaths.octavo, ["check", book.root.path])
    #expect(warned.stdout.isEmpty)
    #expect(
      warned.stderr.split(separator: "\n").map(String.init).filter {
        $0.contains("error") && !$0.contains("[OCT")
      }
        == ["0 errors, 1 warning"])
  }

  @Test(
    "numbers print one way everywhere: grouped by commas",
    arguments: [
      ["build", "--format", "epub"], ["check"], ["stats"], ["build", "-v", "--format", "epub"],
    ])
  func numbers(_ command: [String]) throws {
    let output = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    var arguments = command + [TestPaths.sampleManuscript.path]
    if command.first == "build" { arguments += ["--output", output.path] }
    let result = try runProcess(TestPaths.octavo, arguments)
    #expect(result.status == 0, "\(result.stderr)")
    let text = (result.stdout + result.stderr).replacingOccurrences(of: output.path, with: "OUT")
    // Runs of four digits or more that are not a decimal's fraction.
    let ungrouped = text.matches(of: /(^|[^\d.,])(\d{4,})(?![\d.])/).map { String($0.2) }
    #expect(ungrouped.isEmpty, "\(ungrouped): \(text)")
    #expect(text.firstMatch(of: /\d{1,3},\d{3}/) != nil, "\(text)")
  }

  @Test("new checks the language and the title as check does, before writing anything")
  func newValidates() throws {
    let parent = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: parent) }
    let language = try runProcess(
      TestPaths.octavo, ["new", "book", "--language", "English (UK)"], in: parent)
    #expect(language.status == 64)
    #expect(!Self.exists(parent.appending(path: "book")))
    // The message check gives for the same book.yaml.
    let book = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: \"English (UK)\"\ncontents: [a.md]\n", "a.md": "# A\n",
    ])
    defer { book.remove() }
    let checked = try runProcess(TestPaths.octavo, ["check", book.root.path])
    let message = try #require(checked.stderr.firstMatch(of: /error: (.*\[OCT105\])/)).1
    #expect(language.stderr == "octavo: error: --language: \(message)\n", "\(language.stderr)")

    let title = try runProcess(TestPaths.octavo, ["new", "book", "--title", ""], in: parent)
    #expect(title.status == 64)
    #expect(title.stderr == "octavo: error: --title: the title is empty [OCT104]\n")
    #expect(!Self.exists(parent.appending(path: "book")))
  }

  @Test("stats prints its table and the diagnostics when the manuscript has errors")
  func statsWithErrors() throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: Draft\nlanguage: en\ncontents: [a.md, b.md]\n",
      "a.md": "# A\n\nOne two three.\n\n![A picture not drawn yet](missing.png)\n",
      "b.md": "# B\n\nFour five.\n",
    ])
    defer { book.remove() }
    let result = try runProcess(TestPaths.octavo, ["stats", book.root.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Total (2 chapters)"), "\(result.stdout)")
    #expect(
      result.stderr.contains("a.md:5:1: error: image 'missing.png' does not exist"),
      "\(result.stderr)")
    #expect(result.stderr.contains("1 error, 0 warnings"))
    let json = try runProcess(TestPaths.octavo, ["stats", book.root.path, "--format", "json"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect((object["chapters"] as? [Any])?.count == 2)
  }

  // Chromium and WeasyPrint, with poppler: skipped without them, failed when make test requires them.
  @Test(
    "--pdf says which engine printed the PDF, and why",
    .enabled(if: PDFTools.enabled(.chromium, .weasyprint)))
  func pdfEngineNamed() throws {
    try PDFTools.require(.chromium)
    try PDFTools.require(.weasyprint)
    let book = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: en\ncontents: [one.md]\n", "one.md": "# One\n\nText.\n",
    ])
    defer { book.remove() }
    let chromiumFolder = try #require(PDFTools.program("chromium")).deletingLastPathComponent().path
    // No WeasyPrint on this PATH (and none in the book's .venv): Chromium, and it is said why.
    let fallback = try runProcess(
      TestPaths.octavo, ["build", "--pdf", "--format", "epub"],
      environment: ["PATH": chromiumFolder + ":/bin"], in: book.root)
    #expect(fallback.status == 0, "\(fallback.stderr)")
    #expect(fallback.stdout.contains("wrote Output/t.pdf ("), "\(fallback.stdout)")
    #expect(
      fallback.stdout.contains(", printed by Chromium (")
        && fallback.stdout.contains("WeasyPrint, the default engine, was not found"),
      "\(fallback.stdout)")
    let asked = try runProcess(
      TestPaths.octavo, ["build", "--engine", "chromium", "--format", "epub"], in: book.root)
    #expect(
      asked.stdout.contains(", printed by Chromium (") && asked.stdout.contains("): asked for"),
      "\(asked.stdout)")
    // WeasyPrint in the project's .venv, found from the repository.
    let reference = try runProcess(
      TestPaths.octavo, ["build", book.root.path, "--pdf", "--format", "epub"],
      in: TestPaths.packageRoot)
    #expect(reference.stdout.contains(", printed by WeasyPrint ("), "\(reference.stdout)")
    #expect(reference.stdout.contains("the default engine"))
  }

  /// Words as a POSIX shell splits them, for the commands `octavo new` prints.
  static func shellWords(_ line: String) -> [String] {
    var words: [String] = []
    var current = ""
    var inQuote = false
    var started = false
    for character in line {
      if inQuote {
        if character == "'" { inQuote = false } else { current.append(character) }
      } else if character == "'" {
        inQuote = true
        started = true
      } else if character == " " {
        if started { words.append(current) }
        current = ""
        started = false
      } else {
        current.append(character)
        started = true
      }
    }
    if started { words.append(current) }
    return words
  }
}
