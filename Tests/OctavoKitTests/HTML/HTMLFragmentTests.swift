import Foundation
import Testing

@testable import OctavoKit

/// The tags stripped before raw HTML is parsed as a fragment, and the quick look at the bytes
/// that spares the regular expressions when there is none.
@Suite("HTML fragments")
struct HTMLFragmentTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var html: String
    /// Whether the quick look must send it to the regular expressions.
    var mayHold: Bool
    var testDescription: String { html }
  }

  /// What the regular expressions alone make of `html`.
  static func stripped(_ html: String) -> String {
    html.replacing(HTMLFragment.doctype, with: "")
      .replacing(HTMLFragment.documentTag, with: "")
      .replacing(HTMLFragment.imageTag, with: "<img")
  }

  @Test(
    "the quick look never misses a tag the regular expressions would strip",
    arguments: [
      Case(html: "<HTML lang=en>", mayHold: true),
      Case(html: "text </Body > more", mayHold: true),
      Case(html: "<!doctype html><p>x</p>", mayHold: true),
      Case(html: "<!-- a comment -->", mayHold: true),
      Case(html: "<IMAGE src=\"a.png\">", mayHold: true),
      Case(html: "<html-x>", mayHold: true),
      Case(html: "<frameset><noframes>", mayHold: true),
      Case(html: "<frame\u{17F}et>", mayHold: true),
      Case(html: "<p>ahead of the body of the image</p>", mayHold: false),
      Case(html: "<span class=\"head\">", mayHold: false),
      Case(html: "a < b and c<d", mayHold: false),
      Case(html: "<htmlx><imagery><header>", mayHold: false),
      Case(html: "<", mayHold: false),
    ])
  func quickLook(_ test: Case) {
    let mayHold = HTMLFragment.mayHoldDocumentTags(test.html)
    #expect(mayHold == test.mayHold)
    if Self.stripped(test.html) != test.html { #expect(mayHold) }
    #expect(HTMLFragment.withoutDocumentTags(test.html) == Self.stripped(test.html))
  }
}
