// Prints the throughput of OctavoHighlight: every sample of the accuracy corpus
// (Tests/OctavoHighlightTests/Corpus), repeated to a few megabytes per language, highlighted
// and timed. A benchmark, not a test: it never fails on a slow machine.
//
//     swift run -c release highlight-bench [corpus folder] [megabytes per language]
//     highlight-bench --tokens <language> <file>    prints the tokens of one file, one a line
import Foundation
import OctavoHighlight

let arguments = CommandLine.arguments
if arguments.count == 4 && arguments[1] == "--tokens" {
  guard let language = Highlighter.language(named: arguments[2]),
    let data = FileManager.default.contents(atPath: arguments[3])
  else {
    print("usage: highlight-bench --tokens <language> <file>")
    exit(1)
  }
  for token in language.tokens(ofUTF8: Array(data)) {
    print(token.range.lowerBound, token.range.upperBound, token.tokenClass.rawValue)
  }
  exit(0)
}
if arguments.count >= 2 && arguments[1] == "--stress" {
  // Times every language on megabyte lines of one piece repeated; prints the slow ones.
  let pieces =
    arguments.count > 2
    ? Array(arguments[2...])
    : [
      "\"", "'", "`", "/*", "${", "\"${", "#{", "\\(", "$(", "<", "<a ", "*a ", "[a](", "/[", "(/",
      "{a:", "a: [b, ", "{a,", "<<~A ", "<<A ", "%w(", "--[[", "{-", "#", "x", " ", "é", "@\"",
      "\\",
    ]
  for piece in pieces {
    let line = String(repeating: piece, count: max(1, 1_000_000 / piece.utf8.count))
    for language in Highlighter.languages {
      let start = DispatchTime.now().uptimeNanoseconds
      _ = language.tokens(of: line)
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      if seconds > 0.5 {
        print(
          "slow: \(language.name) on \(piece.debugDescription): \(String(format: "%.2f", seconds)) s"
        )
      }
    }
  }
  print("stress done")
  exit(0)
}
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()
let corpus =
  arguments.count > 1
  ? URL(fileURLWithPath: arguments[1]) : root.appending(path: "Tests/OctavoHighlightTests/Corpus")
let megabytes = arguments.count > 2 ? Double(arguments[2]) ?? 2 : 2

let folders = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()) ?? []
guard !folders.isEmpty else {
  print("no corpus at \(corpus.path)")
  exit(1)
}
var totalBytes = 0
var totalSeconds = 0.0
func cpuSeconds() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

print("language        MB  CPU seconds   MB/s")
for folder in folders {
  guard let language = Highlighter.language(named: folder) else { continue }
  let files =
    (try? FileManager.default.contentsOfDirectory(atPath: corpus.appending(path: folder).path)
      .sorted()) ?? []
  var samples: [String] = []
  for file in files {
    if let text = try? String(
      contentsOf: corpus.appending(path: folder).appending(path: file), encoding: .utf8)
    {
      samples.append(text)
    }
  }
  guard !samples.isEmpty else { continue }
  // One document of about `megabytes` MB made of the samples, as a long code listing would be.
  let unit = samples.joined(separator: "\n")
  let copies = max(1, Int(megabytes * 1_000_000) / max(1, unit.utf8.count))
  let document = String(repeating: unit + "\n", count: copies)
  let bytes = document.utf8.count
  // CPU time of this process (the machine may be shared), best of 3 runs.
  var best = Double.infinity
  var count = 0
  for _ in 0..<3 {
    let start = cpuSeconds()
    count = language.tokens(of: document).count
    best = min(best, cpuSeconds() - start)
  }
  totalBytes += bytes
  totalSeconds += best
  let name = folder.padding(toLength: 14, withPad: " ", startingAt: 0)
  print(
    "\(name) \(String(format: "%6.2f  %9.4f  %6.1f", Double(bytes) / 1e6, best, Double(bytes) / 1e6 / best))  (\(count) tokens)"
  )
}
print(
  String(
    format: "all           %6.2f  %9.4f  %6.1f MB/s", Double(totalBytes) / 1e6, totalSeconds,
    Double(totalBytes) / 1e6 / totalSeconds))
