import Foundation
import Testing

@testable import OctavoKit

@Suite("libxml2: serializing and parsing safely")
struct LibXML2Tests {
  @Test("characters outside XML 1.0 never reach the output")
  func controlCharacters() throws {
    let root = XMLElement(
      "p", [("title", "a\u{1}b\u{FFFE}")], [.text("x\u{0}y\u{B}z\u{1F}\u{FFFF}\t\n")])
    let bytes = try XMLSerializer.document(root, declaration: false)
    #expect(String(decoding: bytes, as: UTF8.self) == "<p title=\"ab\">xyz\t\n</p>\n")
    #expect((try? MarkupParser.parseXML(bytes).get()) != nil)
  }

  @Test("text and attributes are escaped by libxml2")
  func escaping() throws {
    let root = XMLElement("a", [("href", "x?a=1&b=\"2\"")], [.text("<b>&amp;</b>")])
    let text = String(decoding: try XMLSerializer.document(root, declaration: false), as: UTF8.self)
    #expect(text == "<a href=\"x?a=1&amp;b=&quot;2&quot;\">&lt;b&gt;&amp;amp;&lt;/b&gt;</a>\n")
  }

  @Test("namespaced names are declared and written with their prefixes")
  func namespaces() throws {
    let root = XMLElement(
      "html",
      [
        ("xmlns", XHTMLRenderer.xhtmlNamespace), ("xmlns:epub", XHTMLRenderer.epubNamespace),
        ("xml:lang", "de"),
      ],
      [
        .el("section", [("epub:type", "chapter")])
      ])
    let text = String(decoding: try XMLSerializer.document(root, declaration: false), as: UTF8.self)
    #expect(
      text
        == "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"de\"><section epub:type=\"chapter\"/></html>\n"
    )
    let parsed = try MarkupParser.parseXML(Array(text.utf8)).get()
    #expect(parsed.children.first?.element?[attribute: "epub:type"] == "chapter")
  }

  @Test(
    "an external entity is never loaded",
    arguments: [
      "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]><x>&e;</x>",
      "<!DOCTYPE x [<!ENTITY % p SYSTEM \"file:///etc/hostname\"> %p;]><x/>",
      "<!DOCTYPE x SYSTEM \"http://127.0.0.1:9/x.dtd\"><x/>",
    ])
  func noExternalEntities(_ xml: String) throws {
    let hostname =
      (try? String(contentsOfFile: "/etc/hostname", encoding: .utf8))?
      .trimmingCharacters(in: .whitespacesAndNewlines) ?? "no-hostname-file"
    switch MarkupParser.parseXML(Array(xml.utf8)) {
    case .success(let root): #expect(!root.textContent.contains(hostname))
    case .failure: break  // Refusing the document is fine too.
    }
    let nodes = MarkupParser.parseHTMLFragment(xml)
    let text = nodes.compactMap(\.element).map(\.textContent).joined()
    #expect(!text.contains(hostname))
  }

  @Test("a billion laughs does not expand")
  func billionLaughs() {
    var xml = "<!DOCTYPE x [<!ENTITY a0 \"ha\">"
    for level in 1...9 {
      xml += "<!ENTITY a\(level) \"" + String(repeating: "&a\(level - 1);", count: 10) + "\">"
    }
    xml += "]><x>&a9;</x>"
    if case .success(let root) = MarkupParser.parseXML(Array(xml.utf8)) {
      #expect(root.textContent.count < 1000)
    }
  }

  @Test("tag soup parses into a tree")
  func tagSoup() {
    let nodes = MarkupParser.parseHTMLFragment(
      "<p>One <b>bold <i>both</b> tail<br>next<p>Two &nbsp;&copy;")
    let paragraphs = nodes.compactMap(\.element).filter { $0.name == "p" }
    #expect(paragraphs.count == 2)
    #expect(paragraphs.last?.textContent == "Two \u{A0}©")
  }
}
