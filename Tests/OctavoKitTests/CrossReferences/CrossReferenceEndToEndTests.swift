import Foundation
import Testing

@testable import OctavoKit

/// The technical fixture book, built by the real binary: every cross-reference lands on an
/// element with that id in the right file of the EPUB and of the print edition, and shows the
/// right number; the lists of figures, tables and listings lead to the elements too.
@Suite("Cross-references, end to end", .serialized)
struct CrossReferenceEndToEndTests {
  static let book = TestPaths.fixtures.appending(path: "books/technical")

  /// What each label of the fixture is: the document that holds it and the words a
  /// reference shows. Written by hand from the fixture's text, not read from Octavo.
  static let expected: [String: (document: String, title: String)] = [
    "fig:emblem": ("preface", "Figure 1"),
    "fig:pipeline": ("c02-figures", "Figure 1.1"),
    "fig-second-look": ("c02-figures", "Figure 1.2"),
    "tbl:formats": ("c02-figures", "Table 1.1"),
    "tbl-sizes": ("c02-figures", "Table 1.2"),
    "lst:build": ("c02-figures", "Listing 1.1"),
    "lst:check": ("c03-references", "Listing 2.1"),
    "lst:greeting": ("c04-code", "Listing 3.1"),
    "lst-query": ("c04-code", "Listing 3.2"),
    "fig:appendix-chart": ("appendix", "Figure A.1"),
    "tbl:appendix-numbers": ("appendix", "Table A.1"),
    "sec:pipeline": ("c02-figures", "The pipeline"),
    "sec-formats": ("c02-figures", "Formats"),
    "sec:appendix-tables": ("appendix", "Tables of the appendix"),
  ]

  /// The references written in the fixture's Markdown, counted with a pattern of this test's
  /// own: `@fig:…`, `-@fig:…`, `@fig-…` and `\ref{…}`.
  static func writtenReferences() throws -> Int {
    let pattern = try NSRegularExpression(
      pattern: #"(?<![\w@])@(fig|tbl|lst|sec|eq)[:-][A-Za-z0-9_-]*[A-Za-z0-9_]|\\ref\{"#)
    var count = 0
    for name in try FileManager.default.contentsOfDirectory(atPath: book.path)
    where name.hasSuffix(".md") {
      let text = try String(contentsOf: book.appending(path: name), encoding: .utf8)
      count += pattern.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
    }
    return count
  }

  /// `(href, text)` of each element of `html` matched by `pattern` (two groups).
  static func pairs(_ pattern: String, in html: String) throws -> [(String, String)] {
    let regex = try NSRegularExpression(pattern: pattern)
    return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { match in
      (
        String(html[Range(match.range(at: 1), in: html)!]),
        String(html[Range(match.range(at: 2), in: html)!])
      )
    }
  }

  /// The number a title ends with ("Figure 1.1" → "1.1"), or the title of a section.
  static func number(of title: String) -> String {
    guard let space = title.lastIndex(where: { $0 == " " || $0 == "\u{A0}" }),
      title.first.map({ _ in ["Figure", "Table", "Listing"].contains(String(title[..<space])) })
        == true
    else { return title }
    return String(title[title.index(after: space)...])
  }

  /// Whether `text` is what a reference to `label` may show: its title, or its number alone.
  static func shows(_ text: String, _ label: String) -> Bool {
    guard let title = expected[label]?.title else { return false }
    let normalized = text.replacingOccurrences(of: "\u{A0}", with: " ")
    return normalized == title || normalized == number(of: title)
  }

  /// The caption label or heading text of the element with `id` in `html`, if it is there.
  static func target(_ id: String, in html: String) -> String? {
    guard let start = html.range(of: " id=\"\(id)\"") else { return nil }
    let tag = html[..<start.lowerBound].reversed().prefix { $0 != "<" }.reversed()
    let rest = html[start.upperBound...]
    if tag.count == 2, tag.first == "h" {
      guard let close = rest.range(of: ">"), let end = rest.range(of: "</h") else { return nil }
      return String(rest[close.upperBound..<end.lowerBound])
    }
    guard let label = rest.range(of: "<span class=\"caption-label\">"),
      let end = rest[label.upperBound...].range(of: "</span>")
    else { return nil }
    return String(rest[label.upperBound..<end.lowerBound])
  }

  func build() throws -> (epub: URL, html: URL, work: URL) {
    let work = EndToEndTests.temporaryFolder()
    let output = work.appending(path: "out")
    let result = try runProcess(
      TestPaths.octavo, ["build", Self.book.path, "--output", output.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stderr.contains("warning"), "\(result.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: output.path)
    return (
      output.appending(path: try #require(files.first { $0.hasSuffix(".epub") })),
      output.appending(path: try #require(files.first { $0.hasSuffix(".html") })), work
    )
  }

  @Test("every reference of the EPUB lands on its element, in the right document, with its number")
  func epubReferences() throws {
    let (epub, _, work) = try build()
    defer { try? FileManager.default.removeItem(at: work) }
    let archive = try ZipArchiveReader(epub)
    var checked = 0
    for name in archive.names where name.hasPrefix("EPUB/text/") && name.hasSuffix(".xhtml") {
      let document = String(name.dropFirst("EPUB/text/".count).dropLast(".xhtml".count))
      let html = String(decoding: archive.entries[name] ?? [], as: UTF8.self)
      for (href, text) in try Self.pairs(#"<a href="([^"]*)" class="xref">([^<]*)</a>"#, in: html) {
        let parts = href.split(separator: "#", maxSplits: 1).map(String.init)
        let file = parts.count == 2 ? String(parts[0].dropLast(".xhtml".count)) : document
        let id = try #require(parts.last)
        let expected = try #require(Self.expected[id], "unexpected target \(href) in \(name)")
        #expect(file == expected.document, "\(href) in \(name)")
        #expect(Self.shows(text, id), "\(href) in \(name) shows '\(text)'")
        let target = String(
          decoding: archive.entries["EPUB/text/\(file).xhtml"] ?? [], as: UTF8.self)
        let caption = Self.target(id, in: target)
        #expect(
          caption?.replacingOccurrences(of: "\u{A0}", with: " ")
            .trimmingCharacters(in: CharacterSet(charactersIn: ".")) == expected.title,
          "\(id) in \(file).xhtml is '\(caption ?? "missing")'")
        checked += 1
      }
    }
    #expect(checked == (try Self.writtenReferences()))
    #expect(checked >= 25)
  }

  @Test("every reference of the print edition lands on its element, with its number")
  func printReferences() throws {
    let (_, htmlURL, work) = try build()
    defer { try? FileManager.default.removeItem(at: work) }
    let html = try String(contentsOf: htmlURL, encoding: .utf8)
    // A note's text is printed twice, at its call for WeasyPrint's floated notes and in the
    // chapter's notes for Chromium: count the references of the notes once.
    let once = html.replacingOccurrences(
      of: #"<span class="print-footnote">.*?</span>"#, with: "", options: .regularExpression)
    let links = try Self.pairs(##"<a href="#([^"]*)" class="xref">([^<]*)</a>"##, in: once)
    #expect(links.count == (try Self.writtenReferences()), "\(links)")
    for (id, text) in links {
      #expect(Self.shows(text, id), "#\(id) shows '\(text)'")
      let caption = Self.target(id, in: html)
      #expect(
        caption?.replacingOccurrences(of: "\u{A0}", with: " ")
          .trimmingCharacters(in: CharacterSet(charactersIn: ".")) == Self.expected[id]?.title,
        "#\(id) is '\(caption ?? "missing")'")
    }
    // "on page N" after each reference, where the engine knows target-counter().
    #expect(html.contains("a.xref::after"))
    // The lists follow the contents, with page numbers by the contents' rule.
    for (list, count) in [("loi", 4), ("lot", 3), ("lol", 4)] {
      let start = try #require(html.range(of: "<nav id=\"\(list)\" class=\"toc list-of\">"))
      let end = try #require(html[start.upperBound...].range(of: "</nav>"))
      let entries = try Self.pairs(
        ##"<a href="#([^"]*)">([^<]*)</a>"##, in: String(html[start.upperBound..<end.lowerBound]))
      #expect(entries.count == count, "\(list)")
      for (id, text) in entries {
        let title = try #require(Self.expected[id]?.title)
        #expect(text.replacingOccurrences(of: "\u{A0}", with: " ").hasPrefix(title + ". "))
        #expect(html.contains("id=\"\(id)\""))
      }
    }
  }

  @Test("the navigation document lists figures (loi), tables (lot) and listings, with landmarks")
  func navigationLists() throws {
    let (epub, _, work) = try build()
    defer { try? FileManager.default.removeItem(at: work) }
    let archive = try ZipArchiveReader(epub)
    let nav = String(decoding: archive.entries["EPUB/nav.xhtml"] ?? [], as: UTF8.self)
    #expect(nav.contains("<nav id=\"loi\" class=\"toc list-of\" epub:type=\"loi\">"))
    #expect(nav.contains("<nav id=\"lot\" class=\"toc list-of\" epub:type=\"lot\">"))
    #expect(nav.contains("<nav id=\"lol\" class=\"toc list-of\">"))
    #expect(nav.contains("<a epub:type=\"loi\" href=\"nav.xhtml#loi\">List of Figures</a>"))
    #expect(nav.contains("<a epub:type=\"lot\" href=\"nav.xhtml#lot\">List of Tables</a>"))
    let entries = try Self.pairs(
      #"<a href="text/([^"]*)">((?:Figure|Table|Listing)\u00A0[^<]*)</a>"#, in: nav)
    #expect(entries.count == 11)
    for (href, text) in entries {
      let parts = href.split(separator: "#").map(String.init)
      let expected = try #require(Self.expected[parts[1]])
      #expect(parts[0] == expected.document + ".xhtml")
      #expect(text.replacingOccurrences(of: "\u{A0}", with: " ").hasPrefix(expected.title + ". "))
    }
  }

  @Test(
    "the technical fixture passes EPUBCheck (0/0/0) and the Nu checker",
    .enabled(if: Validators.enabled))
  func validators() throws {
    try Validators.require()
    let (epub, html, work) = try build()
    defer { try? FileManager.default.removeItem(at: work) }
    let report = try Validators.epubcheck(epub)
    #expect(
      report.fatals == 0 && report.errors == 0 && report.warnings == 0,
      "\(report.messages.joined(separator: "\n"))")
    let nu = try Validators.nu(html)
    #expect(nu.isEmpty, "\(nu.joined(separator: "\n"))")
  }
}
