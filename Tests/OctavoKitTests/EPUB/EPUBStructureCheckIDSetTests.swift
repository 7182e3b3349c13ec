import Foundation
import Testing

@testable import OctavoKit

/// The ids of a content document are held compactly (``EPUBStructureCheck/IDSet``) and its
/// links within itself are checked as its scan ends, not kept.
@Suite("EPUB structure check: compact ids, in-document links")
struct EPUBStructureCheckIDSetTests {
  /// Ids as a book of notes makes them, and odd ones: empty, one byte, not ASCII.
  static let ids: [String] =
    (1...5_000).flatMap { ["chapter-01-fn-\($0)", "chapter-01-fnref-\($0)"] }
    + ["", "a", "é", "e\u{301}", "日本語", "x y", "chapter-01-fn-1 "]

  @Test("it answers as a Set<String> of the same ids does, canonical equivalence included")
  func sameAsSet() {
    var compact = EPUBStructureCheck.IDSet()
    var reference: Set<String> = []
    for id in Self.ids + Self.ids.prefix(100) {
      #expect(compact.insert(id) == reference.insert(id).inserted, "\(id)")
    }
    #expect(compact.count == reference.count)
    #expect(compact.sorted() == reference.sorted())
    // The order of first insertion; `e` + U+0301 is `é` to a Set<String>, and here too.
    let expected = Self.ids.filter { Array($0.unicodeScalars) != Array("e\u{301}".unicodeScalars) }
    #expect(compact.elements.count == expected.count)
    #expect(zip(compact.elements, expected).allSatisfy { $0.utf8.elementsEqual($1.utf8) })
    for probe in Self.ids + ["chapter-01-fn-0", "chapter-01-fn-50000", "b", "e", "x", "日本"] {
      #expect(compact.contains(probe) == reference.contains(probe), "\(probe)")
    }
  }

  @Test("the ids joined by zero bytes read back as the same set, in the same order")
  func joinedRoundTrip() {
    let set = EPUBStructureCheck.IDSet(Self.ids)
    let joined = set.joined
    #expect(joined.last == 0)
    let back = EPUBStructureCheck.IDSet(joined: joined)
    #expect(back == set)
    #expect(
      back.map { zip($0.elements, set.elements).allSatisfy { $0.utf8.elementsEqual($1.utf8) } }
        == true)
    for probe in Self.ids + ["chapter-01-fn-0", "e", "日本"] {
      #expect(back?.contains(probe) == set.contains(probe), "\(probe)")
    }
    #expect(EPUBStructureCheck.IDSet(joined: []) == EPUBStructureCheck.IDSet())
    #expect(EPUBStructureCheck.IDSet(joined: Array(joined.dropLast())) == nil)
  }

  @Test("sets of the same ids are equal in any order; removing one changes that")
  func equality() {
    let forward = EPUBStructureCheck.IDSet(Self.ids)
    var backward = EPUBStructureCheck.IDSet(Self.ids.reversed())
    #expect(forward == backward)
    #expect(EPUBStructureCheck.IDSet() == EPUBStructureCheck.IDSet([]))
    backward.remove("chapter-01-fn-17")
    #expect(forward != backward)
    #expect(!backward.contains("chapter-01-fn-17"))
    #expect(backward.contains("chapter-01-fn-18"))
    #expect(backward.count == forward.count - 1)
  }

  @Test("a scan keeps only the links that may leave the document and reports broken ones")
  func linksWithinDocument() {
    let xhtml = """
      <?xml version="1.0" encoding="UTF-8"?>
      <html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body>
      <p id="here"><a href="#here">1</a> <a href="#gone">2</a> <a href="#">3</a>
      <a href="other.xhtml#x">4</a> <a href="#%68ere">5</a> <a href="#\u{e9}">6</a>
      <a href="#here">again</a></p></body></html>
      """
    let scan = EPUBStructureCheck.scan(
      Array(xhtml.utf8), path: "EPUB/text/a.xhtml", watched: ["id", "href"])
    #expect(scan.ids.elements == ["here"])
    #expect(scan.links == ["other.xhtml#x", "#\u{e9}"])
    #expect(scan.problems == ["EPUB/text/a.xhtml: '#gone' leads to no element with that id"])
  }
}
