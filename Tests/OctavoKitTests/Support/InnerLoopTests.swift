import Foundation
import Testing

@testable import OctavoKit

/// The clean build's inner loops that skip ahead (the parse-risk scan's rest of a line, the
/// MathML test, the glyph scan's ASCII start, the structure check's SAX scan) against the
/// rule each stands for, read one byte at a time.
@Suite("Inner loops")
struct InnerLoopTests {
  /// The parse-risk scan reading every byte: the rule the skipping stands for.
  static func byteByByteRisk(_ bytes: [UInt8]) -> ParseRisk? {
    ParseRisk.scan(bytes, skipsLines: false)
  }

  /// Lines at and around each bound, with the bound crossed before, in and after the part of
  /// the line that is skipped.
  static let riskCases: [(String, String)] = [
    ("plain prose", "Words and more words.\n\nA second paragraph\nover two lines.\n"),
    ("line of 10,000 bytes", "x" + String(repeating: "a", count: 9_999) + "\n"),
    ("line of 10,001 bytes", "x" + String(repeating: "a", count: 10_000) + "\n"),
    ("long line after a quote", "> " + String(repeating: "b", count: 10_000)),
    ("long line with no line feed", String(repeating: "c", count: 10_050)),
    ("100 pipes after text", "row " + String(repeating: "|", count: 100) + "\n"),
    ("101 pipes after text", "row " + String(repeating: "| a ", count: 101) + "\n"),
    ("101 pipes, the first at the start", String(repeating: "|", count: 101) + "\n"),
    (
      "pipes and a long line",
      String(repeating: "|", count: 99) + String(repeating: "d", count: 9_950) + "||\n"
    ),
    ("carriage returns first", "\r\r text | more\r\n\r\n  \r\n"),
    ("lists and quotes", "- a\n  1. b\n > > c |\n10) d\n* + - e\n"),
    ("deep nesting", String(repeating: "> ", count: 21) + "deep\n"),
    ("a long run of lines", String(repeating: "line | cell\n", count: 1_001)),
    (
      "a long run of bytes", String(repeating: String(repeating: "w", count: 99) + "\n", count: 170)
    ),
    ("runs broken by blank lines", String(repeating: "text\n\n", count: 2_000)),
  ]

  @Test("The parse-risk scan finds what the byte-by-byte rule finds", arguments: riskCases.map(\.0))
  func parseRisk(name: String) throws {
    let text = try #require(Self.riskCases.first { $0.0 == name }).1
    let bytes = Array(text.utf8)
    #expect(ParseRisk.scan(bytes) == Self.byteByByteRisk(bytes))
    // A collection without contiguous storage is scanned the same way.
    #expect(ParseRisk.scan(bytes.lazy.map { $0 }) == Self.byteByByteRisk(bytes))
  }

  @Test("A mix of lines, pipes and prefixes gives the same risk as the byte-by-byte rule")
  func parseRiskMixed() {
    var generator = SplitMix64(seed: 12)
    let pieces = ["| ", "a", "> ", "- ", "1. ", " ", "\t", "\r", "\n", "\n\n", "word ", "||||"]
    for _ in 0..<300 {
      var text = ""
      for _ in 0..<Int.random(in: 1...400, using: &generator) {
        text += pieces.randomElement(using: &generator)!
      }
      let bytes = Array(text.utf8)
      #expect(ParseRisk.scan(bytes) == Self.byteByByteRisk(bytes), "\(text.debugDescription)")
    }
  }

  @Test(
    "A document holds MathML when '<math' is followed by a space or '>'",
    arguments: [
      ("<math>x</math>", true), ("<p><math display=\"block\"/>", true), ("<mathx>", false),
      ("&lt;math x", false), ("<math", false), ("a<math", false), ("<math/", false),
      ("<mat <math>", true), ("<<math ", true), ("", false), ("<m", false),
      (String(repeating: "<p>", count: 1_000) + "<math>", true),
    ])
  func holdsMath(text: String, holds: Bool) {
    #expect(SerializedBook.holdsMath(Array(text.utf8)) == holds)
  }

  /// Texts with the marks the text scans look for at every place of an eight-byte word,
  /// and across the boundary of two words.
  static let markTexts: [String] = {
    var texts = ["", "a", "plain words with nothing to set in them at all", "caf\u{E9} -- x"]
    for mark in ["\"", "'", "--", "...", "..", "-", "[^", "^", "@", "\\", "; ", "\u{AB}"] {
      for position in 0..<18 {
        texts.append(String(repeating: "w", count: position) + mark + " tail of the run")
      }
    }
    return texts
  }()

  @Test("The text scans that skip eight bytes at a time answer as byte by byte")
  func textScans() {
    for language in ["en", "fr", "xx"] {
      let typography = Typography(language: language)
      let french = typography.style?.frenchSpacing == true
      let quotes = typography.style != nil
      for text in Self.markTexts {
        let bytes = Array(text.utf8)
        var expected = false
        for (index, byte) in bytes.enumerated() {
          let previous = index > 0 ? bytes[index - 1] : 0
          let beforePrevious = index > 1 ? bytes[index - 2] : 0
          switch byte {
          case 0x22, 0x27: expected = expected || quotes
          case 0x2D: expected = expected || previous == 0x2D
          case 0x2E: expected = expected || (previous == 0x2E && beforePrevious == 0x2E)
          case 0x3B, 0x3A, 0x21, 0x3F, 0xC2: expected = expected || french
          default: break
          }
        }
        #expect(typography.mayChange(text) == expected, "\(language) \(text.debugDescription)")
      }
    }
    for text in Self.markTexts {
      let bytes = Array(text.utf8)
      let marker = bytes.indices.dropFirst().contains { bytes[$0] == 0x5E && bytes[$0 - 1] == 0x5B }
      #expect(BookTransformer.containsNoteMarker(text) == marker, "\(text.debugDescription)")
      let reference = bytes.contains { $0 == 0x40 || $0 == 0x5C }
      #expect(BookTransformer.mayHoldReference(text) == reference, "\(text.debugDescription)")
    }
  }

  @Test("The label-line check that skips eight bytes at a time answers as line by line")
  func labelLines() {
    var texts = Self.markTexts
    for line in ["{#tbl:a}", "Table: x", "LISTING: y", ": caption", "tables: no", "# Head {#h}"] {
      for position in [0, 1, 7, 8, 9, 15, 16, 17] {
        texts.append(String(repeating: "word ", count: position) + "\n" + line + " end\n")
        texts.append(String(repeating: "x", count: position) + line)
      }
    }
    for text in texts {
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      let expected =
        text.contains("{#")
        || lines.contains { line in
          let lower = String(line.prefix(8)).lowercased()
          return line.hasPrefix(":") || lower.hasPrefix("table:") || lower.hasPrefix("listing:")
        }
      #expect(MarkdownParser.mayHaveLabels(text) == expected, "\(text.debugDescription)")
    }
  }

  @Test("A new character after a run of characters noted before is found at its column")
  func glyphUsesAfterKnownRuns() throws {
    let files = [
      "book.yaml": "title: Glyphs\nlanguage: en\ntypography: false\ncontents: [c.md]\n",
      "c.md": "# T\n\nab\n\nab~ x\n\nab \u{E9}z\n\n`ab` and `ab|`\n",
    ]
    let book = try TemporaryManuscript(files)
    defer { book.remove() }
    let loaded = try Manuscript.load(
      at: book.root, environment: ["SOURCE_DATE_EPOCH": "1700000000"]
    ).book
    let uses = GlyphCoverageCheck.uses(in: loaded, parallel: false)
    func at(_ line: Int, _ column: Int) -> OctavoKit.SourceLocation {
      OctavoKit.SourceLocation(file: "c.md", line: line, column: column)
    }
    #expect(uses.text["a"] == at(3, 1))
    #expect(uses.text["~"] == at(5, 3))
    #expect(uses.text["x"] == at(5, 5))
    #expect(uses.text["\u{E9}"] == at(7, 4))
    #expect(uses.text["z"] == at(7, 5))
    // The second code span starts ten characters after the first.
    let codeA = try #require(uses.code["a"])
    let codePipe = try #require(uses.code["|"])
    #expect(codeA.line == 9 && codePipe.line == 9 && codePipe.column - codeA.column == 11)
    #expect(uses.text["|"] == nil)
  }

  @Test("The structure check's scan gives each element's qualified name and decoded values")
  func scanXML() {
    let document = """
      <?xml version="1.0" encoding="UTF-8"?>
      <!DOCTYPE html>
      <html xmlns="http://www.w3.org/1999/xhtml" xmlns:xlink="http://www.w3.org/1999/xlink" \
      xmlns:epub="http://www.idpf.org/2007/ops"><body id="b">
      <p id="p1" class="x">Text &amp; more</p><a href="c.xhtml?a=1&amp;b=2#f" epub:type="noteref">1</a>
      <svg xmlns="http://www.w3.org/2000/svg"><image xlink:href="i.png"/></svg>
      <img src="&#x69;.png" alt=""/></body></html>
      """
    var seen: [String] = []
    let error = MarkupParser.scanXML(
      Array(document.utf8), attributes: ["id", "href", "src", "alt", "xlink:href"]
    ) { name, attributes in
      seen.append(
        name + attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined())
    }
    #expect(error == nil)
    #expect(
      seen == [
        "html", "body id=b", "p id=p1", "a href=c.xhtml?a=1&b=2#f", "svg", "image xlink:href=i.png",
        "img alt= src=i.png",
      ])
    var visited = 0
    let broken = MarkupParser.scanXML(Array("<a><b></a>".utf8), attributes: []) { _, _ in
      visited += 1
    }
    #expect(broken != nil)
  }

  @Test("The structure check's scan reads no entity from a file")
  func scanXMLEntities() {
    let documents = [
      "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x a=\"&e;\">&e;</x>",
      "<!DOCTYPE x [<!ENTITY e \"inner\">]><x a=\"&e;\"/>",
      "<!DOCTYPE x SYSTEM \"file:///etc/passwd\"><x a=\"&e;\"/>",
      "<x a=\"&undefined;\"/>",
    ]
    for document in documents {
      var values: [String] = []
      let error = MarkupParser.scanXML(Array(document.utf8), attributes: ["a"]) { _, attributes in
        values += attributes.values
      }
      // Nothing is read from a file (an internal entity's own text may be expanded: it is
      // the document's own text).
      #expect(!values.contains { $0.contains("root:") }, "\(document)")
      // An undeclared entity in a document without an external subset is an error.
      if document.contains("undefined") { #expect(error != nil, "\(document)") }
    }
  }
}
