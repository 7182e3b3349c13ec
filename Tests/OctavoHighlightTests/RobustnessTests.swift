import Foundation
import OctavoHighlight
import Testing

/// Property tests: whatever the input, every language returns tokens that are in order,
/// apart, inside the code and on scalar boundaries, and returns at all (no crash, no hang;
/// a hang shows as a test run that does not end, not as a time limit that a loaded machine
/// could trip).
/// Inputs: random text over an alphabet of the characters lexers care about, every corpus
/// sample cut at random places (unterminated strings, comments, heredocs), pathological
/// megabyte lines, and raw bytes that are not UTF-8.
@Suite("Highlighter robustness")
struct RobustnessTests {
  /// A small deterministic generator (SplitMix64), so failures reproduce.
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
  }

  static let pieces = [
    "\"", "'", "`", "\"\"\"", "'''", "/*", "*/", "//", "#", "--", "{-", "-}", "<!--", "-->", "${",
    "#{", "\\(",
    "$(", "$((", "))", "{", "}", "(", ")", "[", "]", "[[", "]]", "<", ">", "</", "/>", "\\", "\n",
    "\t", " ",
    "<<EOF\n", "<<~EOS\n", "EOF\n", "@\"", "r#\"", "#\"", "R\"x(", "%w[", "=begin\n", "=end\n",
    "```", "~~~",
    "*", "_", "**", "---\n", "- ", "key: ", "|\n", "@@ -1 +1 @@\n", "+", "-", "<?php ", "?>",
    "<script>",
    "</script>", "<style>", "&amp;", "0x", "1.5e-3", "42", "if", "return", "func", "def", "class",
    "let",
    "é", "日本", "👍🏽", "\u{0301}", "a", "Name", "$x", "@y", ":sym", "/re/g", "'a", "%", ";", ",", ".",
  ]

  static func randomText(_ g: inout Generator, pieces count: Int) -> String {
    var text = ""
    for _ in 0..<count { text += pieces[g.below(pieces.count)] }
    return text
  }

  static func checkInvariants(_ tokens: [Token], _ bytes: [UInt8], _ language: String, string: Bool)
  {
    var previousEnd = 0
    for token in tokens {
      guard token.range.lowerBound >= previousEnd, token.range.upperBound <= bytes.count,
        !token.range.isEmpty
      else {
        Issue.record(
          "\(language): bad token \(token.range) after \(previousEnd) in \(bytes.count) bytes")
        return
      }
      if string {
        for edge in [token.range.lowerBound, token.range.upperBound]
        where edge < bytes.count && bytes[edge] & 0xC0 == 0x80 {
          Issue.record("\(language): token \(token.range) splits a scalar")
          return
        }
      }
      previousEnd = token.range.upperBound
    }
  }

  @Test("random text in every language", arguments: Highlighter.languages.map(\.name))
  func randomInput(name: String) throws {
    let language = try #require(Highlighter.language(named: name))
    var g = Generator(
      state: UInt64(truncatingIfNeeded: name.utf8.reduce(7) { $0 &* 31 &+ Int($1) }))
    for round in 0..<300 {
      let text = Self.randomText(&g, pieces: 1 + g.below(round < 200 ? 40 : 400))
      Self.checkInvariants(language.tokens(of: text), Array(text.utf8), name, string: true)
    }
  }

  @Test("every corpus sample cut anywhere, in its own language and in every other")
  func truncatedSamples() throws {
    let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(
      path: "Corpus")
    var g = Generator(state: 13)
    var samples: [[UInt8]] = []
    for folder in try FileManager.default.contentsOfDirectory(atPath: corpus.path) {
      for file in try FileManager.default.contentsOfDirectory(
        atPath: corpus.appending(path: folder).path)
      {
        samples.append(
          Array(try Data(contentsOf: corpus.appending(path: folder).appending(path: file))))
      }
    }
    #expect(samples.count >= 150)
    for sample in samples {
      for _ in 0..<3 {
        let a = g.below(sample.count)
        let b = a + g.below(sample.count - a + 1)
        let cut = Array(sample[a..<b])
        let language = Highlighter.languages[g.below(Highlighter.languages.count)]
        Self.checkInvariants(language.tokens(ofUTF8: cut), cut, language.name, string: false)
        let text = String(decoding: cut, as: UTF8.self)
        Self.checkInvariants(
          language.tokens(of: text), Array(text.utf8), language.name, string: true)
      }
    }
  }

  @Test("bytes that are not UTF-8", arguments: Highlighter.languages.map(\.name))
  func invalidUTF8(name: String) throws {
    let language = try #require(Highlighter.language(named: name))
    var g = Generator(state: 99)
    for _ in 0..<100 {
      var bytes = Array(Self.randomText(&g, pieces: 30).utf8)
      for _ in 0..<10 { bytes.insert(UInt8(0x80 + g.below(0x80)), at: g.below(bytes.count + 1)) }
      Self.checkInvariants(language.tokens(ofUTF8: bytes), bytes, name, string: false)
    }
  }

  /// Long lines made of one piece repeated: unterminated constructs, deep nesting, delimiter
  /// storms (32 KB each, enough for quadratic behaviour to show as a hang).
  @Test(
    "long lines of one piece",
    arguments: [
      "\"", "'", "`", "/*", "${", "\"${", "`${", "#{", "\"#{", "\\(", "\"\\(", "$(", "\"$(", "<",
      "<a ", "<a{",
      "*a ", "_a ", "[a](", "/[", "(/", "{a:", "a: [b, ", "{a,", "<<~A ", "<<A ", "%w(", "--[[",
      "{-", "#",
      "x", " ", "é", "@\"", "\\",
    ])
  func longLines(piece: String) {
    let line = String(repeating: piece, count: max(1, 32_000 / piece.utf8.count))
    let bytes = Array(line.utf8)
    for language in Highlighter.languages {
      Self.checkInvariants(language.tokens(of: line), bytes, language.name, string: true)
    }
  }

  /// A one-megabyte line in every language, of all the pieces above in random order.
  @Test("a megabyte line", arguments: Highlighter.languages.map(\.name))
  func megabyteLine(name: String) throws {
    let language = try #require(Highlighter.language(named: name))
    var g = Generator(state: 2026)
    var line = ""
    while line.utf8.count < 1_000_000 {
      let piece = Self.pieces[g.below(Self.pieces.count)]
      if piece != "\n" { line += piece }
    }
    Self.checkInvariants(language.tokens(of: line), Array(line.utf8), name, string: true)
  }
}
