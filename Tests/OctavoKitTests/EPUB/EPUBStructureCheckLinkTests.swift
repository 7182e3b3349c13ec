import Foundation
import Testing

@testable import OctavoKit

/// Links within a document (`#…`) are checked the way every other link is: resolved by
/// ``EPUBStructureCheck/resolve(_:from:)``, then held to the files and ids of the container.
@Suite("EPUB structure check: links within a document")
struct EPUBStructureCheckLinkTests {
  /// Hrefs added to the first chapter; `ID` stands for an id that chapter has.
  static let hrefs = [
    "#", "#ID", "#missing", "#%49D", "#%zz", "##ID", "#\u{301}ID", "#é", "#ID%20", "#a b",
  ]

  @Test("each finds what resolving it finds", arguments: hrefs)
  func inDocumentLink(_ pattern: String) throws {
    var entries = try EPUBStructureCheckTests.smallBook().entries
    let name = try #require(entries.first { $0.name.hasSuffix("one.xhtml") }?.name)
    let ids = try #require(EPUBStructureCheck(entries: entries).run().scans[name]?.ids)
    let id = try #require(ids.sorted().first)
    // `%49D` decodes to `ID`: the id's first letter escaped.
    let href =
      pattern
      .replacingOccurrences(
        of: "%49D", with: "%\(String(id.utf8.first!, radix: 16))\(id.dropFirst())"
      )
      .replacingOccurrences(of: "ID", with: id)
    EPUBStructureCheckTests.edit(&entries, "one.xhtml") {
      $0.replacingOccurrences(of: "</body>", with: "<p><a href=\"\(href)\">here</a></p></body>")
    }
    let problems = EPUBStructureCheck(entries: entries).problems()
      .filter { $0.contains("'\(href)'") }
    // What the general path finds for the same link.
    let files = Set(entries.map(\.name))
    var expected: [String] = []
    if let target = EPUBStructureCheck.resolve(href, from: name) {
      if !files.contains(target.path) {
        expected = ["\(name): '\(href)' leads to no file in the container"]
      } else if let fragment = target.fragment, !fragment.isEmpty, !ids.contains(fragment) {
        expected = ["\(name): '\(href)' leads to no element with that id"]
      }
    }
    #expect(problems == expected, "\(href)")
  }

  /// A link within a document is held to that document's ids even when another document of
  /// the same folder has the same link (the check resolves a link to another file once per
  /// folder, and must not do so for one that leads to the document it is in).
  @Test("the same in-document link in two documents is checked in each", arguments: ["#é", "#ü2"])
  func sameLinkInTwoDocuments(_ href: String) throws {
    var entries = try EPUBStructureCheckTests.smallBook().entries
    let fragment = String(href.utf8.dropFirst())!
    // The first chapter holds the id and links to it; the second links to it and lacks it.
    EPUBStructureCheckTests.edit(&entries, "one.xhtml") {
      $0.replacingOccurrences(
        of: "</body>", with: "<p id=\"\(fragment)\"><a href=\"\(href)\">here</a></p></body>")
    }
    EPUBStructureCheckTests.edit(&entries, "two.xhtml") {
      $0.replacingOccurrences(of: "</body>", with: "<p><a href=\"\(href)\">here</a></p></body>")
    }
    let problems = EPUBStructureCheck(entries: entries).problems()
      .filter { $0.contains("'\(href)'") }
    let two = try #require(entries.first { $0.name.hasSuffix("two.xhtml") }?.name)
    #expect(problems == ["\(two): '\(href)' leads to no element with that id"])
  }
}
