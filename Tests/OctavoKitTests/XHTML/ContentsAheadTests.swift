import Foundation
import Testing

@testable import OctavoKit

/// The contents made while a rebuild renders (``SerializedBook/contents``, given to its
/// ``SerializedBook/Once`` ahead): the value given is the one asked for, unless one was made
/// already; the contents with the Notes entry added are those made with it.
@Suite("Contents made ahead")
struct ContentsAheadTests {
  @Test("a value given ahead is the one asked for; one made first is kept")
  func once() {
    let given = SerializedBook.Once<Int>()
    given.set(1)
    #expect(given.value { 2 } == 1)
    let made = SerializedBook.Once<Int>()
    #expect(made.value { 3 } == 3)
    made.set(4)
    #expect(made.value { 5 } == 3)
  }

  @Test("contents with the Notes entry added are the contents made with it")
  func notesAdded() throws {
    let book = try IncrementalBuildTests.manuscript()
    defer { book.remove() }
    let loaded = try book.load().book
    for title in ["Notes", nil] {
      let made = TableOfContents(book: loaded, notesTitle: title)
      let added = TableOfContents(book: loaded).addingNotes(title: title)
      #expect(made.entries.map(\.document) == added.entries.map(\.document))
      #expect(made.entries.map(\.title) == added.entries.map(\.title))
      #expect(made.depth == added.depth)
    }
  }
}
