// The example in README.md, section "Validating your manuscript in tests", is this file's
// suite, character for character between the markers; a test below keeps the two the same.
import Foundation
import Testing

@testable import OctavoKit

// README-EXAMPLE-BEGIN
/// Checks the book's manuscript on every `swift test`.
@Suite("The manuscript")
struct ManuscriptChecks {
  /// `Manuscript/`, found from this file: Tests/<target>/<this file>.
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appending(path: "Manuscript")

  let manuscript: Manuscript

  init() throws {
    manuscript = try Manuscript.load(at: Self.root)
  }

  @Test("No errors, no warnings: everything octavo check would report")
  func clean() {
    let problems = manuscript.check()
    #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
  }

  @Test("No chapter has two top-level headings or nests deeper than ###")
  func outline() {
    for (path, headings) in manuscript.outline {
      #expect(headings.count <= 1, "\(path) has \(headings.count) top-level headings")
      var stack = headings
      while let entry = stack.popLast() {
        #expect(entry.heading.level <= 3, "\(path): heading '\(entry.heading.id)' is too deep")
        stack += entry.children
      }
    }
  }

  @Test("The book is within its length, and no chapter runs long")
  func length() {
    #expect((6_000...20_000).contains(manuscript.wordCount))
    for chapter in manuscript.chapters {
      #expect(chapter.wordCount <= 2_500, "\(chapter.path): \(chapter.wordCount) words")
    }
  }

  @Test("Every image has alt text, for readers who cannot see it")
  func altText() {
    let missing = manuscript.check().filter { $0.code == .imageWithoutAlt }
    #expect(missing.isEmpty)
  }
}
// README-EXAMPLE-END

@Suite("README example")
struct ReadmeExampleTests {
  @Test("README shows the example suite exactly as this file has it")
  func readmeMatches() throws {
    let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
    let readme = try String(
      contentsOf: TestPaths.packageRoot.appending(path: "README.md"), encoding: .utf8)
    let begin = try #require(source.range(of: "// README-EXAMPLE-BEGIN\n"))
    let end = try #require(source.range(of: "// README-EXAMPLE-END"))
    let example = String(source[begin.upperBound..<end.lowerBound])
    #expect(readme.contains("import OctavoKit\nimport Testing\n\n" + example))
  }

  @Test("The example's checks fail on a manuscript that breaks them")
  func exampleCanFail() throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: en\ncontents: [a.md]\n",
      "a.md": "# A\n\n#### Too deep\n\n# Second top\n\n![](missing.png)\n",
    ])
    defer { book.remove() }
    let manuscript = try book.load()
    #expect(manuscript.check().contains { $0.code == .headingLevelSkip })
    #expect(manuscript.check().contains { $0.code == .missingImage })
    #expect(manuscript.outline.first?.headings.count == 2)
  }
}
