import Foundation

/// Chapter titles and part ids: where a chapter's title comes from when its front matter
/// gives none, and how a part's id is made.
extension ManuscriptLoader {
  /// The first heading written in raw HTML, when it comes before any Markdown heading (a
  /// README's `<h1 align="center">Name</h1>`).
  static func rawHTMLTitle(before blocks: [Block]) -> String? {
    for block in blocks {
      switch block.kind {
      case .heading: return nil
      case .html(let html):
        if let heading = html.headingTexts.first { return heading }
      default: continue
      }
    }
    return nil
  }

  /// Puts the chapter's title heading at the very top as a level-1 heading, so the title
  /// opens the chapter's first page whatever the author wrote before it (an epigraph, a
  /// note): a title heading found further down among the chapter's top-level blocks moves up,
  /// and a subheading taken as the title becomes level 1.
  static func hoistTitleHeading(_ chapter: inout Chapter) {
    guard let index = chapter.titleHeadingIndex else { return }
    let id = chapter.headings[index].id
    guard
      let position = chapter.blocks.firstIndex(where: { block in
        if case .heading(let heading) = block.kind { return heading.id == id }
        return false
      }), case .heading(var heading) = chapter.blocks[position].kind
    else { return }
    var block = chapter.blocks.remove(at: position)
    heading.level = 1
    block.kind = .heading(heading)
    chapter.blocks.insert(block, at: 0)
    chapter.titleHeadingIndex = 0
  }

  /// A readable title from a file name: `03-the_long-road` → `The long road`.
  static func title(fromFileName stem: String) -> String {
    var words = stem.replacingOccurrences(of: "_", with: " ").replacingOccurrences(
      of: "-", with: " ")
    words = String(words.drop { $0.isNumber || $0 == " " || $0 == "." })
    words = words.split(separator: " ").joined(separator: " ")
    guard let first = words.first else { return stem.isEmpty ? "Untitled" : stem }
    return first.uppercased() + words.dropFirst()
  }

  /// A part's id: the declared one, else from its title (`Part One` → `part-one`).
  static func partID(declared: String?, title: String, position: Int) -> String {
    if let declared, case let slug = OutputName.cap(Slugger.asciiSlug(declared), bytes: 100),
      let first = slug.first, first.isLetter
    {
      return slug
    }
    let slug = OutputName.cap(Slugger.asciiSlug(title), bytes: 100)
    if slug.hasPrefix("part") { return slug }
    return slug.isEmpty ? "part-\(position)" : "part-" + slug
  }
}
