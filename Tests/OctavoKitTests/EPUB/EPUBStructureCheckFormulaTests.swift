import Foundation
import Testing

@testable import OctavoKit

/// The structure check reads past formulas that hold nothing it looks at, and keeps the rest.
@Suite("EPUB structure check: formulas")
struct EPUBStructureCheckFormulaTests {
  static let math =
    "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"inline\" alttext=\"x = 1\">"
    + "<semantics><mrow><mi>x</mi><mo>=</mo><mn>1</mn></mrow>"
    + "<annotation encoding=\"application/x-tex\">x = 1</annotation></semantics></math>"

  static func page(_ body: String) -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"
      + "<body>\(body)</body></html>"
  }

  /// A body, and what the scan reads of it: formulas holding nothing watched are left out.
  static let cases: [(body: String, read: String)] = [
    ("<p>No formula.</p>", "<p>No formula.</p>"),
    ("<p>We have \(math).</p>", "<p>We have .</p>"),
    ("<p>\(math) and \(math)</p>", "<p> and </p>"),
    // An id, a link, an image, another <math> inside: the formula is read.
    (
      "<p>\(math.replacingOccurrences(of: "<mi>", with: "<mi id=\"v\">"))</p>",
      "<p>\(math.replacingOccurrences(of: "<mi>", with: "<mi id=\"v\">"))</p>"
    ),
    (
      "<p>\(math.replacingOccurrences(of: "<mi>", with: "<mi href=\"#v\">"))</p>",
      "<p>\(math.replacingOccurrences(of: "<mi>", with: "<mi href=\"#v\">"))</p>"
    ),
    // Text that only looks like a watched attribute keeps the formula too (read as written).
    (
      "<p>\(math.replacingOccurrences(of: "x = 1", with: "id=1"))</p>",
      "<p>\(math.replacingOccurrences(of: "x = 1", with: "id=1"))</p>"
    ),
    // A comment anywhere: nothing is left out.
    ("<!-- c --><p>\(math)</p>", "<!-- c --><p>\(math)</p>"),
    ("<p><![CDATA[x]]>\(math)</p>", "<p><![CDATA[x]]>\(math)</p>"),
    // A <math> never closed is read as it is (and reported not well-formed).
    ("<p><math xmlns=\"x\"><mi>x</mi></p>", "<p><math xmlns=\"x\"><mi>x</mi></p>"),
  ]

  @Test("formulas without ids, links or images are left out of the scan", arguments: cases)
  func leftOut(body: String, read: String) {
    let bytes = Array(Self.page(body).utf8)
    #expect(
      String(decoding: EPUBStructureCheck.withoutPlainFormulas(bytes), as: UTF8.self)
        == Self.page(read))
  }

  /// The names told without an array are exactly the watched ones: not a prefix, an
  /// extension or another case of one.
  @Test(
    "watched attribute names are told byte by byte",
    arguments: [
      ("id", true), ("href", true), ("src", true), ("poster", true), ("cite", true),
      ("action", true), ("formaction", true), ("xlink:href", true), ("i", false),
      ("ids", false), ("hre", false), ("ID", false), ("xlink:hrefs", false),
      ("alttext", false), ("xmlns", false), ("display", false), ("", false),
    ])
  func watchedNames(name: String, watched: Bool) {
    let bytes = Array(name.utf8)
    #expect(bytes.withUnsafeBufferPointer { EPUBStructureCheck.isWatchedName($0) } == watched)
  }

  @Test("an id used twice inside formulas is still reported, and a link into one resolves")
  func idsInsideFormulas() throws {
    let withID = Self.math.replacingOccurrences(of: "<mi>", with: "<mi id=\"v\">")
    var entries = try EPUBStructureCheckTests.smallBook().entries
    let index = try #require(entries.firstIndex { $0.name.hasSuffix("two.xhtml") })
    var text = String(decoding: entries[index].bytes, as: UTF8.self)
    text = text.replacingOccurrences(of: "<p>Text.</p>", with: "<p>\(withID) \(Self.math)</p>")
    entries[index].bytes = Array(text.utf8)
    // The plain formula is left out of the scan of the real page, the one with an id is not.
    let read = String(
      decoding: EPUBStructureCheck.withoutPlainFormulas(entries[index].bytes), as: UTF8.self)
    #expect(!read.contains(Self.math) && read.contains(withID))
    #expect(EPUBStructureCheck(entries: entries).problems() == [])
    let one = try #require(entries.firstIndex { $0.name.hasSuffix("one.xhtml") })
    let linked = String(decoding: entries[one].bytes, as: UTF8.self)
      .replacingOccurrences(of: "two.xhtml#later", with: "two.xhtml#v")
    entries[one].bytes = Array(linked.utf8)
    #expect(EPUBStructureCheck(entries: entries).problems() == [])
    entries[index].bytes = Array(
      text.replacingOccurrences(of: Self.math, with: withID).utf8)
    let problems = EPUBStructureCheck(entries: entries).problems()
    #expect(problems.contains { $0.contains("id 'v' is used twice") }, "\(problems)")
  }
}
