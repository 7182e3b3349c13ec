import Testing

@testable import OctavoKit

/// One input of the sanitizer and what it must become.
struct SanitizerCase: Sendable, CustomTestStringConvertible {
  var name: String
  var html: String
  var context: HTMLSanitizer.Context = .flow
  var expected: String
  /// The exact notes expected, if checked.
  var notes: [String]? = nil

  var testDescription: String { name }
}

/// The XHTML namespace the fragments are serialized in.
private let xhtmlNamespace = "http://www.w3.org/1999/xhtml"

/// A sanitizer with resolvers like the renderer's: Markdown links become XHTML links,
/// `missing.md` does not resolve, remote images become links, `missing.png` resolves to nothing.
private func makeSanitizer(ids: Set<String> = ["intro", "top", "note-1"]) -> HTMLSanitizer {
  HTMLSanitizer(
    allowedIDs: ids,
    resolveLink: { href in
      if href.hasPrefix("javascript:") || href == "missing.md" { return nil }
      let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
      guard let path = parts.first, path.hasSuffix(".md") else { return href }
      return String(path.dropLast(3)) + ".xhtml" + (parts.count > 1 ? "#" + parts[1] : "")
    },
    resolveImage: { src, alt in
      if src.hasPrefix("https://") { return [.el("a", [("href", src)], [.text(alt ?? src)])] }
      if src == "missing.png" { return [] }
      return [.el("img", [("src", "images/" + src), ("alt", alt ?? "")])]
    })
}

/// The XHTML document holding `nodes` in a `div`.
private func document(_ nodes: [XMLNode]) throws -> [UInt8] {
  try XMLSerializer.document(
    XMLElement("div", [("xmlns", xhtmlNamespace)], nodes), declaration: false)
}

/// `nodes` serialized as XHTML, without the wrapping `div`.
private func serialize(_ nodes: [XMLNode]) throws -> String {
  var text = String(decoding: try document(nodes), as: UTF8.self)
  while text.hasSuffix("\n") { text.removeLast() }
  let open = "<div xmlns=\"\(xhtmlNamespace)\">"
  guard text.hasPrefix(open), text.hasSuffix("</div>") else { return "" }
  return String(text.dropFirst(open.count).dropLast("</div>".count))
}

/// Parses `html`, sanitizes it, and returns the XHTML and the notes.
private func sanitize(
  _ html: String, context: HTMLSanitizer.Context = .flow,
  sanitizer: inout HTMLSanitizer
) throws -> String {
  try serialize(sanitizer.sanitize(MarkupParser.parseHTMLFragment(html), context: context))
}

private let cases: [SanitizerCase] = [
  // Valid content passes through.
  SanitizerCase(
    name: "valid content is unchanged",
    html: "<p>Hello <em>world</em>, <abbr title=\"Electronic Publication\">EPUB</abbr></p>",
    expected: "<p>Hello <em>world</em>, <abbr title=\"Electronic Publication\">EPUB</abbr></p>",
    notes: []),
  SanitizerCase(
    name: "whitespace is kept", html: "<p>  a\n  <b>b</b>  </p>\n",
    expected: "<p>  a\n  <b>b</b>  </p>\n"),

  // Unsafe and unsupported elements.
  SanitizerCase(
    name: "script removed", html: "<p>Hi<script>alert(1)</script></p>",
    expected: "<p>Hi</p>", notes: ["removed <script>"]),
  SanitizerCase(
    name: "style removed", html: "<style>p { color: red }</style><p>x</p>",
    expected: "<p>x</p>", notes: ["removed <style>"]),
  SanitizerCase(
    name: "iframe removed", html: "<iframe src=\"https://example.com\">frame</iframe>after",
    expected: "after", notes: ["removed <iframe>"]),
  SanitizerCase(
    name: "form and controls removed",
    html: "<form action=\"/s\"><input name=\"q\"><button>Go</button></form>after",
    expected: "after", notes: ["removed <form>"]),
  SanitizerCase(
    name: "input removed, following text kept", html: "<input type=\"checkbox\" checked> done",
    expected: " done", notes: ["removed <input>"]),
  SanitizerCase(
    name: "video removed", html: "<video src=\"a.mp4\" controls>Your browser</video><p>x</p>",
    expected: "<p>x</p>", notes: ["removed <video>"]),
  SanitizerCase(
    name: "inline svg removed, math kept as MathML Core",
    html:
      "<svg width=\"10\"><circle r=\"1\"/></svg><math><mi onclick=\"x()\">x</mi><maction>y</maction></math>text",
    expected: "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>x</mi></math>text",
    notes: [
      "removed inline <svg>", "removed event handlers from <math>",
      "removed <maction>, not MathML Core from <math>",
    ]),
  SanitizerCase(
    name: "embed removed, misnested siblings kept",
    html: "<embed src=\"a.swf\"><p>after</p>", expected: "<p>after</p>", notes: ["removed <embed>"]),
  SanitizerCase(
    name: "wbr dropped silently", html: "<kbd>Ctrl</kbd>+<kbd>C</kbd><br><sub>2</sub><wbr>x",
    context: .phrasing, expected: "<kbd>Ctrl</kbd>+<kbd>C</kbd><br/><sub>2</sub>x", notes: []),

  // Attributes.
  SanitizerCase(
    name: "event handlers removed", html: "<p onclick=\"x()\" onmouseover=\"y()\">t</p>",
    expected: "<p>t</p>", notes: ["removed on* event handler attributes"]),
  SanitizerCase(
    name: "javascript: href removed", html: "<a href=\"javascript:alert(1)\">click</a>",
    expected: "click", notes: ["removed javascript: URL"]),
  SanitizerCase(
    name: "obfuscated javascript: href removed",
    html: "<a href=\" JaVa&#9;Script:alert(1)\">x</a>", expected: "x",
    notes: ["removed javascript: URL"]),
  SanitizerCase(
    name: "javascript: cite removed",
    html: "<blockquote cite=\"javascript:x\">q</blockquote><q cite=\"a.md\">r</q>",
    expected: "<blockquote>q</blockquote><q cite=\"a.xhtml\">r</q>"),
  SanitizerCase(
    name: "links resolved, target and rel dropped",
    html: "<a href=\"chapter.md#s\" title=\"T\" target=\"_blank\" rel=\"noopener\">go</a>",
    expected: "<a href=\"chapter.xhtml#s\" title=\"T\">go</a>", notes: []),
  SanitizerCase(
    name: "unresolved link unwrapped, id kept", html: "<a href=\"missing.md\" id=\"top\">gone</a>",
    expected: "<span id=\"top\"/>gone", notes: []),
  SanitizerCase(
    name: "style dropped", html: "<p style=\"color: red\">x</p><p style=\"x\">y</p>",
    expected: "<p>x</p><p>y</p>", notes: ["dropped style attributes"]),
  SanitizerCase(
    name: "global attributes",
    html:
      "<span lang=\"fr\" dir=\"RTL\" title=\"t\" class=\"a  b\" aria-label=\"z\" role=\"button\" data-x=\"1\" hidden>x</span>",
    expected:
      "<span class=\"a b\" lang=\"fr\" xml:lang=\"fr\" dir=\"rtl\" title=\"t\" hidden=\"hidden\">x</span>",
    notes: []),
  SanitizerCase(
    name: "invalid lang dropped", html: "<span lang=\"en_US\">x</span>",
    expected: "<span>x</span>", notes: ["dropped invalid lang attribute"]),
  SanitizerCase(
    name: "align becomes a class",
    html: "<p align=\"center\" class=\"lead\">x</p><div align=\"RIGHT\">y</div>",
    expected: "<p class=\"lead align-center\">x</p><div class=\"align-right\">y</div>", notes: []),
  SanitizerCase(
    name: "unmappable align dropped",
    html: "<span align=\"center\">x</span><img src=\"a.png\" align=\"middle\">",
    expected: "<span>x</span><img src=\"images/a.png\" alt=\"\"/>",
    notes: ["dropped align attribute"]),
  SanitizerCase(
    name: "boolean attributes get values",
    html:
      "<ol reversed start=\"3\" type=\"i\"><li value=\"7\">a</li></ol><details open><summary>s</summary>d</details>",
    expected: "<ol reversed=\"reversed\" start=\"3\" type=\"i\"><li value=\"7\">a</li></ol>"
      + "<details open=\"open\"><summary>s</summary>d</details>"),
  SanitizerCase(
    name: "list attributes validated",
    html:
      "<ol start=\"x\" type=\"disc\"><li>a</li></ol><ul type=\"disc\"><li value=\"2\">b</li></ul>",
    expected: "<ol><li>a</li></ol><ul><li>b</li></ul>",
    notes: ["dropped invalid start attribute", "dropped invalid type attribute"]),

  // Ids.
  SanitizerCase(
    name: "name becomes id", html: "<a name=\"intro\"></a><a name=\"top\" href=\"x.md\">t</a>",
    expected: "<span id=\"intro\"/><a href=\"x.xhtml\" id=\"top\">t</a>", notes: []),
  SanitizerCase(
    name: "disallowed id dropped", html: "<p id=\"other\">x</p>",
    expected: "<p>x</p>", notes: ["dropped id \"other\""]),
  SanitizerCase(
    name: "duplicate id dropped", html: "<p id=\"top\">a</p><p id=\"top\">b</p>",
    expected: "<p id=\"top\">a</p><p>b</p>", notes: ["dropped duplicate id \"top\""]),
  SanitizerCase(
    name: "id with whitespace dropped", html: "<p id=\"a b\">x</p>",
    expected: "<p>x</p>", notes: ["dropped invalid id \"a b\""]),
  SanitizerCase(
    name: "id of unwrapped element kept on a span", html: "<x-note id=\"note-1\">n</x-note>",
    expected: "<span id=\"note-1\"/>n"),

  // Obsolete and unknown elements.
  SanitizerCase(
    name: "center in flow", html: "<center><b>x</b></center>",
    expected: "<div class=\"center\"><b>x</b></div>", notes: []),
  SanitizerCase(
    name: "center in phrasing", html: "<center>x</center>", context: .phrasing,
    expected: "<span class=\"center\">x</span>", notes: []),
  SanitizerCase(
    name: "font mapped to span", html: "<font color=\"red\" face=\"Arial\" size=\"3\">red</font>",
    expected: "<span>red</span>"),
  SanitizerCase(
    name: "obsolete phrasing elements",
    html: "<big>B</big><tt>t</tt><strike>s</strike><acronym title=\"T\">A</acronym><nobr>n</nobr>",
    context: .phrasing,
    expected:
      "<span class=\"big\">B</span><code>t</code><s>s</s><abbr title=\"T\">A</abbr><span>n</span>",
    notes: []),
  SanitizerCase(
    name: "xmp becomes pre", html: "<xmp><b>x</b></xmp>", expected: "<pre><b>x</b></pre>"),
  SanitizerCase(
    name: "unknown element unwrapped", html: "<x-card>inner <b>b</b></x-card>",
    expected: "inner <b>b</b>", notes: ["unwrapped unknown <x-card>"]),
  SanitizerCase(
    name: "picture keeps its img",
    html:
      "<picture><source media=\"(prefers-color-scheme: dark)\" srcset=\"dark.png\"><img src=\"light.png\" alt=\"Logo\"></picture>",
    expected: "<img src=\"images/light.png\" alt=\"Logo\"/>", notes: []),

  // Images.
  SanitizerCase(
    name: "img width in px", html: "<img src=\"a.png\" width=\"100px\" height=\"50\">",
    expected: "<img src=\"images/a.png\" alt=\"\" width=\"100\" height=\"50\"/>", notes: []),
  SanitizerCase(
    name: "img width in percent dropped", html: "<img src=\"a.png\" width=\"50%\" alt=\"A\">",
    expected: "<img src=\"images/a.png\" alt=\"A\"/>", notes: ["dropped invalid width attribute"]),
  SanitizerCase(
    name: "img align", html: "<img src=\"a.png\" align=\"right\" id=\"top\">",
    expected: "<img src=\"images/a.png\" alt=\"\" id=\"top\" class=\"align-right\"/>"),
  SanitizerCase(
    name: "img without src removed", html: "<p><img alt=\"x\">t</p>",
    expected: "<p>t</p>", notes: ["removed <img> without src"]),
  SanitizerCase(
    name: "img resolving to nothing removed", html: "<p><img src=\"missing.png\">x</p>",
    expected: "<p>x</p>", notes: []),
  SanitizerCase(
    name: "README badges",
    html:
      "<p align=\"center\">\n<a href=\"https://ci.example\"><img src=\"https://img.shields.io/b\" alt=\"build\"></a>\n"
      + "<img src=\"logo.png\" width=\"200\">\n</p>",
    expected: "<p class=\"align-center\">\n<a href=\"https://ci.example\">build</a>\n"
      + "<img src=\"images/logo.png\" alt=\"\" width=\"200\"/>\n</p>", notes: []),

  // Content models.
  SanitizerCase(name: "tag soup is nested", html: "<b><i>x</b>y</i>", expected: "<b><i>x</i></b>y"),
  SanitizerCase(
    name: "div closes p", html: "<p>a<div>b</div>c</p>", expected: "<p>a</p><div>b</div>c"),
  SanitizerCase(
    name: "blocks in span", html: "<span><p>a</p><p>b</p></span>",
    expected: "<span>a<br/>b</span>", notes: ["unwrapped <p> inside inline content"]),
  SanitizerCase(
    name: "blocks in phrasing context", html: "x<div>y</div>z<hr>w", context: .phrasing,
    expected: "x<br/>y<br/>z<br/>w",
    notes: ["unwrapped <div> inside inline content", "removed <hr> inside inline content"]),
  SanitizerCase(
    name: "existing br not doubled", html: "a<br><p>b</p>", context: .phrasing, expected: "a<br/>b"),
  SanitizerCase(name: "empty heading dropped", html: "<h1><p>x</p></h1>", expected: "<p>x</p>"),
  SanitizerCase(
    name: "a in a", html: "<a href=\"a.md\">1<span><a href=\"b.md\">2</a></span>3</a>",
    expected: "<a href=\"a.xhtml\">1<span>2</span>3</a>", notes: ["unwrapped <a> inside <a>"]),
  SanitizerCase(
    name: "details in a", html: "<a href=\"x\"><details><summary>s</summary>d</details></a>",
    expected: "<a href=\"x\"><div>s</div>d</a>",
    notes: ["unwrapped <details> inside <a>", "replaced misplaced <summary> with <div>"]),
  SanitizerCase(
    name: "blocks in a link in flow are kept", html: "<a href=\"x\"><h2>Title</h2><p>text</p></a>",
    expected: "<a href=\"x\"><h2>Title</h2><p>text</p></a>", notes: []),
  SanitizerCase(
    name: "li without ul", html: "<li>one</li>\n<li>two</li>",
    expected: "<ul><li>one</li>\n<li>two</li></ul>", notes: ["wrapped stray <li> in <ul>"]),
  SanitizerCase(
    name: "li in phrasing", html: "<li>one</li><li>two</li>", context: .phrasing,
    expected: "one<br/>two", notes: ["unwrapped <li> inside inline content"]),
  SanitizerCase(
    name: "loose list content", html: "<ul>text<li>a</li><p>p</p></ul>",
    expected: "<ul><li>text</li><li>a</li><li><p>p</p></li></ul>",
    notes: ["wrapped loose content of <ul> in <li>"]),
  SanitizerCase(
    name: "li value only in ol", html: "<ul><li value=\"2\">b</li></ul>",
    expected: "<ul><li>b</li></ul>"),
  SanitizerCase(
    name: "dl repaired", html: "<dl><dd>d</dd>loose<dt>t</dt></dl>",
    expected: "<dl><dt/><dd>d</dd><dd>loose</dd><dt>t</dt><dd/></dl>",
    notes: [
      "wrapped loose content of <dl> in <dd>", "added empty <dt> to <dl>",
      "added empty <dd> to <dl>",
    ]),
  SanitizerCase(
    name: "dl with div groups", html: "<dl><div><dt>t</dt><dd>d</dd></div></dl>",
    expected: "<dl><dt>t</dt><dd>d</dd></dl>", notes: []),
  SanitizerCase(
    name: "details without summary", html: "<details><p>x</p></details>",
    expected: "<details><summary>Details</summary><p>x</p></details>",
    notes: ["added <summary> to <details>"]),
  SanitizerCase(
    name: "summary moved first", html: "<details><p>a</p><summary>S</summary></details>",
    expected: "<details><summary>S</summary><p>a</p></details>",
    notes: ["moved <summary> to the start of <details>"]),
  SanitizerCase(
    name: "summary with heading", html: "<details><summary><h3>T</h3></summary>body</details>",
    expected: "<details><summary><h3>T</h3></summary>body</details>", notes: []),
  SanitizerCase(
    name: "figcaption moved last",
    html: "<figure><img src=\"a.png\"><figcaption>c</figcaption><p>after</p></figure>",
    expected:
      "<figure><img src=\"images/a.png\" alt=\"\"/><p>after</p><figcaption>c</figcaption></figure>",
    notes: ["moved <figcaption> to the end of <figure>"]),
  SanitizerCase(
    name: "headings in address", html: "<address><h4>Contact</h4>Me</address>",
    expected: "<address><p>Contact</p>Me</address>",
    notes: ["replaced <h4> inside <address> with <p>"]),
  SanitizerCase(
    name: "invalid time becomes span",
    html:
      "<time datetime=\"2024-02-30\">x</time> <time datetime=\"2024-02-29T10:00Z\">y</time> <time>2024</time> <time>soon</time>",
    expected:
      "<span>x</span> <time datetime=\"2024-02-29T10:00Z\">y</time> <time>2024</time> <span>soon</span>"
  ),
  SanitizerCase(
    name: "bdo without direction becomes span", html: "<bdo>a</bdo><bdo dir=\"rtl\">b</bdo>",
    context: .phrasing, expected: "<span>a</span><bdo dir=\"rtl\">b</bdo>"),
  SanitizerCase(
    name: "ruby kept", html: "<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>", context: .phrasing,
    expected: "<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>", notes: []),
  SanitizerCase(
    name: "ruby repaired",
    html:
      "<ruby>漢<rp><b>(</b></rp><rt>kan</rt>字<rt>ji</rt><rp>)</rp> tail</ruby><ruby>no annotation</ruby>",
    context: .phrasing, expected: "<ruby>漢<rt>kan</rt>字<rt>ji</rt></ruby> tailno annotation"),

  // Tables.
  SanitizerCase(
    name: "table without tr", html: "<table><td>a</td><td>b</td></table>",
    expected: "<table><tr><td>a</td><td>b</td></tr></table>", notes: ["wrapped table cells in <tr>"]
  ),
  SanitizerCase(
    name: "text in table moved out", html: "<table>text<tr><td>x</td>stray</tr></table>",
    expected: "textstray<table><tr><td>x</td></tr></table>", notes: ["moved content out of <table>"]
  ),
  SanitizerCase(
    name: "table parts reordered",
    html: "<table><tr><td>1</td><td>2</td><td>3</td></tr><caption>c</caption><col><col span=\"2\">"
      + "<thead><tr><th>h</th><th>i</th><th>j</th></tr></thead></table>",
    expected: "<table><caption>c</caption><colgroup><col/><col span=\"2\"/></colgroup>"
      + "<thead><tr><th>h</th><th>i</th><th>j</th></tr></thead><tr><td>1</td><td>2</td><td>3</td></tr></table>",
    notes: ["reordered the parts of <table>"]),
  SanitizerCase(
    name: "table grid made consistent",
    html: "<table><tr><td colspan=\"3\">a</td></tr><tr></tr></table>",
    expected: "<table><tr><td>a</td></tr></table>",
    notes: []),
  SanitizerCase(
    name: "rows and bodies not mixed",
    html: "<table><tbody><tr><td>1</td></tr></tbody><tr><td>2</td></tr></table>",
    expected: "<table><tbody><tr><td>1</td></tr></tbody><tbody><tr><td>2</td></tr></tbody></table>"),
  SanitizerCase(
    name: "empty table removed", html: "<table></table><table><caption>c</caption></table>after",
    expected: "after", notes: ["removed empty <table>"]),
  SanitizerCase(
    name: "table attributes",
    html: "<table border=\"1\" width=\"100%\" align=\"center\"><tr valign=\"top\">"
      + "<td colspan=\"2\" rowspan=\"x\" align=\"right\">c</td><th scope=\"COL\" abbr=\"H\" colspan=\"0\">h</th></tr>"
      + "<tr><td>1</td><td>2</td><td>3</td></tr></table>",
    expected:
      "<table class=\"align-center\"><tr><td class=\"align-right\" colspan=\"2\">c</td><th scope=\"col\">h</th></tr>"
      + "<tr><td>1</td><td>2</td><td>3</td></tr></table>",
    notes: [
      "dropped border attribute", "dropped width attribute", "dropped valign attribute",
      "dropped invalid rowspan attribute", "dropped invalid colspan attribute",
    ]),
  SanitizerCase(
    name: "headings in th", html: "<table><tr><th><h3>H</h3></th></tr></table>",
    expected: "<table><tr><th><p>H</p></th></tr></table>",
    notes: ["replaced <h3> inside <th> with <p>"]),
  SanitizerCase(
    name: "nested tables",
    html: "<table><tr><td>1<table><tr><td>in</td></tr></table></td></tr></table>",
    expected: "<table><tr><td>1<table><tr><td>in</td></tr></table></td></tr></table>", notes: []),
  SanitizerCase(
    name: "row outside table", html: "<tr><td>a</td></tr>", expected: "<div><div>a</div></div>",
    notes: ["replaced misplaced <tr> with <div>", "replaced misplaced <td> with <div>"]),
  SanitizerCase(
    name: "table in phrasing", html: "<table><tr><td>a</td><td>b</td></tr></table>",
    context: .phrasing,
    expected: "a<br/>b"),

  // Slots.
  SanitizerCase(
    name: "slot in flow",
    html: "<div><o-slot data-i=\"0\"></o-slot></div><o-slot data-i=\"1\"></o-slot>",
    expected: "<div><o-slot data-i=\"0\"/></div><o-slot data-i=\"1\"/>", notes: []),
  SanitizerCase(
    name: "slot in phrasing",
    html: "<em><o-slot data-i=\"3\"></o-slot></em> <o-slot data-i=\"4\"></o-slot>",
    context: .phrasing, expected: "<em><o-slot data-i=\"3\"/></em> <o-slot data-i=\"4\"/>",
    notes: []),
  SanitizerCase(
    name: "slot in a table cell and a list",
    html:
      "<table>\n<tr>\n<td>\n<o-slot data-i=\"0\"></o-slot>\n</td>\n</tr>\n</table><ul><o-slot data-i=\"1\"></o-slot></ul>",
    expected:
      "<table><tr><td>\n<o-slot data-i=\"0\"/>\n</td></tr></table><ul><li><o-slot data-i=\"1\"/></li></ul>"
  ),
]

@Suite struct HTMLSanitizerTests {
  @Test(arguments: cases)
  func sanitizes(_ testCase: SanitizerCase) throws {
    var sanitizer = makeSanitizer()
    let output = try sanitize(testCase.html, context: testCase.context, sanitizer: &sanitizer)
    #expect(output == testCase.expected)
    if let notes = testCase.notes {
      #expect(sanitizer.notes == notes)
    }
  }

  @Test(arguments: cases)
  func outputIsWellFormedXML(_ testCase: SanitizerCase) throws {
    var sanitizer = makeSanitizer()
    let nodes = sanitizer.sanitize(
      MarkupParser.parseHTMLFragment(testCase.html), context: testCase.context)
    let result = MarkupParser.parseXML(try document(nodes))
    if case .failure(let error) = result { Issue.record("not well-formed: \(error)") }
  }

  @Test func idsAreKeptOncePerSanitizer() throws {
    var sanitizer = makeSanitizer()
    let first = try sanitize("<p id=\"intro\">a</p>", sanitizer: &sanitizer)
    let second = try sanitize(
      "<span id=\"intro\">b</span>", context: .phrasing, sanitizer: &sanitizer)
    #expect(first == "<p id=\"intro\">a</p>")
    #expect(second == "<span>b</span>")
    #expect(sanitizer.notes == ["dropped duplicate id \"intro\""])
  }

  @Test func notesAreDeduplicatedInFirstSeenOrder() throws {
    var sanitizer = makeSanitizer()
    _ = try sanitize(
      "<script></script><p onclick=\"a\">x</p><script></script><style></style>",
      sanitizer: &sanitizer)
    _ = try sanitize("<b onmouseover=\"b\">y</b>", context: .phrasing, sanitizer: &sanitizer)
    #expect(
      sanitizer.notes == [
        "removed <script>", "removed on* event handler attributes", "removed <style>",
      ])
  }

  @Test func commentsAreDropped() throws {
    var sanitizer = makeSanitizer()
    let nodes = sanitizer.sanitize(
      [.text("a"), .comment("note"), .el("b", [], [.text("b")])], context: .phrasing)
    #expect(try serialize(nodes) == "a<b>b</b>")
  }

  @Test func deepNestingFromTheParserDoesNotCrash() throws {
    let html =
      String(repeating: "<div>", count: 2_000) + "deep" + String(repeating: "</div>", count: 2_000)
    var sanitizer = makeSanitizer()
    let nodes = sanitizer.sanitize(MarkupParser.parseHTMLFragment(html), context: .flow)
    #expect(throws: Never.self) { try MarkupParser.parseXML(document(nodes)).get() }
  }

  @Test func deepTreesAreFlattenedBelowTheDepthLimit() throws {
    var tree = XMLElement("span", [], [.text("bottom"), .el("script", [], [.text("alert(1)")])])
    for _ in 0..<2_000 { tree = XMLElement("span", [], [.element(tree)]) }
    var sanitizer = makeSanitizer()
    let nodes = sanitizer.sanitize([.element(tree)], context: .phrasing)
    var depth = 0
    var current = nodes.first
    while let element = current?.element {
      depth += 1
      current = element.children.first
    }
    #expect(depth == HTMLSanitizer.maximumDepth)
    #expect(current == .text("bottom"))
    #expect(sanitizer.notes == ["flattened deeply nested HTML to text"])
    #expect(throws: Never.self) { try MarkupParser.parseXML(document(nodes)).get() }
  }

  @Test(arguments: [
    ("2024", true), ("2024-02", true), ("2024-02-29", true), ("2023-02-29", false),
    ("2024-13-01", false),
    ("2024-02-29T10:00", true), ("2024-02-29 10:00:30.5+01:00", true), ("10:00", true),
    ("25:00", false),
    ("Z", false), ("+05:30", false), ("12345", false), ("12345-01", true), ("2024-W07", true),
    ("P1DT2H", true), ("PT1.5S", true), ("PT", false), ("P", false), ("1H 30M", true),
    ("1.5S", true),
    ("1.5H", false), ("1h", false), ("12-25", true), ("--12-25", true), ("yesterday", false),
    ("", false),
  ])
  func validatesDateTimes(_ value: String, _ valid: Bool) {
    #expect(HTMLSanitizer.isDateTime(value) == valid)
  }
}
