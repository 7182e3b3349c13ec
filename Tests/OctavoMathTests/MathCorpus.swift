import Foundation

/// The texmath comparison corpus (Corpus/corpus.txt) and the list of accepted differences
/// (Differences.md), read from beside this file.
enum MathCorpus {
  struct Expression: Hashable {
    var tex: String
    var display: Bool
    /// The line as written in the corpus (`$$ ` prefix for display math).
    var key: String { display ? "$$ " + tex : tex }
  }

  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

  static func expressions() throws -> [Expression] {
    let text = try String(
      contentsOf: directory.appendingPathComponent("Corpus/corpus.txt"), encoding: .utf8)
    return text.split(separator: "\n").compactMap { line in
      let line = String(line)
      if line.hasPrefix("#") || line.allSatisfy({ $0 == " " }) { return nil }
      if line.hasPrefix("$$ ") { return Expression(tex: String(line.dropFirst(3)), display: true) }
      return Expression(tex: line, display: false)
    }
  }

  /// The corpus lines listed in Differences.md (`- \`line\` — reason`), with their reasons.
  static func listedDifferences() throws -> [String: String] {
    let text = try String(
      contentsOf: directory.appendingPathComponent("Differences.md"), encoding: .utf8)
    var result: [String: String] = [:]
    for line in text.split(separator: "\n") where line.hasPrefix("- `") {
      let body = line.dropFirst(3)
      guard let end = body.range(of: "` — ") else { continue }
      result[String(body[..<end.lowerBound])] = String(body[end.upperBound...])
    }
    return result
  }
}
