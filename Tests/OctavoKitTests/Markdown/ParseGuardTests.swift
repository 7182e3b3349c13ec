import Foundation
import Testing

@testable import OctavoKit

/// The guard around cmark-gfm 0.29's pathological inputs: a cheap scan finds risky shapes,
/// and a risky chapter is parsed first in a child process bounded in time and memory.
@Suite("Parse guard")
struct ParseGuardTests {
  /// Shapes from cmark's and cmark-gfm's pathological tests and the 2023 advisories, at
  /// sizes that still parse quickly, and the risk the scan must see in each.
  static let risky: [(name: String, markdown: String, shape: String)] = [
    (
      "autocompleted cells",
      "|" + String(repeating: "x|", count: 300) + "\n|"
        + String(repeating: "-|", count: 300) + "\n" + String(repeating: "a\n", count: 300),
      "wideRow"
    ),
    ("table rows", String(repeating: "|-\nt>|-\n", count: 1_000) + "y\n", "longRun"),
    (
      "deep list then blank lines",
      String(repeating: "- ", count: 3_000) + "x" + String(repeating: "\n", count: 3_000),
      "deepNesting"
    ),
    (
      "quotes then lists",
      "> " + String(repeating: "- ", count: 3_000) + "x\n" + String(repeating: ">\n", count: 3_000),
      "deepNesting"
    ),
    ("image openers", String(repeating: "![[]()", count: 10_000) + "\n", "longLine"),
    ("autolinks", String(repeating: "z_www.", count: 10_000) + "\n", "longLine"),
    (
      "ref def title", "[f]:u\n\"\n" + String(repeating: "[f]\n", count: 2_000) + "[f]:u \"t\n",
      "longRun"
    ),
    (
      "nested quotes with emphasis",
      String(repeating: ">", count: 1_000) + String(repeating: "a*", count: 1_000) + "\n",
      "deepNesting"
    ),
  ]

  @Test("The scan finds each risky shape", arguments: risky.map(\.name))
  func scanFindsRisk(name: String) throws {
    let example = try #require(Self.risky.first { $0.name == name })
    let risk = try #require(ParseRisk.scan(Array(example.markdown.utf8)))
    #expect(String(describing: risk.shape).hasPrefix(example.shape))
  }

  @Test("Ordinary chapters carry no risk, so they pay nothing for the guard")
  func ordinaryChaptersAreNotRisky() throws {
    let folder = TestPaths.sampleManuscript
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".md")
    }
    #expect(!files.isEmpty)
    for file in files {
      let bytes = try [UInt8](Data(contentsOf: folder.appending(path: file)))
      #expect(ParseRisk.scan(bytes) == nil, "\(file)")
    }
    // A long but ordinary chapter: many paragraphs, lists and a table.
    let paragraph = String(
      repeating: "Words of an ordinary paragraph, *some emphasis* and a [link](x.md). ", count: 20)
    let table = "| a | b | c |\n|---|---|---|\n" + String(repeating: "| 1 | 2 | 3 |\n", count: 200)
    let chapter = String(
      repeating: "## Heading\n\n\(paragraph)\n\n- one\n- two\n  - nested\n\n\(table)\n", count: 50)
    #expect(ParseRisk.scan(Array(chapter.utf8)) == nil)
  }

  @Test("A risky chapter within bounds parses as usual")
  func riskyButFine() {
    let markdown = String(repeating: "|-\nt>|-\n", count: 600) + "y\n"
    #expect(ParseRisk.scan(Array(markdown.utf8)) != nil)
    let result = MarkdownParser(file: "c.md", lineOffset: 0).parse(markdown)
    #expect(!result.diagnostics.contains { $0.code == .parseTooComplex })
    #expect(!result.blocks.isEmpty)
  }

  @Test("A tree far larger than its input is refused before this process builds it")
  func tooManyNodes() throws {
    // 6 KB that cmark-gfm 0.29 turns into a million table cells.
    let n = 1_000
    let markdown =
      "|" + String(repeating: "x|", count: n) + "\n|" + String(repeating: "-|", count: n)
      + "\n" + String(repeating: "a\n", count: n)
    let result = MarkdownParser(file: "c.md", lineOffset: 3).parse(markdown)
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.code == .parseTooComplex)
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.location == SourceLocation(file: "c.md", line: 4, column: 1))
    #expect(diagnostic.message.contains("nodes"))
    #expect(result.blocks.isEmpty)
  }

  @Test("A parse that runs away is stopped at the CPU limit")
  func runawayParse() throws {
    // cmark-gfm 0.29 needs over 20 s for this (CVE-2023-22483); the trial gets 1 s.
    var parser = MarkdownParser(file: "c.md", lineOffset: 0)
    parser.limits.cpuSeconds = 1
    let start = Date()
    let result = parser.parse(String(repeating: "z_www.", count: 100_000) + "\n")
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.code == .parseTooComplex)
    #expect(diagnostic.message.contains("a line of 10001 bytes"))
    #expect(diagnostic.message.contains("run for more than 1 s"))
    // Bounded by the wall-clock backstop even on a busy machine.
    #expect(Date().timeIntervalSince(start) < parser.limits.wallSeconds + 2)
  }

  @Test("A parse that needs too much memory is stopped")
  func hungryParse() throws {
    // cmark-gfm 0.29 builds hundreds of MB of reference text for this (CVE-2023-22483 #6).
    var parser = MarkdownParser(file: "c.md", lineOffset: 0)
    parser.limits.memory = 64 << 20
    parser.limits.cpuSeconds = 20
    let result = parser.parse(
      "[f]:u\n\"\n" + String(repeating: "[f]\n", count: 60_000) + "[f]:u \"t\n")
    let diagnostic = try #require(result.diagnostics.first { $0.code == .parseTooComplex })
    #expect(
      diagnostic.message.contains("need more than 64 MB") || diagnostic.message.contains("nodes"),
      "\(diagnostic.message)")
  }
}
