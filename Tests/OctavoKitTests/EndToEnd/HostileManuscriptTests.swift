import Foundation
import Testing

@testable import OctavoKit

/// Manuscripts written to hurt: extreme numbers, ids that copy the generated ones, special
/// files, long titles, notes inside notes, control characters in what is printed. Each must
/// end in a diagnostic at its source or in a sound book, never in a trap or a structure-check
/// failure. The broken corpus holds the cases git can hold; these are the ones made at run
/// time, and the generated ones.
@Suite("Hostile manuscripts", .timeLimit(.minutes(5)))
struct HostileManuscriptTests {
  static let environment = ["SOURCE_DATE_EPOCH": "1700000000"]

  // MARK: - Escaping

  @Test(
    "DisplayText escapes what could forge a line or drive a terminal, and nothing else",
    arguments: [
      ("plain text, é and 日本", "plain text, é and 日本"),
      ("a\nb", "a\\nb"),
      ("a\r\nb", "a\\r\\nb"),
      ("tab\there", "tab\\there"),
      ("nul\u{0}", "nul\\0"),
      ("\u{1B}[2J\u{1B}]0;pwned\u{7}", "\\u{1B}[2J\\u{1B}]0;pwned\\u{7}"),
      ("del\u{7F} c1\u{9B}", "del\\u{7F} c1\\u{9B}"),
      ("line\u{2028}sep", "line\\u{2028}sep"),
      ("bidi \u{202E}txt.exe", "bidi \\u{202E}txt.exe"),
      ("back\\slash", "back\\slash"),
    ])
  func displayText(_ input: String, _ expected: String) {
    #expect(DisplayText.escaped(input) == expected)
    #expect(!DisplayText.escaped(input).unicodeScalars.contains(where: DisplayText.needsEscape))
  }

  @Test("a forged fragment is one escaped line in text and JSON, on the real binary")
  func forgedDiagnosticOnTheTerminal() throws {
    let folder = BrokenManuscriptTests.corpus.appending(path: "diagnostic-control-characters")
    let text = try runProcess(TestPaths.octavo, ["check", folder.path, "--no-color"])
    #expect(
      !text.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0 || $0.value == 7 })
    let lines = text.stderr.split(separator: "\n")
    #expect(
      !lines.contains { $0.hasPrefix("book.yaml:1:1") },
      "a forged line was printed:\n\(text.stderr)")
    #expect(lines.filter { $0.contains("[OCT304]") }.count == 2)
    let json = try runProcess(TestPaths.octavo, ["check", folder.path, "--format", "json"])
    let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
    let messages = try #require(parsed).compactMap { $0["message"] as? String }
    #expect(messages.count == 3)
    #expect(messages.allSatisfy { !$0.unicodeScalars.contains(where: DisplayText.needsEscape) })
    #expect(messages.contains { $0.contains("\\u{1B}[2J") })
  }

  // MARK: - Numbers

  /// Each numeric key of book.yaml, with `V` where the value goes, and the line `V` is on.
  static let numericKeys: [(template: String, line: Int)] = [
    ("series: { name: S, position: V }", 3),
    ("series:\n  name: S\n  position: V", 5),
    ("toc-depth: V", 3),
    ("print:\n  trim: Vx9in", 4),
    ("print:\n  trim: 152xVmm", 4),
    ("print:\n  trim: { width: Vin, height: 9in }", 4),
    ("print:\n  trim:\n    width: 6in\n    height: Vcm", 5),  // a size out of range: at the trim
    ("print:\n  bleed: Vin", 4),
    ("print:\n  font-size: V", 4),
    ("print:\n  font-size: Vpt", 4),
    ("print:\n  margins: { inside: Vmm }", 4),
    ("print:\n  margins:\n    outside: Vin", 5),
    ("print:\n  margins:\n    top: Vpc", 5),
    ("print:\n  margins:\n    bottom: Vpt", 5),
  ]

  /// Extreme values every numeric key is fed, then `OCTAVO_FUZZ_CASES` random ones.
  static let extremeValues = [
    ".inf", "-.inf", "+.inf", ".nan", ".NaN", "inf", "nan", "1e308", "-1e308",
    "1.7976931348623157e308",
    "1.8e308", "4.9e-324", "1e-320", "-0", "-0.0", "0", "0.0", "9223372036854775807",
    "9223372036854775808", "-9223372036854775808", "18446744073709551616",
    "99999999999999999999999999999999", "0x7fffffffffffffff", "0o777", "1_000", "1e20", "-1",
    "999999", "1000000", "2.5", "1e3", "3", "6", "8", "12", "216", "0.5", "4e0", "'12'", "\"6\"",
    "[1, 2]", "{a: 1}", "~", "true", "",
  ]

  static let fuzzCount = Int(ProcessInfo.processInfo.environment["OCTAVO_FUZZ_CASES"] ?? "") ?? 200

  /// Random numbers in the forms YAML and Swift read: signs, exponents, many digits.
  static func randomValues(seed: UInt64) -> [String] {
    var state = seed
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 11
    }
    return (0..<fuzzCount).map { _ in
      let sign = ["", "-", "+"][Int(next() % 3)]
      let digits = String(repeating: "9", count: Int(next() % 30) + 1)
      switch next() % 4 {
      case 0: return sign + digits
      case 1: return sign + "1." + digits + "e" + String(Int(next() % 700) - 350)
      case 2: return sign + String(Double(bitPattern: next() << 11 | next() % 2048))
      default: return sign + "0." + String(next() % 1000)
      }
    }
  }

  @Test(
    "every numeric key, fed extreme and random numbers, loads to a positioned error or a usable value",
    arguments: numericKeys.indices)
  func numericFuzz(_ index: Int) throws {
    let (template, line) = Self.numericKeys[index]
    let values = Self.extremeValues + Self.randomValues(seed: UInt64(index) &+ 0x5EED)
    var accepted = 0
    for value in values {
      let yaml =
        "title: T\nlanguage: en\n" + template.replacingOccurrences(of: "V", with: value)
        + "\ncontents:\n  - one.md\n"
      let (document, syntaxError) = YAMLDocument.parse(yaml, file: "book.yaml")
      guard syntaxError == nil, let document else { continue }
      var decoder = MetadataDecoder(document: document)
      let (metadata, _, _) = decoder.decode()
      let diagnostics = decoder.diagnostics.filter { $0.code != .unknownKey }
      for diagnostic in diagnostics {
        #expect(
          diagnostic.code == .badMetadataValue && diagnostic.severity == .error,
          "\(value) in \(template): \(diagnostic)")
        // The value's line, or for a custom trim whose size is out of range, the trim's.
        #expect(
          diagnostic.location?.line == line
            || (diagnostic.location?.line == line + 1 && template.hasSuffix("Vcm")),
          "\(value) in \(template): \(diagnostic)")
      }
      if diagnostics.isEmpty { accepted += 1 }
      // Whatever got through is finite and in range, and prints as a number.
      let settings = metadata.printSettings
      for length in [
        settings.trim.width, settings.trim.height, settings.bleed, settings.margins?.inside ?? 0,
        settings.margins?.outside ?? 0, settings.margins?.top ?? 0, settings.margins?.bottom ?? 0,
        settings.fontSize ?? 12,
      ] {
        #expect(
          length.isFinite && length >= 0 && length <= MetadataDecoder.maximumLength
            && length.sign == .plus,
          "\(value) in \(template) gave \(length)")
      }
      let css = PageStyle(settings: settings, bookTitle: "T", sections: []).css()
      #expect(
        !css.contains("nan") && !css.contains("inf") && !css.contains("e+"),
        "\(value) in \(template): \(css)")
      if let series = metadata.series, let position = series.position {
        #expect(position.isFinite && (0...MetadataDecoder.maximumSeriesPosition).contains(position))
        #expect(series.positionText?.allSatisfy { $0.isNumber || $0 == "." } == true)
      }
      #expect((1...6).contains(metadata.tocDepth))
    }
    #expect(accepted > 0, "no value at all was accepted for \(template)")
  }

  @Test(
    "dates that an EPUB timestamp cannot hold are errors at their position",
    arguments: [
      "10000-01-01T00:00:00Z", "+10000-01-01", "-0001-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
    ])
  func outOfRangeModified(_ value: String) throws {
    let yaml = "title: T\nlanguage: en\nmodified: \"\(value)\"\ncontents:\n  - one.md\n"
    let (document, _) = YAMLDocument.parse(yaml, file: "book.yaml")
    var decoder = MetadataDecoder(document: try #require(document))
    let (_, _, modified) = decoder.decode()
    #expect(modified == nil)
    #expect(decoder.diagnostics.map(\.code) == [.badDate])
    #expect(decoder.diagnostics.first?.location?.line == 3)
  }

  @Test(
    "SOURCE_DATE_EPOCH is read only when it is a whole number of seconds an EPUB can date",
    arguments: [
      ("1700000000", true), ("0", true), ("253402300799", true), (" 12 ", true), ("", true),
      ("abc", false), ("-1", false), ("1e9", false), ("9223372036854775807", false),
      ("253402300800", false), ("99999999999999999999999", false), ("17\u{1B}[2J", false),
    ])
  func sourceDateEpoch(_ value: String, _ valid: Bool) throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: en\ncontents:\n  - one.md\n",
      "one.md": "# One\n\nText.\n",
    ])
    defer { book.remove() }
    let manuscript = try book.load(environment: ["SOURCE_DATE_EPOCH": value])
    let codes = manuscript.diagnostics.map(\.code)
    #expect(codes == (valid ? [] : [.badEnvironment]), "\(value): \(manuscript.diagnostics)")
    #expect(manuscript.diagnostics.allSatisfy { $0.location == nil })
    #expect(MetadataDecoder.isInEPUBRange(manuscript.book.metadata.modified))
  }

  // MARK: - Special files

  @Test("a FIFO as image, cover or chapter is refused at its position without being opened")
  func specialFiles() throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: en\ncover: cover.png\ncontents:\n  - one.md\n  - pipe.md\n",
      "one.md": "# One\n\n![A pipe](pic.png)\n\n<img src=\"raw.png\" alt=\"Raw\">\n",
    ])
    defer { book.remove() }
    for name in ["pic.png", "raw.png", "cover.png", "pipe.md"] {
      #expect(mkfifo(book.root.appending(path: name).path, 0o644) == 0)
    }
    // Opening a FIFO for reading would block here for ever: the test finishing is the proof.
    let diagnostics = BookBuilder.check(try book.load())
    #expect(
      BrokenCorpus.format(diagnostics) == """
        book.yaml:3:8: error: image 'cover.png' is a named pipe (FIFO), not a file; it is not read [OCT206]
        one.md:3:1: error: image 'pic.png' is a named pipe (FIFO), not a file; it is not read [OCT206]
        one.md:5:1: warning: image 'raw.png' is a named pipe (FIFO), not a file; it is not read [OCT206]
        pipe.md:1:1: error: 'pipe.md' is a named pipe (FIFO), not a file; it is not read [OCT206]

        """)
  }

  // MARK: - Names and ids

  @Test("a 400-character title gives output names of at most 200 bytes, cut at a word")
  func longTitle() throws {
    let title = Array(repeating: "Considerations", count: 28).joined(separator: " ") + " End"
    #expect(title.count > 400)
    let book = try TemporaryManuscript([
      "book.yaml": "title: \(title)\nlanguage: en\ncontents:\n  - one.md\n",
      "one.md": "# One\n\nText.\n",
    ])
    defer { book.remove() }
    let output = BrokenCorpus.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try BookBuilder.build(
      BuildOptions(manuscript: book.root, output: output, environment: Self.environment))
    #expect(result.outputs.count == 2)
    for url in result.outputs {
      let name = url.lastPathComponent
      #expect(name.utf8.count <= 200, "\(name)")
      #expect(name.hasPrefix("considerations-considerations-"))
      #expect(
        url.deletingPathExtension().lastPathComponent.hasSuffix("considerations"),
        "cut mid-word: \(name)")
    }
  }

  @Test(
    "OutputName.cap cuts at a word boundary within the limit",
    arguments: [
      ("a-bb-ccc", 8, "a-bb-ccc"), ("a-bb-ccc", 7, "a-bb"), ("a-bb-ccc", 4, "a-bb"),
      ("a-bb-ccc", 5, "a-bb"), ("abcdefgh", 3, "abc"), ("", 3, ""),
    ])
  func cap(_ slug: String, _ bytes: Int, _ expected: String) {
    #expect(OutputName.cap(slug, bytes: bytes) == expected)
  }

  @Test("UniqueNames hands out base, base-2, base-3… and skips names already taken")
  func uniqueNames() {
    var names = UniqueNames(["a", "a-3"])
    #expect(names.make("a") == "a-2")
    #expect(names.make("a") == "a-4")
    #expect(names.make("a-2") == "a-2-2")
    #expect(names.make("b", suffix: ".png") == "b.png")
    #expect(names.make("b", suffix: ".png") == "b-2.png")
    #expect(names.make("b", suffix: ".svg") == "b.svg")
    var ids = BookTransformer.newIDSet()
    #expect(ids.make("one-fn-1") == "one-fn-1-id")
    #expect(ids.make("x-fnref-2-3") == "x-fnref-2-3-id")
    #expect(ids.make("toc") == "toc-2")
  }

  @Test(
    "generated-id forms are recognised exactly",
    arguments: [
      ("one-fn-1", true), ("one-fnref-12", true), ("one-fnref-1-2", true), ("a-endnotes", true),
      ("pagebreak-4", true), ("toc", true), ("notes", true), ("fn-1", false), ("one-fn-x", false),
      ("one-fn-", false), ("pagebreak", false), ("one-fnref-1-x", false), ("endnotes", false),
    ])
  func generatedForms(_ id: String, _ generated: Bool) {
    #expect(BookTransformer.isGeneratedID(id) == generated)
  }

  @Test("a note referred to only from another note is kept and numbered")
  func noteInsideNote() throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: en\ncontents:\n  - one.md\n",
      "one.md": "# One\n\nText.[^a]\n\n[^a]: Note a, see [^b].\n\n[^b]: Note b, see [^a] again.\n",
    ])
    defer { book.remove() }
    let manuscript = try book.load()
    #expect(manuscript.diagnostics.isEmpty, "\(manuscript.diagnostics)")
    let notes = try #require(manuscript.chapters.first).footnotes
    #expect(notes.map(\.label) == ["a", "b"])
    #expect(notes.map(\.number) == [1, 2])
    #expect(notes.map(\.referenceCount) == [2, 1])
    let output = BrokenCorpus.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try BookBuilder.build(
      BuildOptions(manuscript: book.root, output: output, environment: Self.environment))
    let html = String(
      decoding: try Data(contentsOf: try #require(result.outputs.last)), as: UTF8.self)
    #expect(html.contains("Note b, see"))
    #expect(!html.contains("[^b]"))
  }

  // MARK: - SVG

  @Test("hostile SVG images and covers reach neither the EPUB nor the print edition")
  func hostileSVG() throws {
    let output = BrokenCorpus.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try BookBuilder.build(
      BuildOptions(
        manuscript: BrokenManuscriptTests.corpus.appending(path: "svg-hostile"), output: output,
        environment: Self.environment))
    #expect(result.diagnostics.map(\.code) == [.unsafeSVG, .unsafeSVG, .unsafeSVG])
    let epub = try BrokenCorpus.unzip(
      try #require(result.outputs.first { $0.pathExtension == "epub" }))
    let svgs = epub.filter { $0.key.hasSuffix(".svg") }
    #expect(svgs.count == 4)
    let html = String(
      decoding: try Data(contentsOf: try #require(result.outputs.last)), as: UTF8.self)
    var documents = svgs.map { String(decoding: $0.value, as: UTF8.self) }
    for match in html.matches(of: #/data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)/#) {
      documents.append(
        String(decoding: Data(base64Encoded: String(match.1)) ?? Data(), as: UTF8.self))
    }
    // Four in the EPUB; three in the print edition, which prints no cover.
    #expect(documents.count == 7)
    for document in documents {
      for forbidden in [
        "script", "onload", "onclick", "onmouseover", "javascript", "attacker", "ENTITY",
        "foreignObject",
        "iframe", "<set", "aaaa", "root:",
      ] {
        #expect(!document.contains(forbidden), "'\(forbidden)' in\n\(document)")
      }
    }
    #expect(documents.contains { $0.contains("Safe text") && $0.contains("<use href=\"#dot\"/>") })
    #expect(documents.contains { $0.contains("<title>A green square</title>") })
  }

  @Test(
    "an SVG that is not well-formed, or not SVG, is refused at its position",
    arguments: [
      "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect></svg>",
      "<svg><rect/></svg>", "<html xmlns=\"http://www.w3.org/2000/svg\"/>",
    ])
  func malformedSVG(_ svg: String) throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: en\ncontents:\n  - one.md\n",
      "one.md": "# One\n\n![Drawing](d.svg)\n", "d.svg": svg,
    ])
    defer { book.remove() }
    let diagnostics = BookBuilder.check(try book.load())
    #expect(diagnostics.map(\.code) == [.unsupportedImage])
    #expect(diagnostics.first?.location == SourceLocation(file: "one.md", line: 3, column: 1))
  }

  @Test("CSS between an inline <svg>'s <style> tags goes with the <style>, in both outputs")
  func styleTextRemoved() throws {
    let output = BrokenCorpus.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try BookBuilder.build(
      BuildOptions(
        manuscript: BrokenManuscriptTests.corpus.appending(path: "raw-html-weak-spots"),
        output: output,
        environment: Self.environment, useCache: false))
    #expect(result.outputs.count == 2)
    let epub = try BrokenCorpus.unzip(try #require(result.outputs.first))
    let chapter = String(decoding: try #require(epub["EPUB/text/one.xhtml"]), as: UTF8.self)
    let html = String(
      decoding: try Data(contentsOf: try #require(result.outputs.last)), as: UTF8.self)
    for text in [chapter, html] {
      #expect(!text.contains("fill: red") && !text.contains("x.example"))
      #expect(
        !text.contains("http://example.com/q") && !text.contains("file:")
          && !text.contains("javascript:"))
      #expect(text.contains("Quoted."))
    }
  }

  // MARK: - Interrupted builds

  @Test(
    "temporary outputs an interrupted build left are removed by the next build; a live build's are kept"
  )
  func staleTemporaries() throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: en\ncontents:\n  - one.md\n",
      "one.md": "# One\n\nText.\n",
    ])
    defer { book.remove() }
    let output = BrokenCorpus.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    // A process id no process has (above the kernel's pid_max) and the test's own parent.
    let dead = 4_194_304 + 17
    let names = [
      ".t.epub.\(dead).tmp", ".t.epub.\(dead).tmp.aB3xQz", ".t.html.\(dead).tmp",
      ".t.epub.\(getppid()).tmp", ".other.epub.\(dead).tmp", "t.epub.\(dead).tmp",
    ]
    for name in names { try Data("x".utf8).write(to: output.appending(path: name)) }
    _ = try BookBuilder.build(
      BuildOptions(manuscript: book.root, output: output, environment: Self.environment))
    let left = Set(try FileManager.default.contentsOfDirectory(atPath: output.path))
    #expect(
      left.isSuperset(of: [
        ".t.epub.\(getppid()).tmp", ".other.epub.\(dead).tmp", "t.epub.\(dead).tmp",
        "t.epub", "t.html",
      ]))
    #expect(
      left.isDisjoint(with: [
        ".t.epub.\(dead).tmp", ".t.epub.\(dead).tmp.aB3xQz", ".t.html.\(dead).tmp",
      ]))
  }
}

/// Generated manuscripts whose author ids copy every form of id Octavo generates (note and
/// note-reference ids, end-note sections, page-break markers, reserved page ids), written as
/// explicit heading ids, raw-HTML ids, heading texts and chapter file names. The build must
/// never throw (a structure-check failure is "a bug in Octavo"): an id is reported at its
/// position or renamed, and every id in the EPUB and the print edition is unique.
@Suite("Property: author ids against generated ids", .timeLimit(.minutes(5)))
struct GeneratedIDPropertyTests {
  static let count =
    Int(ProcessInfo.processInfo.environment["OCTAVO_ID_PROPERTY_CASES"] ?? "") ?? 120

  struct Random {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  /// A book of three chapters, with ids chosen to collide with the generated ones.
  static func book(seed: UInt64) -> (files: [String: String], explicit: Int) {
    var random = Random(state: seed &* 2_654_435_761 &+ 1)
    let stems = ["one", "two", "a-fn-1", "pagebreak-2", "notes", "toc", "one-endnotes"]
    let chapterStems = (0..<3).map { index in
      stems[random.next(stems.count)] + (index == 0 ? "" : "-\(index)")
    }
    let chapterIDs = chapterStems
    func generatedID() -> String {
      let chapter = chapterIDs[random.next(chapterIDs.count)]
      let number = random.next(4) + 1
      switch random.next(7) {
      case 0: return "\(chapter)-fn-\(number)"
      case 1: return "\(chapter)-fnref-\(number)"
      case 2: return "\(chapter)-fnref-\(number)-\(random.next(3) + 2)"
      case 3: return "\(chapter)-endnotes"
      case 4: return "pagebreak-\(number)"
      case 5:
        return ["toc", "landmarks", "titlepage", "cover", "page-list", "notes", "copyright-page"][
          random.next(7)]
      default: return chapter
      }
    }
    var explicit = 0
    var files: [String: String] = [:]
    let notes = ["footnotes", "chapter-end", "book-end"][random.next(3)]
    files["book.yaml"] =
      "title: T\nlanguage: en\npage-list: \(random.next(2) == 0)\nnotes: \(notes)\ncontents:\n"
      + chapterStems.map { "  - \($0).md\n" }.joined()
    for stem in chapterStems {
      var text = "# Chapter \(stem)\n\n"
      for _ in 0..<(random.next(6) + 4) {
        let id = generatedID()
        switch random.next(5) {
        case 0 where seed % 4 == 0:
          text += "## Section {#\(id)}\n\nText.[^n\(random.next(5))]\n\n"
          explicit += 1
        case 0, 1: text += "<p id=\"\(id)\">Raw paragraph.</p>\n\n"
        case 2: text += "<h2>\(id.replacingOccurrences(of: "-", with: " "))</h2>\n\n"
        case 3:
          text +=
            "## \(id.replacingOccurrences(of: "-", with: " "))\n\nText.[^n\(random.next(5))]\n\n"
        default:
          text +=
            "Words <span id=\"\(id)\">inline</span> and [a link](#\(id)).[^n\(random.next(5))]\n\n"
        }
      }
      for note in 0..<5 { text += "[^n\(note)]: Note \(note), see [^n\((note + 1) % 5)].\n\n" }
      files[stem + ".md"] = text
    }
    return (files, explicit)
  }

  @Test(
    "no author id makes the build fail its structure check",
    arguments: (0..<UInt64(count)).map { $0 })
  func authorIDs(_ seed: UInt64) throws {
    let (files, _) = Self.book(seed: seed)
    let book = try TemporaryManuscript(files)
    defer { book.remove() }
    let output = BrokenCorpus.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let result: BuildResult
    do {
      result = try BookBuilder.build(
        BuildOptions(
          manuscript: book.root, output: output, formats: [.epub, .print],
          environment: HostileManuscriptTests.environment, useCache: false))
    } catch {
      Issue.record(
        "seed \(seed): the build threw \(error)\n\(files.sorted { $0.key < $1.key }.map { "--- \($0.key)\n\($0.value)" }.joined())"
      )
      return
    }
    // The only errors allowed are the author's own ids of a reserved form, at their heading.
    for diagnostic in result.diagnostics where diagnostic.severity == .error {
      #expect(
        diagnostic.code == .reservedID || diagnostic.code == .duplicateID,
        "seed \(seed): \(diagnostic)")
      #expect(diagnostic.location?.line ?? 0 > 1, "seed \(seed): \(diagnostic)")
    }
    guard !result.diagnostics.hasErrors else { return }
    let html = try #require(result.outputs.first { $0.pathExtension == "html" })
    // Style sheets' comments quote markup: leave them out.
    let text = String(decoding: try Data(contentsOf: html), as: UTF8.self)
      .replacing(#/<style[^>]*>[\s\S]*?</style>/#, with: "<style>")
    var seen: Set<Substring> = []
    for match in text.matches(of: #/<[a-zA-Z][^<>]*?\sid="([^"]+)"/#) {
      #expect(
        seen.insert(match.1).inserted, "seed \(seed): id '\(match.1)' twice in the print edition")
    }
  }
}
