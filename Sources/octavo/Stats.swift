import ArgumentParser
import Foundation
import OctavoKit

extension Octavo {
  struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "stats",
      abstract: "Count words, characters, reading time, notes, images and headings.",
      discussion: """
        Prints one row per chapter and a total. Reading time assumes \
        \(BookStatistics.wordsPerMinute) words a minute, rounded up to whole minutes. \
        --format json prints the same figures for scripts. A manuscript with errors (a \
        missing image, a chapter not yet written) is counted as far as it goes: the table \
        comes after the diagnostics, and the status is 0.
        """)

    @OptionGroup var book: BookArgument

    @Option(help: "How to print: text or json.")
    var format: Format = .text

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case text, json
    }

    func run() throws {
      let located = try book.locate()
      let loaded: Manuscript
      do {
        loaded = try Manuscript.load(at: located.location.manuscript)
      } catch {
        throw fail(describe(error))
      }
      // Errors do not stop the count: a draft is counted as far as it goes.
      if loaded.diagnostics.hasErrors {
        report(loaded.diagnostics, manuscript: located.shown)
      }
      let statistics = BookStatistics(book: loaded.book)
      switch format {
      case .text: print(Self.table(statistics), terminator: "")
      case .json: print(try Self.json(statistics))
      }
    }

    /// The figures as JSON, with the reading speed assumed.
    static func json(_ statistics: BookStatistics) throws -> String {
      struct Output: Encodable {
        var wordsPerMinute: Int
        var chapters: [BookStatistics.Counts]
        var total: BookStatistics.Counts
      }
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      let data = try encoder.encode(
        Output(
          wordsPerMinute: BookStatistics.wordsPerMinute,
          chapters: statistics.chapters, total: statistics.total))
      return String(decoding: data, as: UTF8.self)
    }

    /// The figures as an aligned table: text left, numbers right.
    static func table(_ statistics: BookStatistics) -> String {
      let headers = ["Chapter", "Words", "Characters", "Minutes", "Notes", "Images", "Headings"]
      func row(_ counts: BookStatistics.Counts, title: String) -> [String] {
        [title]
          + [
            counts.words, counts.characters, counts.readingMinutes, counts.footnotes,
            counts.images, counts.headings,
          ].map(grouped)
      }
      let maxTitle = 44
      func clip(_ text: String) -> String {
        text.count <= maxTitle ? text : String(text.prefix(maxTitle - 1)) + "…"
      }
      let body = statistics.chapters.map { row($0, title: clip($0.title)) }
      let total = row(
        statistics.total,
        title:
          "Total (\(statistics.chapters.count) chapter\(statistics.chapters.count == 1 ? "" : "s"))"
      )
      let all = [headers] + body + [total]
      let widths = headers.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
      func line(_ cells: [String]) -> String {
        cells.enumerated().map { column, cell in
          let padding = String(repeating: " ", count: widths[column] - cell.count)
          return column == 0 ? cell + padding : padding + cell
        }.joined(separator: "  ").replacing(/\s+$/, with: "") + "\n"
      }
      let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
      return line(headers) + rule + body.map(line).joined() + rule + line(total)
    }
  }
}
