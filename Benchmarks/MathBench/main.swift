// octavo-math-bench: converts every expression of the texmath comparison corpus and prints how
// long the whole corpus takes (median of several runs). Run it with `make bench-math`.
import Foundation
import OctavoMath

let arguments = CommandLine.arguments.dropFirst()
let path = arguments.first ?? "Tests/OctavoMathTests/Corpus/corpus.txt"
guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
  FileHandle.standardError.write(Data("octavo-math-bench: cannot read \(path)\n".utf8))
  exit(1)
}
let expressions: [(String, Bool)] = text.split(separator: "\n").compactMap { line in
  if line.hasPrefix("#") || line.allSatisfy({ $0 == " " }) { return nil }
  if line.hasPrefix("$$ ") { return (String(line.dropFirst(3)), true) }
  return (String(line), false)
}
let converter = MathConverter()
var bytes = 0
for (tex, display) in expressions {
  bytes += converter.convert(tex, display: display).mathML.utf8.count
}

/// The sorted times of 21 runs of `body` over the corpus, in milliseconds; `body` returns a
/// figure the run checks against `check`, so the work cannot be left out.
func timed(check: (Int) -> Bool, _ body: (String, Bool) -> Int) -> [Double] {
  var times: [Double] = []
  for _ in 0..<21 {
    let start = DispatchTime.now().uptimeNanoseconds
    var total = 0
    for (tex, display) in expressions { total &+= body(tex, display) }
    let end = DispatchTime.now().uptimeNanoseconds
    precondition(check(total))
    times.append(Double(end - start) / 1e6)
  }
  return times.sorted()
}

let times = timed(
  check: { $0 == bytes },
  { tex, display in converter.convert(tex, display: display).mathML.utf8.count })
print(String(format: "math corpus: %d expressions, %d bytes of MathML", expressions.count, bytes))
print(
  String(
    format:
      "convert + serialize the whole corpus: median %.2f ms, best %.2f ms (21 runs; target < 50 ms)",
    times[times.count / 2], times[0]))

// The conversion alone (the MathML tree, not written out): what a build spends per formula
// before the renderer.
let convertTimes = timed(
  check: { $0 > 0 },
  { tex, display in converter.convert(tex, display: display).math.children.count })
print(
  String(
    format: "convert only (no serialization): median %.2f ms, best %.2f ms (21 runs)",
    convertTimes[convertTimes.count / 2], convertTimes[0]))
