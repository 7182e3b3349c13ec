import Foundation

/// pandoc's texmath as a test-only reference: converts a list of formulas in one pandoc run.
enum PandocOracle {
  /// The path of `pandoc`, or `nil` when it is not installed.
  static var executable: String? { program("pandoc") }

  /// The path of the first of `names` found on the PATH.
  static func program(_ names: String...) -> String? {
    for name in names {
      for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(
        separator: ":")
      {
        let path = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
      }
    }
    return nil
  }

  static func run(_ pandoc: String, _ arguments: [String], input: Data) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: pandoc)
    process.arguments = arguments
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Write on another thread so that a full output pipe cannot block the writer.
    let writer = Thread {
      stdin.fileHandleForWriting.write(input)
      try? stdin.fileHandleForWriting.close()
    }
    writer.start()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return output
  }

  /// texmath's MathML for each formula (`nil` where texmath gave up and pandoc kept the TeX).
  static func convert(_ formulas: [(tex: String, display: Bool)], pandoc: String) throws
    -> [String?]
  {
    // The JSON reader takes Math elements verbatim: no Markdown rule can change a formula.
    let probe = try run(pandoc, ["-f", "markdown", "-t", "json"], input: Data("x".utf8))
    let api =
      (try JSONSerialization.jsonObject(with: probe) as? [String: Any])?["pandoc-api-version"] ?? [
        1, 22,
      ]
    let blocks: [[String: Any]] = formulas.map { formula in
      [
        "t": "Para",
        "c": [
          ["t": "Math", "c": [["t": formula.display ? "DisplayMath" : "InlineMath"], formula.tex]]
        ],
      ]
    }
    let document: [String: Any] = [
      "pandoc-api-version": api, "meta": [String: Any](), "blocks": blocks,
    ]
    let input = try JSONSerialization.data(withJSONObject: document)
    let html = try run(
      pandoc, ["-f", "json", "-t", "html", "--mathml", "--wrap=none"], input: input)
    let lines = String(decoding: html, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: true)
    return lines.map { line in
      guard let start = line.range(of: "<math"),
        let end = line.range(of: "</math>", options: .backwards)
      else { return nil }
      return String(line[start.lowerBound..<end.upperBound])
    }
  }
}
