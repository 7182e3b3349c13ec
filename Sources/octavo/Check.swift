import ArgumentParser
import Foundation
import OctavoKit

extension Octavo {
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check the manuscript and print every problem found.")

    @Argument(help: "The manuscript folder (with book.yaml).")
    var manuscript: String = "Manuscript"

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @OptionGroup var output: OutputOptions

    func run() throws {
      let loaded: Manuscript
      do {
        loaded = try Manuscript.load(at: URL(fileURLWithPath: manuscript))
      } catch let error as OctavoError {
        // Not a usage error: say what failed, without the usage text.
        FileHandle.standardError.write(Data("octavo: error: \(error)\n".utf8))
        throw ExitCode.failure
      }
      let diagnostics = BookBuilder.check(loaded)
      let printer = DiagnosticPrinter(options: output)
      printer.report(diagnostics, manuscript: manuscript)
      if diagnostics.hasErrors || (strict && diagnostics.warningCount > 0) {
        throw ExitCode.failure
      }
      if diagnostics.isEmpty {
        let count = loaded.chapters.count
        printer.status("\(manuscript): no problems found (\(count) chapter\(count == 1 ? "" : "s"), \(loaded.wordCount) words)")
      }
    }
  }
}
