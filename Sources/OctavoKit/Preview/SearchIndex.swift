import Foundation

/// The text of the book for the preview's search (`/_octavo/search.json`): each page cut
/// into sections at its headings, each section with the heading's id, the heading and the
/// plain text under it. The preview's script searches it in the browser; the EPUB has no
/// search and no script.
struct SearchIndex: Encodable {
  /// A part of a page, from one heading to the next.
  struct Section: Encodable {
    var id: String
    var heading: String
    var text: String
  }

  /// A page of the book.
  struct Page: Encodable {
    var url: String
    var title: String
    var sections: [Section]
  }

  var pages: [Page]

  /// Indexes `documents` (path, title, the page's top-level `<section>`), in reading order.
  init(documents: [(path: String, title: String, section: XMLElement)]) {
    pages = documents.map { document in
      Page(url: document.path, title: document.title, sections: Self.sections(of: document.section))
    }
  }

  /// The sections of a page: text before the first heading belongs to a section with the
  /// page's own id and no heading.
  static func sections(of root: XMLElement) -> [Section] {
    var sections = [Section(id: root[attribute: "id"] ?? "", heading: "", text: "")]
    let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
    func visit(_ node: XMLNode) {
      switch node {
      case .element(let element):
        if element.name == "script" || element.name == "style" { return }
        if headings.contains(element.name) {
          let id = element[attribute: "id"] ?? sections.last?.id ?? ""
          sections.append(
            Section(id: id, heading: element.textContent.collapsingWhitespace, text: ""))
          return
        }
        for child in element.children { visit(child) }
        // Blocks end with a space, so words of two paragraphs do not run together.
        if XHTMLRenderer.blockTags.contains(element.name) || element.name == "br"
          || element.name == "aside"
        {
          sections[sections.count - 1].text += " "
        }
      case .text(let text):
        sections[sections.count - 1].text += text
      default:
        return
      }
    }
    for child in root.children { visit(child) }
    return sections.compactMap { section in
      var section = section
      section.text = section.text.collapsingWhitespace
      return section.text.isEmpty && section.heading.isEmpty ? nil : section
    }
  }

  /// The index as JSON, the same bytes for the same book.
  func json() throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return [UInt8](try encoder.encode(pages))
  }
}
