import Foundation
import Testing

@testable import OctavoKit

/// Feeds generated books (every Markdown construct, raw HTML both broken and hostile, odd
/// Unicode, CRLF, BOMs, now and then invalid UTF-8) through the whole pipeline and asserts
/// what must hold for any input: the build neither throws nor reports errors the generator did
/// not make on purpose, and every XML document in the EPUB is well-formed and free of active
/// content.
///
/// `OCTAVO_PROPERTY_CASES` sets the number of books (20 chapters each; default 150) and
/// `OCTAVO_PROPERTY_SEED` the first book's seed, so a failure is reproduced with
/// `OCTAVO_PROPERTY_SEED=<seed> OCTAVO_PROPERTY_CASES=1 swift test --filter Property`
/// (`OCTAVO_PROPERTY_KEEP=1` keeps the generated books in the temporary folder).
@Suite("Property: generated books")
struct PropertyTests {
  static let environment = ProcessInfo.processInfo.environment
  static let bookCount = Int(environment["OCTAVO_PROPERTY_CASES"] ?? "") ?? 150
  static let chaptersPerBook = 20
  static let firstSeed = UInt64(environment["OCTAVO_PROPERTY_SEED"] ?? "") ?? 0x0C7A_F0_2026

  static var seeds: [UInt64] { (0..<UInt64(max(bookCount, 0))).map { firstSeed &+ $0 } }

  /// Elements that must never reach a book, and URL schemes that must never stay in one.
  static let forbiddenElements: Set<String> = [
    "script", "iframe", "form", "object", "embed", "applet", "style", "base", "frame",
    "frameset", "input", "button", "textarea",
  ]
  static let urlAttributes: Set<String> = [
    "href", "src", "xlink:href", "action", "formaction", "data", "poster",
  ]

  @Test(
    "a generated book builds, and every XML document of its EPUB is well-formed and inert",
    arguments: seeds)
  func generatedBook(_ seed: UInt64) throws {
    var generator = MarkdownGenerator(seed: seed, chapterCount: Self.chaptersPerBook)
    let book = generator.makeBook()
    let root = FileManager.default.temporaryDirectory.appending(
      path: "octavo-property-\(seed)-\(UUID().uuidString)")
    let manuscript = root.appending(path: "Manuscript")
    let output = root.appending(path: "Output")
    // OCTAVO_PROPERTY_KEEP=1 keeps every generated book and its outputs, to look at.
    var keep = Self.environment["OCTAVO_PROPERTY_KEEP"] == "1"
    defer { if !keep { try? FileManager.default.removeItem(at: root) } }
    for (path, bytes) in book.files {
      let url = manuscript.appending(path: path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(bytes).write(to: url)
    }
    func fail(_ message: String, chapter: String? = nil) {
      keep = true
      var text =
        "seed \(seed) (OCTAVO_PROPERTY_SEED=\(seed) OCTAVO_PROPERTY_CASES=1); manuscript kept at \(manuscript.path)\n\(message)"
      if let chapter, let bytes = book.files[chapter] {
        text += "\n--- \(chapter) ---\n" + String(decoding: bytes, as: UTF8.self)
      }
      Issue.record(Comment(rawValue: text))
    }

    let result: BuildResult
    do {
      result = try BookBuilder.build(
        BuildOptions(
          manuscript: manuscript, styles: TestPaths.styles, output: output,
          environment: ["SOURCE_DATE_EPOCH": "1700000000"]))
    } catch {
      fail("the build threw: \(error)")
      return
    }
    let unexpected = result.diagnostics.filter {
      $0.severity == .error && !book.intendedErrors.contains($0.code.rawValue)
    }
    for diagnostic in unexpected {
      fail("unexpected error: \(diagnostic)", chapter: diagnostic.location?.file)
    }
    if result.diagnostics.hasErrors {
      #expect(!book.intendedErrors.isEmpty)
      #expect(result.outputs.isEmpty, "a build with errors wrote \(result.outputs)")
      return
    }
    #expect(
      book.intendedErrors.isEmpty,
      "seed \(seed): an intended error went unreported: \(book.intendedErrors.sorted())")

    let epub = try #require(result.outputs.first { $0.pathExtension == "epub" })
    let entries = try BrokenCorpus.unzip(epub)
    let chapterEntries = entries.keys.filter {
      $0.hasPrefix("EPUB/text/") && $0.hasSuffix(".xhtml")
    }
    #expect(chapterEntries.count >= Self.chaptersPerBook, "seed \(seed): \(entries.keys.sorted())")
    for (name, bytes) in entries.sorted(by: { $0.key < $1.key })
    where name.hasSuffix(".xhtml") || name.hasSuffix(".opf") || name.hasSuffix(".ncx")
      || name.hasSuffix(".xml")
    {
      let source = Self.chapterFile(for: name, in: book)
      switch MarkupParser.parseXML(bytes) {
      case .failure(let error):
        fail("\(name) is not well-formed: \(error)", chapter: source)
      case .success(let document):
        for problem in Self.activeContent(in: document) {
          fail("\(name): \(problem)", chapter: source)
        }
      }
    }
  }

  /// The chapter file an EPUB entry was made from (`EPUB/text/ch07.xhtml` → `ch07.md`).
  static func chapterFile(for entry: String, in book: GeneratedBook) -> String? {
    let stem = (entry as NSString).lastPathComponent.replacingOccurrences(of: ".xhtml", with: "")
    return book.chapters.first { ($0 as NSString).deletingPathExtension == stem }
  }

  /// Scripts, event handlers and `javascript:` URLs left in a document.
  static func activeContent(in document: XMLElement) -> [String] {
    var problems: [String] = []
    document.forEachElement { element in
      let local = element.name.split(separator: ":").last.map(String.init) ?? element.name
      if forbiddenElements.contains(local.lowercased()) {
        problems.append("<\(element.name)> element")
      }
      for (name, value) in element.attributes {
        if name.lowercased().hasPrefix("on") {
          problems.append("\(name) attribute on <\(element.name)>")
        }
        let url = value.unicodeScalars.filter { !$0.properties.isWhitespace && $0.value > 0x20 }
          .map(String.init).joined().lowercased()
        if urlAttributes.contains(name.lowercased()),
          url.hasPrefix("javascript:") || url.hasPrefix("vbscript:") || url.hasPrefix("file:")
        {
          problems.append("\(name)=\"\(value)\" on <\(element.name)>")
        }
      }
      if local == "p" || local == "div" || local == "span" {
        if element.textContent.contains("root:x:0:0") { problems.append("/etc/passwd content") }
      }
    }
    return problems
  }

  @Test("the generator is deterministic: one seed, one book")
  func deterministic() {
    var a = MarkdownGenerator(seed: 42, chapterCount: 3)
    var b = MarkdownGenerator(seed: 42, chapterCount: 3)
    var c = MarkdownGenerator(seed: 43, chapterCount: 3)
    let first = a.makeBook().files
    #expect(first == b.makeBook().files)
    #expect(first != c.makeBook().files)
  }

  @Test("the checks catch what they must: a document that is not well-formed, active content")
  func checksCanFail() throws {
    if case .success = MarkupParser.parseXML(Array("<html><p>unclosed</html>".utf8)) {
      Issue.record("parseXML accepted a document that is not well-formed")
    }
    let hostile = try MarkupParser.parseXML(
      Array(
        "<html><body><script>1</script><a href=\" JavaScript:x\" onclick=\"y\">a</a></body></html>"
          .utf8)
    ).get()
    #expect(Self.activeContent(in: hostile).count == 3)
  }
}
