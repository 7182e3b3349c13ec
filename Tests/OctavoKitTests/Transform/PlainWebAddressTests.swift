import Foundation
import Testing

@testable import OctavoKit

/// The link pass takes plain web addresses (`https://example.org/a/b`) as valid without
/// Foundation's URL parser (``LinkResolver/isPlainWebAddress(_:)``); it must decide every
/// address as the parser does.
@Suite("Plain web addresses are classified without parsing")
struct PlainWebAddressTests {
  @Test(
    "plain addresses are taken as they are, as the parser takes them",
    arguments: [
      "https://example.org", "http://example.org/", "https://example.org/these/183",
      "https://a.b.c.example.com/a/b/c.html", "https://example.org/under_score/tilde~/x-y.z",
      "https://x1.example.org/A/B", "http://localhost", "https://a.b9",
      "https://" + String(repeating: "a", count: 63) + ".org/",
    ])
  func plain(_ url: String) {
    #expect(LinkResolver.isPlainWebAddress(url))
    #expect(LinkResolver.classifyParsing(url) == .external(url))
    #expect(LinkResolver.classifyAnew(url) == .external(url))
  }

  @Test(
    "other addresses go through the parser",
    arguments: [
      "https://Example.org/", "https://example.org:8080/", "https://example.org/?q=1",
      "https://example.org/#top", "https://exa-mple.org/", "https://xn--e1afmkfd.org/",
      "https://127.0.0.1/", "https://999.999.999.999/", "https://example.org./",
      "https://a..b/", "https:///path", "http://", "https://example.org/a%20b",
      "https://example.org/a b", "https://example.org/a|b", "https://例え.jp/パス",
      "ftp://example.org/", "HTTPS://example.org/", "https://user@example.org/",
      "https://" + String(repeating: "a", count: 64) + ".org/",
      "https://" + Array(repeating: "abcdefghi", count: 26).joined(separator: ".") + "/",
      "https://example.org\\path", "//example.org/", "chapter-0002.md#section-2-1",
      "mailto:someone@example.org",
    ])
  func other(_ url: String) {
    #expect(!LinkResolver.isPlainWebAddress(url))
    #expect(LinkResolver.classifyAnew(url) == LinkResolver.classifyParsing(url))
  }
}
