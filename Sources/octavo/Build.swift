import ArgumentParser
import Foundation
import OctavoKit

extension Octavo {
  struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Build the EPUB and the print edition.",
      discussion: """
        Checks the manuscript first: an error stops the build before anything is written, \
        so the files already in the output folder stay as they were.
        """)

    @Argument(help: "The manuscript folder (with book.yaml).")
    var manuscript: String = "Manuscript"

    @Option(help: "The folder of style sheets (epub.css, print.css); built-in styles fill in what is missing.")
    var styles: String = "Styles"

    @Option(help: "Where to write the outputs.")
    var output: String = "Output"

    @Option(help: "What to build: epub, print or all.")
    var format: Format = .all

    @Flag(help: "Render every chapter again instead of reusing those in <output>/.cache (also: OCTAVO_NO_CACHE=1).")
    var noCache = false

    @Option(help: "compatible (NCX, guide and cover meta for older readers) or strict (pure EPUB 3.3).")
    var profile: Profile = .compatible

    @Flag(help: "Also print the print edition to PDF (<slug>.pdf), offline, with WeasyPrint or headless Chromium.")
    var pdf = false

    @Option(help: "The PDF engine: weasyprint or chromium (default: weasyprint when installed, else chromium).")
    var engine: PDFEngine?

    @Flag(help: "Write a draft despite errors a book can survive (a missing image becomes a placeholder); the outputs say \"Draft\".")
    var draft = false

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case epub, print, all
    }

    enum Profile: String, ExpressibleByArgument, CaseIterable {
      case compatible, strict
    }

    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
      let formats: Set<OutputFormat> = switch format {
      case .epub: [.epub]
      case .print: [.print]
      case .all: Set(OutputFormat.allCases)
      }
      var options = BuildOptions(
        manuscript: URL(fileURLWithPath: manuscript), styles: URL(fileURLWithPath: styles),
        output: URL(fileURLWithPath: output), formats: formats, useCache: !noCache)
      options.profile = profile == .strict ? .strict : .compatible
      options.makesPDF = pdf || engine != nil
      options.pdfEngine = engine
      options.draft = draft
      let start = Date()
      let printer = DiagnosticPrinter(options: outputOptions)
      let progress = ProgressLine("building \(manuscript)", printer: printer)
      options.progress = { progress.update($0) }
      let result: BuildResult
      do {
        result = try BookBuilder.build(options)
        progress.finish()
      } catch let error as OctavoError {
        progress.finish()
        // Not a usage error: say what failed, without the usage text.
        FileHandle.standardError.write(Data("octavo: error: \(error)\n".utf8))
        throw ExitCode.failure
      }
      printer.report(result.diagnostics, manuscript: manuscript)
      if result.diagnostics.hasErrors && result.outputs.isEmpty {
        let blocking = Set(result.diagnostics.filter { !$0.allowsDraft }.map(\.code.rawValue)).sorted()
        let message = draft
          ? "octavo: nothing written: a draft cannot be made with \(blocking.joined(separator: ", ")) errors; fix them\n"
          : "octavo: nothing written, fix the errors above (or write a draft with --draft)\n"
        FileHandle.standardError.write(Data(message.utf8))
        throw ExitCode.failure
      }
      if result.isDraft {
        let errors = result.diagnostics.errorCount
        printer.status("draft: built with \(errors) error\(errors == 1 ? "" : "s") (placeholders where images are missing)")
      }
      let seconds = String(format: "%.2f", Date().timeIntervalSince(start))
      for url in result.outputs {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        printer.status("wrote \(output.hasSuffix("/") ? output : output + "/")\(url.lastPathComponent) (\(size.formatted()) bytes)")
      }
      let count = result.book.chapters.count
      printer.status("built \(count) chapter\(count == 1 ? "" : "s"), \(result.book.wordCount) words in \(seconds) s")
    }
  }
}

extension PDFEngine: ExpressibleByArgument {}
