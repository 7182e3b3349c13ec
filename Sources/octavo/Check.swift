import ArgumentParser
import Foundation
import OctavoKit

extension Octavo {
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Check the manuscript and print every problem found.")

    @OptionGroup var book: BookArgument

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Option(
      help:
        "How to print the diagnostics: text (compiler style, on standard error) or json (an array on standard output)."
    )
    var format: ReportFormat = .text

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
      case text, json
    }

    @OptionGroup var output: OutputOptions

    func run() throws {
      let located = try book.locate()
      let manuscript = located.shown
      let printer = DiagnosticPrinter(options: output)
      let start = Date()
      let loaded: Manuscript
      do {
        loaded = try Manuscript.load(at: located.location.manuscript)
      } catch {
        // Not a usage error: say what failed, without the usage text.
        throw fail(describe(error))
      }
      let loadedAt = Date()
      printer.detail(
        "loaded \(counted(loaded.chapters.count, "chapter")) (\(counted(loaded.wordCount, "word"))) in \(seconds(loadedAt.timeIntervalSince(start)))"
      )
      let diagnostics = BookBuilder.check(loaded)
      printer.detail("checked and rendered them in \(seconds(Date().timeIntervalSince(loadedAt)))")
      switch format {
      case .json:
        print(DiagnosticReport(diagnostics, manuscript: manuscript).json)
      case .text:
        if diagnostics.isEmpty {
          // One summary line: what was checked, and that nothing is wrong.
          let shown = DiagnosticReport.displayFolder(
            manuscript, currentDirectory: FileManager.default.currentDirectoryPath)
          printer.status(
            (shown == "." ? "" : shown + ": ")
              + "no problems found (\(counted(loaded.chapters.count, "chapter")), \(counted(loaded.wordCount, "word")))"
          )
        } else {
          printer.report(diagnostics, manuscript: manuscript)
        }
      }
      if diagnostics.hasErrors || (strict && diagnostics.warningCount > 0) {
        throw ExitCode.failure
      }
    }
  }
}
