import Foundation
import Testing

@testable import OctavoKit

/// Runs the real `octavo` binary on real manuscripts and checks its outputs with the real
/// validators: EPUBCheck 5.3 on the EPUB, the Nu HTML checker on the print edition.
@Suite("End to end", .serialized)
struct EndToEndTests {
  /// Every fixture book under `Fixtures/books`, plus the sample manuscript.
  static var books: [URL] {
    let folder = TestPaths.fixtures.appending(path: "books")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return [TestPaths.sampleManuscript]
      + names.sorted().filter { !$0.hasPrefix(".") }
      .map { folder.appending(path: $0) }
  }

  static func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appending(path: "octavo-e2e-\(UUID().uuidString)")
  }

  // EPUBCheck and the Nu checker (java): skipped without them, failed when make test requires them.
  @Test("builds a valid EPUB and print edition", .enabled(if: Validators.enabled), arguments: books)
  func build(_ manuscript: URL) throws {
    try Validators.require()
    let output = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try runProcess(
      TestPaths.octavo,
      [
        "build", manuscript.path, "--styles", TestPaths.styles.path, "--output", output.path,
      ])
    #expect(result.status == 0, "\(result.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: output.path)
    let epub = try #require(files.first { $0.hasSuffix(".epub") })
    let html = try #require(files.first { $0.hasSuffix(".html") })
    #expect(result.stdout.contains("wrote"))

    let report = try Validators.epubcheck(output.appending(path: epub))
    #expect(
      report.fatals == 0 && report.errors == 0 && report.warnings == 0,
      "\(manuscript.lastPathComponent): \(report.messages.joined(separator: "\n"))")
    let nu = try Validators.nu(output.appending(path: html))
    #expect(nu.isEmpty, "\(manuscript.lastPathComponent): \(nu.joined(separator: "\n"))")
  }

  // EPUBCheck and the Nu checker (java): skipped without them, failed when make test requires them.
  @Test(
    "the sample book's EPUB has no EPUBCheck messages at all, usage included",
    .enabled(if: Validators.enabled))
  func sampleIsSpotless() throws {
    try Validators.require()
    let output = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try runProcess(
      TestPaths.octavo,
      [
        "build", TestPaths.sampleManuscript.path, "--output", output.path, "--format", "epub",
      ])
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty, "\(result.stderr)")
    let report = try Validators.epubcheck(output.appending(path: "octavo.epub"))
    #expect(report.messages.isEmpty, "\(report.messages.joined(separator: "\n"))")
  }
}

/// The command line: options, exit codes, messages, and never clobbering good output.
@Suite("Command line", .serialized)
struct CommandLineTests {
  @Test("--help and --version work")
  func helpAndVersion() throws {
    let help = try runProcess(TestPaths.octavo, ["--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("build"))
    #expect(help.stdout.contains("check"))
    let buildHelp = try runProcess(TestPaths.octavo, ["build", "--help"])
    #expect(buildHelp.stdout.contains("--output"))
    #expect(buildHelp.stdout.contains("--format"))
    let version = try runProcess(TestPaths.octavo, ["--version"])
    #expect(version.status == 0)
    #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == OctavoVersion.current)
  }

  @Test(
    "--format writes only what is asked for",
    arguments: [("epub", ["epub"]), ("print", ["html"]), ("all", ["epub", "html"])])
  func formats(_ format: String, _ extensions: [String]) throws {
    let output = EndToEndTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try runProcess(
      TestPaths.octavo,
      [
        "build", TestPaths.sampleManuscript.path,
        "--output", output.path, "--format", format,
      ])
    #expect(result.status == 0)
    // Besides the outputs, only the render cache (a hidden folder).
    let files = try FileManager.default.contentsOfDirectory(atPath: output.path).filter {
      $0 != ".cache"
    }
    #expect(Set(files.map { ($0 as NSString).pathExtension }) == Set(extensions))
    #expect(!files.contains { $0.hasSuffix(".tmp") })
  }

  @Test("defaults to Manuscript, Styles and Output in the current folder")
  func defaults() throws {
    let work = EndToEndTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: work) }
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: TestPaths.sampleManuscript, to: work.appending(path: "Manuscript"))
    let result = try runProcess(TestPaths.octavo, ["build"], in: work)
    #expect(result.status == 0, "\(result.stderr)")
    let files = try FileManager.default.contentsOfDirectory(
      atPath: work.appending(path: "Output").path)
    #expect(files.sorted() == [".cache", "octavo.epub", "octavo.html"])
    #expect(result.stdout.contains("wrote Output/octavo.epub"))
  }

  @Test("an error stops the build, names file, line and column, and leaves the last good book")
  func errorsKeepPreviousOutput() throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: Broken\nlanguage: en\ncontents:\n  - one.md\n  - missing.md\n",
      "one.md": "# One\n\nText.\n",
    ])
    defer { book.remove() }
    let output = EndToEndTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    let previous = output.appending(path: "broken.epub")
    try Data("the last good book".utf8).write(to: previous)

    let result = try runProcess(
      TestPaths.octavo, ["build", book.root.path, "--output", output.path])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains(
        "\(book.root.path)/book.yaml:5:5: error: chapter file 'missing.md' does not exist"))
    #expect(result.stderr.contains("1 error, 0 warnings"))
    #expect(try String(contentsOf: previous, encoding: .utf8) == "the last good book")
    #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == ["broken.epub"])
  }

  @Test("a missing manuscript folder is a clear error")
  func missingFolder() throws {
    let result = try runProcess(TestPaths.octavo, ["build", "/nonexistent/octavo-book"])
    #expect(result.status == 66)
    #expect(
      result.stderr
        == "octavo: error: manuscript folder not found: /nonexistent/octavo-book\noctavo: hint: check the path, or start a book there with `octavo new /nonexistent/octavo-book`\n"
    )
  }

  @Test("check includes warnings found while rendering; --strict makes them fail")
  func checkStrict() throws {
    let book = TestPaths.fixtures.appending(path: "golden-book")
    let relaxed = try runProcess(TestPaths.octavo, ["check", book.path])
    #expect(relaxed.status == 0)
    #expect(relaxed.stderr.contains("first.md:41:58: warning: raw HTML: removed <script> [OCT312]"))
    #expect(relaxed.stderr.contains("0 errors, 3 warnings"))
    let strict = try runProcess(TestPaths.octavo, ["check", book.path, "--strict"])
    #expect(strict.status == 1)
    let clean = try runProcess(
      TestPaths.octavo, ["check", TestPaths.sampleManuscript.path, "--strict"])
    #expect(clean.status == 0)
    #expect(clean.stdout.contains("no problems found"))
  }

  @Test("check reports every problem in one run and exits 1")
  func check() throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: Broken\nlanguage: e_n\ncontents:\n  - one.md\n  - two.md\n",
      "one.md": "# One\n\n![](pic.png)\n",
    ])
    defer { book.remove() }
    let result = try runProcess(TestPaths.octavo, ["check", book.root.path])
    #expect(result.status == 1)
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(
      lines.contains {
        $0.hasSuffix(
          "book.yaml:2:11: error: 'e_n' is not a BCP 47 language tag (such as en, fr or pt-BR) [OCT105]"
        )
      })
    #expect(
      lines.contains { $0.contains("book.yaml:5:5: error: chapter file 'two.md' does not exist") })
    #expect(lines.contains { $0.contains("one.md:3:1: error: image 'pic.png' does not exist") })
    #expect(lines.last == "3 errors, 1 warning")
  }
}
