import Foundation
import Testing

@testable import OctavoKit

/// The steps a build reports to its progress callback (the CLI's progress line shows them).
@Suite("Build progress")
struct BuildProgressTests {
  final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var steps: [String] = []
    func record(_ step: BuildStep) {
      lock.lock()
      defer { lock.unlock() }
      switch step {
      case .loaded(let chapters, let words): steps.append("loaded \(chapters) \(words)")
      case .rendered(let chapters, let cached): steps.append("rendered \(chapters) \(cached)")
      case .wrote(let url, let bytes): steps.append("wrote \(url.lastPathComponent) \(bytes > 0)")
      }
    }
    var all: [String] {
      lock.lock()
      defer { lock.unlock() }
      return steps
    }
  }

  @Test("A build reports loading, rendering and each file written, in order")
  func stepsInOrder() throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: Steps\nlanguage: en\ncontents: [a.md, b.md]\n",
      "a.md": "# A\n\nOne two three.\n",
      "b.md": "# B\n\nFour five.\n",
    ])
    defer { book.remove() }
    let output = book.root.appending(path: "out")
    let recorder = Recorder()
    var options = BuildOptions(
      manuscript: book.root, output: output,
      environment: ["SOURCE_DATE_EPOCH": "1700000000"])
    options.progress = { recorder.record($0) }
    _ = try BookBuilder.build(options)
    #expect(
      recorder.all == [
        "loaded 2 7", "rendered 2 0", "wrote steps.epub true", "wrote steps.html true",
      ])

    // Again: both chapters come from the cache.
    let again = Recorder()
    options.progress = { again.record($0) }
    _ = try BookBuilder.build(options)
    #expect(again.all.dropFirst().first == "rendered 2 2")
  }

  @Test("A build with errors reports loading and writes nothing")
  func errorsStopEarly() throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: Broken\nlanguage: en\ncontents: [missing.md]\n"
    ])
    defer { book.remove() }
    let recorder = Recorder()
    var options = BuildOptions(manuscript: book.root, output: book.root.appending(path: "out"))
    options.progress = { recorder.record($0) }
    let result = try BookBuilder.build(options)
    #expect(result.diagnostics.hasErrors)
    #expect(recorder.all == ["loaded 0 0"])
  }
}
