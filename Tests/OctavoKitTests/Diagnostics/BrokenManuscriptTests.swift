import Foundation
import Testing

@testable import OctavoKit

/// A corpus of small broken manuscripts under `Fixtures/broken/<case>/`, each with the
/// diagnostics it must produce in `expected.txt` (one `file:line:col: severity: message [CODE]`
/// per line, as `BookBuilder.check` returns them). Run with `OCTAVO_UPDATE_GOLDEN=1` to rewrite
/// the expectations after an intended change, and review the diff line by line.
@Suite("Broken manuscripts")
struct BrokenManuscriptTests {
  static let corpus = TestPaths.fixtures.appending(path: "broken")
  static let environment = ["SOURCE_DATE_EPOCH": "1700000000"]

  /// The environment a case is loaded with: ``environment``, then the `KEY=VALUE` lines of
  /// the case's `environment.txt` when it has one (`\e` in a value is ESC).
  static func environment(for folder: URL) -> [String: String] {
    var environment = Self.environment
    guard
      let text = try? String(contentsOf: folder.appending(path: "environment.txt"), encoding: .utf8)
    else {
      return environment
    }
    for line in text.split(separator: "\n") {
      guard let equals = line.firstIndex(of: "=") else { continue }
      environment[String(line[..<equals])] = String(line[line.index(after: equals)...])
        .replacingOccurrences(of: "\\e", with: "\u{1B}")
    }
    return environment
  }

  /// Every case folder in the corpus, by name.
  static var cases: [String] {
    BrokenCorpus.caseNames(in: corpus)
  }

  /// Codes no case in the corpus triggers, each with the reason.
  static let exemptCodes: [DiagnosticCode: String] = [
    // A 50 MB file is not committed to git; `tooLarge` below generates one at run time.
    .fileTooLarge: "a 50 MB file is not committed; `tooLarge` below generates one at run time",
    // Fonts live in the styles folder, not the manuscript; FontTests cover OCT403.
    .badFont: "a font problem is in the styles folder, which `octavo check` does not read",
    .mathPrintedAsTeX: "reported by octavo build --engine weasyprint; MathBookTests cover it",
    // `octavo import` reports these against its source (book.toml, SUMMARY.md, a pandoc
    // file), never `check` against a manuscript; ImportTests cover each one.
    .importConfiguration: "reported by octavo import on book.toml; ImportTests cover it",
    .importSummaryLine: "reported by octavo import on SUMMARY.md; ImportTests cover it",
    .importDraftChapter: "reported by octavo import on SUMMARY.md; ImportTests cover it",
    .importMissingChapter: "reported by octavo import on SUMMARY.md; ImportTests cover it",
    .importPreprocessor: "reported by octavo import on an mdBook chapter; ImportTests cover it",
    .importFileOutside: "reported by octavo import on a pandoc file; ImportTests cover it",
    .importMetadataKey: "reported by octavo import on a pandoc file; ImportTests cover it",
    // git keeps no named pipes; HostileManuscriptTests makes one at run time.
    .specialFile:
      "git cannot hold a FIFO; HostileManuscriptTests.specialFiles makes them at run time",
    // Only a PDF engine says these, while printing; TypesetTests covers OCT503.
    .pdfEngineWarning: "only `octavo build --pdf` runs an engine; TypesetTests covers it",
  ]

  /// Cases that report nothing today although they should (see the note on each); their
  /// expected.txt is empty, and the test fails once they report something, so the list shrinks.
  static let knownSilent: Set<String> = []

  @Test("each broken manuscript yields exactly its expected diagnostics", arguments: cases)
  func matchesExpected(_ name: String) throws {
    let folder = Self.corpus.appending(path: name)
    let manuscript = try Manuscript.load(at: folder, environment: Self.environment(for: folder))
    let diagnostics = BookBuilder.check(manuscript)
    if Self.knownSilent.contains(name) {
      #expect(diagnostics.isEmpty, "\(name) reports something now; remove it from knownSilent")
    } else {
      #expect(!diagnostics.isEmpty, "\(name) is in the broken corpus but reports nothing")
    }
    let actual = BrokenCorpus.format(diagnostics)
    let expectedURL = folder.appending(path: BrokenCorpus.expectedFile)
    if ProcessInfo.processInfo.environment["OCTAVO_UPDATE_GOLDEN"] == "1" {
      try Data(actual.utf8).write(to: expectedURL)
    }
    let expected = try String(contentsOf: expectedURL, encoding: .utf8)
    #expect(
      actual == expected,
      "\(name): diagnostics differ from expected.txt; run with OCTAVO_UPDATE_GOLDEN=1 to review")
  }

  @Test("the corpus has at least 40 cases")
  func corpusSize() {
    #expect(Self.cases.count >= 40, "\(Self.cases.count) cases")
  }

  @Test("every diagnostic code appears in at least one expected.txt (or is exempt, with a reason)")
  func everyCodeCovered() throws {
    var seen: Set<String> = []
    for name in Self.cases {
      let text = try String(
        contentsOf: Self.corpus.appending(path: name).appending(path: BrokenCorpus.expectedFile),
        encoding: .utf8)
      for match in text.matches(of: /\[(OCT\d{3})\]$/.anchorsMatchLineEndings()) {
        seen.insert(String(match.1))
      }
    }
    for code in DiagnosticCode.allCases where Self.exemptCodes[code] == nil {
      #expect(
        seen.contains(code.rawValue),
        "no case in Fixtures/broken triggers \(code.rawValue) (\(code))")
    }
    for code in Self.exemptCodes.keys {
      #expect(
        !seen.contains(code.rawValue), "\(code.rawValue) is covered now; remove it from exemptCodes"
      )
    }
  }

  @Test("a chapter over 50 MB is a clear error naming the file, not a crash")
  func tooLarge() throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: en\ncontents:\n  - one.md\n  - big.md\n",
      "one.md": "# One\n\nText.\n",
    ])
    defer { book.remove() }
    // A sparse file: 50 MB and one byte of zeros, written without 50 MB of memory or disk.
    let big = book.root.appending(path: "big.md")
    FileManager.default.createFile(atPath: big.path, contents: Data("# Big\n".utf8))
    let handle = try FileHandle(forWritingTo: big)
    try handle.truncate(atOffset: UInt64(ManuscriptFile.maximumSize + 1))
    try handle.close()
    let diagnostics = BookBuilder.check(try book.load())
    #expect(
      BrokenCorpus.format(diagnostics)
        == "big.md:1:1: error: file is 51 MB; Octavo reads files of at most 50 MB [OCT204]\n")
  }

  @Test("a book.yaml over 50 MB is a clear error too")
  func tooLargeMetadata() throws {
    let book = try TemporaryManuscript(["one.md": "# One\n"])
    defer { book.remove() }
    let yaml = book.root.appending(path: "book.yaml")
    FileManager.default.createFile(atPath: yaml.path, contents: Data("title: T\n".utf8))
    let handle = try FileHandle(forWritingTo: yaml)
    try handle.truncate(atOffset: UInt64(60 * 1024 * 1024))
    try handle.close()
    let diagnostics = BookBuilder.check(try book.load())
    #expect(diagnostics.map(\.code) == [.fileTooLarge])
    #expect(diagnostics.first?.location?.file == "book.yaml")
  }

  @Test(
    "an XXE attempt in raw HTML puts no file content into the book",
    arguments: ["raw-html-xxe", "raw-html-xxe-svg"])
  func noExternalEntities(_ name: String) throws {
    let output = BrokenCorpus.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try BookBuilder.build(
      BuildOptions(
        manuscript: Self.corpus.appending(path: name), styles: TestPaths.styles,
        output: output, environment: Self.environment))
    #expect(!result.diagnostics.hasErrors)
    #expect(result.outputs.count == 2)
    let secrets = BrokenCorpus.secretLines()
    #expect(!secrets.isEmpty, "no line of /etc/passwd or /etc/hostname to look for")
    for url in result.outputs {
      let texts: [String]
      if url.pathExtension == "epub" {
        texts = try BrokenCorpus.unzip(url).values.map { String(decoding: $0, as: UTF8.self) }
      } else {
        texts = [String(decoding: try Data(contentsOf: url), as: UTF8.self)]
      }
      for text in texts {
        #expect(!text.contains("root:"), "\(url.lastPathComponent) holds /etc/passwd content")
        #expect(!text.contains("ENTITY"), "\(url.lastPathComponent) keeps the entity declaration")
        for secret in secrets {
          #expect(!text.contains(secret), "\(url.lastPathComponent) holds '\(secret)'")
        }
      }
    }
  }

  @Test(
    "symbolic links out of the folder are never followed into the book",
    arguments: [
      "symlink-chapter-outside", "symlink-chapter-relative-outside", "symlink-image-outside",
    ])
  func symlinkNotFollowed(_ name: String) throws {
    let link = Self.corpus.appending(path: name)
    let files = try FileManager.default.contentsOfDirectory(atPath: link.path)
    let links = files.filter {
      (try? FileManager.default.destinationOfSymbolicLink(atPath: link.appending(path: $0).path))
        != nil
    }
    #expect(links.count == 1, "the fixture's symbolic link is missing (git core.symlinks off?)")
    let manuscript = try Manuscript.load(at: link, environment: Self.environment)
    #expect(
      manuscript.diagnostics.contains { $0.code == .pathOutsideManuscript && $0.severity == .error }
    )
    #expect(manuscript.chapters.allSatisfy { !$0.path.hasPrefix("..") && !$0.path.hasPrefix("/") })
    // At most a draft's placeholder, whose bytes Octavo makes: the file is never read.
    let read = manuscript.book.images.filter { !$0.isPlaceholder }
    #expect(read.isEmpty)
  }
}

/// The real `octavo build` on broken manuscripts: errors stop it before anything is written,
/// warnings let it make a valid book.
@Suite("Broken manuscripts, end to end", .serialized)
struct BrokenManuscriptEndToEndTests {
  static let errorCases = [
    "yaml-unclosed-quote", "chapter-not-utf8", "chapter-outside-folder", "symlink-chapter-outside",
    "image-outside-folder", "duplicate-explicit-ids",
    // book-yaml-missing: a folder without book.yaml is no book to the command line, which
    // says so with a hint and status 66 (FirstHourTests.noBookHints).
  ]

  @Test(
    "an error exits non-zero, prints positions and a summary, and leaves Output/ untouched",
    arguments: errorCases)
  func errorLeavesOutputAlone(_ name: String) throws {
    let manuscript = BrokenManuscriptTests.corpus.appending(path: name)
    let output = BrokenCorpus.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    // A previous good build, under every name this build could write.
    var previous: [String: Data] = [:]
    for stem in ["book", "t"] {
      previous[stem + ".epub"] = Data("previous EPUB \(stem)\n".utf8)
      previous[stem + ".html"] = Data("<!DOCTYPE html><title>previous \(stem)</title>\n".utf8)
    }
    for (file, data) in previous { try data.write(to: output.appending(path: file)) }
    let manuscriptBefore = try BrokenCorpus.snapshot(manuscript)

    let result = try runProcess(
      TestPaths.octavo,
      [
        "build", manuscript.path, "--styles", TestPaths.styles.path, "--output", output.path,
      ])
    #expect(result.status != 0)
    let lines = result.stderr.split(separator: "\n").map(String.init)
    // Paths as the user would type them from the current folder.
    let shown = DiagnosticReport.displayFolder(
      manuscript.path, currentDirectory: FileManager.default.currentDirectoryPath)
    #expect(
      lines.contains {
        $0.hasPrefix(shown + "/") && $0.contains(/^[^:]+:\d+:\d+: error: .+ \[OCT\d{3}\]$/)
      },
      "no path:line:col: error: line in\n\(result.stderr)")
    #expect(
      lines.contains { $0.contains(/^\d+ errors?, \d+ warnings?$/) },
      "no summary in\n\(result.stderr)")
    #expect(result.stdout.isEmpty, "\(result.stdout)")

    let after = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
    #expect(after == previous.keys.sorted(), "new files in the output folder: \(after)")
    for (file, data) in previous {
      #expect(try Data(contentsOf: output.appending(path: file)) == data, "\(file) changed")
    }
    #expect(
      try BrokenCorpus.snapshot(manuscript) == manuscriptBefore, "the manuscript was written to")
  }

  static let warningCases = [
    "raw-html-tag-soup", "raw-html-script", "raw-html-xxe-svg", "nested-quotes", "image-remote",
    "svg-hostile", "raw-html-weak-spots",
  ]

  // EPUBCheck and the Nu checker (java): skipped without them, failed when make test requires them.
  @Test(
    "a warning-only manuscript builds a valid EPUB and exits 0", .enabled(if: Validators.enabled),
    arguments: warningCases)
  func warningsStillBuild(_ name: String) throws {
    try Validators.require()
    let manuscript = BrokenManuscriptTests.corpus.appending(path: name)
    let output = BrokenCorpus.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try runProcess(
      TestPaths.octavo,
      [
        "build", manuscript.path, "--styles", TestPaths.styles.path, "--output", output.path,
      ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains(": warning: "), "\(result.stderr)")
    #expect(result.stderr.contains(/\n0 errors, \d+ warnings?\n/), "\(result.stderr)")
    let epub = output.appending(path: "t.epub")
    #expect(FileManager.default.fileExists(atPath: epub.path))
    #expect(FileManager.default.fileExists(atPath: output.appending(path: "t.html").path))

    let report = try Validators.epubcheck(epub)
    #expect(
      report.fatals == 0 && report.errors == 0 && report.warnings == 0,
      "\(name): \(report.messages.joined(separator: "\n"))")
  }
}
