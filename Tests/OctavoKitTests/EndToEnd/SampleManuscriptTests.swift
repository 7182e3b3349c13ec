import Foundation
import Testing

@testable import OctavoKit

/// The sample book in `Manuscript/` is both the showcase and a fixture: these tests pin
/// down its structure, the way an author's own tests would check theirs.
@Suite("Sample manuscript")
struct SampleManuscriptTests {
  let manuscript: Manuscript

  init() throws {
    manuscript = try Manuscript.load(
      at: TestPaths.sampleManuscript,
      environment: ["SOURCE_DATE_EPOCH": "1764374400"])
  }

  @Test("loads without errors or warnings")
  func clean() {
    #expect(manuscript.diagnostics.map(\.description) == [])
  }

  @Test("has front matter, two parts and back matter in order")
  func structure() throws {
    let book = manuscript.book
    #expect(book.metadata.title == "Octavo")
    #expect(book.parts.map(\.title) == ["Part One: Writing", "Part Two: Making"])
    #expect(book.parts.map(\.id) == ["part-one-writing", "part-two-making"])
    let types = book.chapters.map(\.type)
    #expect(types.first == .dedication)
    #expect(types.contains(.preface))
    #expect(types.suffix(3) == [.appendix, .acknowledgments, .colophon])
    // Matter never goes backwards: front, then body, then back.
    let order: [Matter] = [.front, .body, .back]
    let ranks = types.map { order.firstIndex(of: $0.matter) ?? 0 }
    #expect(ranks == ranks.sorted())
    #expect(book.chapters.count >= 6)
  }

  @Test("is at least 3,000 words long")
  func length() {
    #expect(manuscript.wordCount >= 3000)
  }

  @Test("uses every Markdown feature the format supports")
  func features() {
    var levels = Set<Int>()
    var hasTable = false
    var hasTasks = false
    var hasNested = false
    var hasOrderedFrom = false
    var hasCode = false
    var hasQuote = false
    var hasFigure = false
    var hasCaption = false
    var hasInlineImage = false
    var hasStrike = false
    var hasCrossLink = false
    var hasExplicitID = false
    for chapter in manuscript.chapters {
      Block.walk(chapter.blocks) { block in
        switch block.kind {
        case .heading(let heading):
          levels.insert(heading.level)
          if heading.explicitID != nil { hasExplicitID = true }
        case .table: hasTable = true
        case .list(let list):
          if list.isTaskList { hasTasks = true }
          if list.isOrdered && list.start != 1 { hasOrderedFrom = true }
          if list.items.contains(where: {
            $0.blocks.contains { if case .list = $0.kind { true } else { false } }
          }) {
            hasNested = true
          }
        case .codeBlock(let code): if code.language != nil { hasCode = true }
        case .blockQuote: hasQuote = true
        case .figure(let image):
          hasFigure = true
          if image.title != nil { hasCaption = true }
        default: break
        }
      }
      Block.walkInlines(chapter.blocks) { inline in
        switch inline.kind {
        case .image: hasInlineImage = true
        case .strikethrough: hasStrike = true
        case .link(let link):
          if case .chapter(let id, _) = link.target, id != chapter.id { hasCrossLink = true }
        default: break
        }
      }
    }
    #expect(levels.isSuperset(of: [1, 2, 3]))
    #expect(hasTable && hasTasks && hasNested && hasOrderedFrom)
    #expect(hasCode && hasQuote && hasFigure && hasCaption && hasInlineImage)
    #expect(hasStrike && hasCrossLink && hasExplicitID)
    #expect(manuscript.chapters.filter { !$0.footnotes.isEmpty }.count >= 2)
    #expect(manuscript.book.metadata.cover != nil)
  }

  @Test("every cross-chapter link resolves to a heading that exists")
  func links() {
    let book = manuscript.book
    for chapter in book.chapters {
      Block.walkInlines(chapter.blocks) { inline in
        guard case .link(let link) = inline.kind else { return }
        if case .chapter(let id, let fragment) = link.target {
          let target = book.chapter(withID: id)
          #expect(target != nil)
          if let fragment {
            // A cross-reference may lead to a numbered figure, table or listing as well.
            #expect(
              target?.headings.contains { $0.id == fragment } == true
                || (link.isCrossReference && target?.anchors.values.contains(fragment) == true),
              "\(chapter.path): \(link.destination)")
          }
        } else if !link.destination.hasPrefix("http") {
          Issue.record("\(chapter.path): link '\(link.destination)' did not resolve")
        }
      }
    }
  }

  @Test("heading ids are unique across the book")
  func uniqueIDs() {
    let ids = manuscript.chapters.flatMap { $0.headings.map(\.id) } + manuscript.chapters.map(\.id)
    #expect(Set(ids).count == ids.count)
  }

  @Test("spells out the default print settings, and its chapter on printing quotes them")
  func printSettings() throws {
    let settings = manuscript.book.metadata.printSettings
    #expect(settings.trim == .sixByNine)
    let margins = try #require(settings.margins)
    let defaults = PrintSettings.Margins.proportional(to: .sixByNine)
    for (given, standard) in [
      (margins.inside, defaults.inside), (margins.outside, defaults.outside),
      (margins.top, defaults.top), (margins.bottom, defaults.bottom),
    ] {
      #expect(abs(given - standard) < 0.5, "\(given) pt against the default \(standard) pt")
    }
    #expect(settings.bleed == 0 && !settings.cropMarks && settings.fontSize == 11)
    #expect(settings.fontFamily.first == "Gentium Book Plus")
    // The chapter shows the block exactly as book.yaml has it.
    let yaml = try String(
      contentsOf: TestPaths.sampleManuscript.appending(path: "book.yaml"), encoding: .utf8)
    let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
    let start = try #require(lines.firstIndex(of: "print:"))
    let block = [lines[start]] + lines[(start + 1)...].prefix { $0.hasPrefix(" ") }
    let chapter = try String(
      contentsOf: TestPaths.sampleManuscript.appending(path: "print-edition.md"), encoding: .utf8)
    #expect(chapter.contains("```yaml\n" + block.joined(separator: "\n") + "\n```"))
  }
}
