import Testing

@testable import OctavoKit

/// The model's nodes stay compact (issue 12, item 2): a source location holds no reference
/// (its file is a number in a process-wide table), and an inline or a block of text, code,
/// breaks, emphasis, paragraphs and quotes is stored in its array without a box of its own.
@Suite("Model layout")
struct ModelLayoutTests {
  @Test("a location takes 12 bytes, a range 24, an inline 48, a block 32")
  func sizes() {
    #expect(MemoryLayout<OctavoKit.SourceLocation>.stride == 12)
    #expect(MemoryLayout<SourceRange>.stride == 24)
    #expect(MemoryLayout<Inline>.stride <= 48)
    #expect(MemoryLayout<Block>.stride <= 32)
  }

  typealias Location = OctavoKit.SourceLocation

  @Test(
    "locations order by the file's name, then line, then column, whatever order files came in",
    arguments: [
      (Location(file: "zz-first-seen.md", line: 1), Location(file: "aa-seen-later.md", line: 9)),
      (Location(file: "b.md", line: 2, column: 1), Location(file: "b.md", line: 1, column: 9)),
      (Location(file: "b.md", line: 2, column: 7), Location(file: "b.md", line: 2, column: 3)),
      (Location(file: "book.yaml"), Location(file: "")),
      (Location(file: "ch/é.md"), Location(file: "ch/e.md")),
    ])
  func ordering(later: Location, earlier: Location) {
    #expect(earlier < later)
    #expect(!(later < earlier))
    #expect(earlier != later)
    #expect([later, earlier].sorted() == [earlier, later])
  }

  @Test("a location keeps its file, line and column, and prints them as before")
  func fields() {
    var location = Location(file: "chapters/one.md", line: 12, column: 5)
    #expect(location.file == "chapters/one.md")
    #expect(location.description == "chapters/one.md:12:5")
    let same = Location(file: String("chapters/" + "one.md"), line: 12, column: 5)
    #expect(location == same)
    #expect(Set([location, same]).count == 1)
    location.file = "two.md"
    location.line += 1
    location.column = 1
    #expect(location.description == "two.md:13:1")
    #expect(location != same)
    #expect(Location(file: "").description == ":1:1")
  }
}
