import Foundation
import OctavoHighlight
import Testing

/// Accuracy against a reference: Pygments (Debian's `python3-pygments`, a test-only oracle,
/// installed by `.ci/install-deps test`) and OctavoHighlight tokenize every sample of
/// `Corpus/<language>/`; both are mapped to coarse classes and the share of non-space
/// characters in the same coarse class is the score. Required: 95 % over all characters and
/// 90 % for every language. Without Pygments the test is skipped, unless
/// `OCTAVO_REQUIRE_VALIDATORS=1` (set by `make test`) asks for it.
///
/// Set `OCTAVO_HIGHLIGHT_MISMATCHES=1` to print every disagreeing run.
@Suite("Highlighting accuracy against Pygments")
struct PygmentsAccuracyTests {
  /// The coarse classes both sides are compared in.
  enum Coarse: String { case keyword, string, comment, number, other, inserted, deleted, heading }

  /// Pygments' token types to coarse classes: the longest matching prefix wins.
  ///
  /// - `Keyword.*` is keyword, except `Keyword.Type`: Pygments gives it to C's `int` but also to
  ///   every capitalised name in Haskell and to `string` in Go; type names are names, so
  ///   other (OctavoHighlight's `type` class is other too).
  /// - `Operator.Word` (`and`, `not`, `in`, `is`, `instanceof`) is keyword: reserved words.
  /// - `Name.Builtin` and the other `Name.*` are other: built-in functions and types are names
  ///   a program may shadow, not reserved words.
  /// - `Comment.Preproc` is keyword (a directive, not a comment); `Comment.PreprocFile`, the
  ///   `<file.h>` of an `#include`, is string; the rest of `Comment.*` is comment.
  /// - `Literal.String.*` (escapes, interpolation delimiters, regexes, symbols, backticks) is
  ///   string; `Literal.Number.*` and `Literal.Date` number; the rest of `Literal.*` (YAML's
  ///   plain scalars) other.
  /// - `Generic.Inserted`, `Generic.Deleted` and `Generic.Heading`/`Subheading` get classes of
  ///   their own, so diffs and Markdown are scored on their structure rather than all being other.
  static let pygmentsTable: [(prefix: String, coarse: Coarse)] = [
    ("Token.Keyword.Type", .other),
    ("Token.Keyword", .keyword),
    ("Token.Operator.Word", .keyword),
    ("Token.Comment.PreprocFile", .string),
    ("Token.Comment.Preproc", .keyword),
    ("Token.Comment", .comment),
    ("Token.Literal.String", .string),
    ("Token.Literal.Number", .number),
    ("Token.Literal.Date", .number),
    ("Token.Generic.Inserted", .inserted),
    ("Token.Generic.Deleted", .deleted),
    ("Token.Generic.Heading", .heading),
    ("Token.Generic.Subheading", .heading),
  ]

  static func coarse(pygments type: String) -> Coarse {
    for (prefix, coarse) in pygmentsTable where type == prefix || type.hasPrefix(prefix + ".") {
      return coarse
    }
    return .other
  }

  /// OctavoHighlight's classes to coarse classes.
  static func coarse(_ tokenClass: TokenClass) -> Coarse {
    switch tokenClass {
    case .keyword, .constant, .preprocessor: .keyword
    case .string, .escape, .regex, .symbol, .code: .string
    case .comment: .comment
    case .number: .number
    case .inserted: .inserted
    case .deleted: .deleted
    case .heading, .meta: .heading
    default: .other
    }
  }

  /// The Pygments lexer each corpus folder is compared with. Debian's Pygments 2.14 has no
  /// JSX or TSX lexer (they came in 2.17 and 2.19), so those samples are compared with its
  /// JavaScript and TypeScript lexers.
  static let pygmentsLexer: [String: String] = [
    "swift": "swift", "c": "c", "cpp": "cpp", "objective-c": "objective-c", "csharp": "csharp",
    "java": "java", "kotlin": "kotlin", "go": "go", "rust": "rust", "python": "python",
    "ruby": "ruby", "php": "php", "javascript": "javascript", "typescript": "typescript",
    "jsx": "javascript", "tsx": "typescript", "shell": "bash", "console": "console",
    "powershell": "powershell", "sql": "sql", "html": "html", "xml": "xml", "css": "css",
    "json": "json", "yaml": "yaml", "toml": "toml", "markdown": "markdown",
    "dockerfile": "docker", "makefile": "make", "diff": "diff", "lua": "lua",
    "haskell": "haskell", "scala": "scala", "r": "r",
  ]

  static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(
    path: "Corpus")
  static let python = URL(fileURLWithPath: "/usr/bin/python3")
  static var required: Bool {
    ProcessInfo.processInfo.environment["OCTAVO_REQUIRE_VALIDATORS"] == "1"
  }

  static let pygmentsAvailable: Bool = {
    guard FileManager.default.isExecutableFile(atPath: python.path) else { return false }
    let process = Process()
    process.executableURL = python
    process.arguments = ["-c", "import pygments.lexers"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }()

  /// The samples: (folder, file URL), sorted.
  static func samples() throws -> [(language: String, url: URL)] {
    var result: [(String, URL)] = []
    for folder in try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted() {
      let directory = corpus.appending(path: folder)
      for file in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
      where !file.hasPrefix(".") {
        result.append((folder, directory.appending(path: file)))
      }
    }
    return result
  }

  /// Pygments' tokens of every sample in one run: per path, (token type, UTF-8 length).
  static func pygmentsTokens(_ samples: [(language: String, url: URL)]) throws -> [String: [(
    String, Int
  )]] {
    let script = """
      import json, sys
      from pygments.lexers import get_lexer_by_name
      out = {}
      for alias, path in json.load(sys.stdin):
          with open(path, encoding="utf-8", newline="") as f:
              code = f.read()
          lexer = get_lexer_by_name(alias, stripnl=False, stripall=False, ensurenl=False)
          out[path] = [[str(t), len(v.encode("utf-8"))] for t, v in lexer.get_tokens(code)]
      json.dump(out, sys.stdout)
      """
    let jobs = samples.map { [pygmentsLexer[$0.language] ?? $0.language, $0.url.path] }
    let process = Process()
    process.executableURL = python
    process.arguments = ["-c", script]
    let input = Pipe()
    let output = Pipe()
    let error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let writer = Thread {
      input.fileHandleForWriting.write(try! JSONSerialization.data(withJSONObject: jobs))
      try? input.fileHandleForWriting.close()
    }
    writer.start()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorText = String(
      decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      Issue.record("Pygments failed: \(errorText)")
      return [:]
    }
    let object = try JSONSerialization.jsonObject(with: data) as? [String: [[Any]]] ?? [:]
    return object.mapValues { $0.map { ($0[0] as? String ?? "", $0[1] as? Int ?? 0) } }
  }

  @Test("every language has a corpus of several samples, 150 in all")
  func corpusIsComplete() throws {
    let samples = try Self.samples()
    #expect(samples.count >= 150)
    var perLanguage: [String: Int] = [:]
    for sample in samples { perLanguage[sample.language, default: 0] += 1 }
    for language in Highlighter.languages where language.name != "text" {
      #expect(
        perLanguage[language.name, default: 0] >= 3,
        "\(language.name) has \(perLanguage[language.name, default: 0]) samples")
    }
    for folder in perLanguage.keys {
      #expect(
        Highlighter.language(named: folder)?.name == folder, "Corpus/\(folder) is no language")
      #expect(Self.pygmentsLexer[folder] != nil, "Corpus/\(folder) has no Pygments lexer")
    }
    for sample in samples {
      let lines = try String(contentsOf: sample.url, encoding: .utf8).split(
        separator: "\n", omittingEmptySubsequences: false
      ).count
      #expect(
        (8...80).contains(lines),
        "\(sample.language)/\(sample.url.lastPathComponent) has \(lines) lines")
    }
  }

  // Pygments (python3): skipped without it, failed when make test requires it.
  @Test(
    "at least 95 % of characters, and 90 % in every language, in Pygments' coarse class",
    .enabled(if: pygmentsAvailable || required))
  func matchesPygments() throws {
    try #require(
      Self.pygmentsAvailable,
      "Pygments is missing: run `.ci/install-deps test` (Debian python3-pygments)")
    let samples = try Self.samples()
    let reference = try Self.pygmentsTokens(samples)
    let showMismatches = ProcessInfo.processInfo.environment["OCTAVO_HIGHLIGHT_MISMATCHES"] == "1"
    var same: [String: Int] = [:]
    var total: [String: Int] = [:]
    for sample in samples {
      let bytes = Array(try Data(contentsOf: sample.url))
      let code = String(decoding: bytes, as: UTF8.self)
      let language = try #require(Highlighter.language(named: sample.language))
      // Ours, per byte.
      var ours = [Coarse](repeating: .other, count: bytes.count)
      for token in language.tokens(of: code) {
        for i in token.range { ours[i] = Self.coarse(token.tokenClass) }
      }
      // Pygments', per byte.
      var theirs = [Coarse](repeating: .other, count: bytes.count)
      var theirTypes = [String](repeating: "", count: showMismatches ? bytes.count : 0)
      var offset = 0
      for (type, length) in reference[sample.url.path] ?? [] {
        let coarse = Self.coarse(pygments: type)
        for i in offset..<min(offset + length, bytes.count) {
          theirs[i] = coarse
          if showMismatches { theirTypes[i] = type }
        }
        offset += length
      }
      #expect(
        offset == bytes.count,
        "Pygments covered \(offset) of \(bytes.count) bytes of \(sample.url.path)")
      var fileSame = 0
      var fileTotal = 0
      for (i, byte) in bytes.enumerated()
      where !(byte == 32 || byte == 9 || byte == 10 || byte == 13) && (byte & 0xC0) != 0x80 {
        fileTotal += 1
        if ours[i] == theirs[i] { fileSame += 1 }
      }
      same[sample.language, default: 0] += fileSame
      total[sample.language, default: 0] += fileTotal
      if showMismatches {
        var i = 0
        while i < bytes.count {
          guard ours[i] != theirs[i], !(bytes[i] == 32 || bytes[i] == 10 || bytes[i] == 9) else {
            i += 1
            continue
          }
          var j = i
          while j < bytes.count && ours[j] == ours[i] && theirs[j] == theirs[i] && bytes[j] != 10 {
            j += 1
          }
          let line = bytes[..<i].filter { $0 == 10 }.count + 1
          let text = String(decoding: bytes[i..<j], as: UTF8.self)
          print(
            "MISMATCH \(sample.language)/\(sample.url.lastPathComponent):\(line) ours=\(ours[i].rawValue) pygments=\(theirs[i].rawValue) (\(theirTypes[i])) «\(text)»"
          )
          i = max(j, i + 1)
        }
      }
    }
    var allSame = 0
    var allTotal = 0
    var report =
      "Highlighting accuracy against Pygments (share of non-space characters in the same coarse class):\n"
    for language in total.keys.sorted() {
      let score = Double(same[language]!) / Double(max(1, total[language]!))
      report +=
        "  \(language.padding(toLength: 12, withPad: " ", startingAt: 0)) \(String(format: "%6.2f", score * 100)) %  (\(total[language]!) characters)\n"
      allSame += same[language]!
      allTotal += total[language]!
      #expect(score >= 0.90, "\(language): \(String(format: "%.2f", score * 100)) % < 90 %")
    }
    let overall = Double(allSame) / Double(max(1, allTotal))
    report +=
      "  overall      \(String(format: "%6.2f", overall * 100)) %  (\(allTotal) characters, \(samples.count) samples)"
    print(report)
    #expect(overall >= 0.95, "overall \(String(format: "%.2f", overall * 100)) % < 95 %")
  }
}
