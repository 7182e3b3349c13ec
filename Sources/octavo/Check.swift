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

    @Option(help: "How to print the diagnostics: text (compiler style, on standard error) or json (an array on standard output).")
    var format: ReportFormat = .text

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
      case text, json
    }

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
      switch format {
      case .json:
        print(DiagnosticReport(diagnostics, manuscript: manuscript).json)
      case .text:
        report(diagnostics, manuscript: manuscript, always: true)
        if diagnostics.isEmpty {
          let count = loaded.chapters.count
          print("\(DiagnosticReport.displayFolder(manuscript, currentDirectory: FileManager.default.currentDirectoryPath)): no problems found (\(count) chapter\(count == 1 ? "" : "s"), \(loaded.wordCount.formatted()) words)")
        }
      }
      if diagnostics.hasErrors || (strict && diagnostics.warningCount > 0) {
        throw ExitCode.failure
      }
    }
  }
}
