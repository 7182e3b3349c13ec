import ArgumentParser
import Foundation
import OctavoKit

extension Octavo {
  struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "build",
      abstract: "Build the EPUB and the print edition.",
      discussion: """
        Checks the manuscript first: an error stops the build before anything is written, \
        so the files already in the output folder stay as they were. Without a manuscript \
        folder, builds the book in the current folder (or its Manuscript folder, or a \
        folder above), into Output in the book's folder.
        """)

    @OptionGroup var arguments: BuildArguments

    @OptionGroup var outputOptions: OutputOptions

    /// The finished build, kept until the process exits: the book's model is never torn down
    /// piece by piece (as compilers skip freeing their trees), which took 3 to 5 % of a
    /// build's CPU, on one thread, after the outputs were written.
    nonisolated(unsafe) static var finished: BuildResult?

    func run() throws {
      Self.finished = try arguments.build(printer: DiagnosticPrinter(options: outputOptions))
    }
  }
}

/// The options of `build`, which `watch` takes too.
struct BuildArguments: ParsableArguments {
  @OptionGroup var book: BookArgument

  @Option(help: stylesHelp)
  var styles: String?

  @Option(help: outputHelp)
  var output: String?

  @Option(help: "What to build: epub, print or all.")
  var format: Format = .all

  @Flag(
    help:
      "Render every chapter again instead of reusing those in <output>/.cache (also: OCTAVO_NO_CACHE=1)."
  )
  var noCache = false

  @Option(
    help: "compatible (NCX, guide and cover meta for older readers) or strict (pure EPUB 3.3).")
  var profile: Profile = .compatible

  @Flag(
    help:
      "Also print the print edition to PDF (<slug>.pdf), offline, with WeasyPrint or headless Chromium."
  )
  var pdf = false

  @Option(
    help:
      "The PDF engine: weasyprint or chromium (default: weasyprint when installed, else chromium).")
  var engine: PDFEngine?

  @Flag(
    help:
      "Write a draft despite errors a book can survive (a missing image becomes a placeholder); the outputs say \"Draft\"."
  )
  var draft = false

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case epub, print, all
  }

  enum Profile: String, ExpressibleByArgument, CaseIterable {
    case compatible, strict
  }

  /// The book, its style folder and its output folder, resolved once.
  struct Resolved {
    var book: LocatedBook
    var styles: URL?
    var output: URL
    /// The output folder as shown in messages.
    var shownOutput: String
  }

  /// Finds the book and checks the folders named; prints why and throws when it cannot.
  func resolve() throws -> Resolved {
    let located = try book.locate()
    let stylesURL = try located.styles(styles)
    let outputURL =
      output.map {
        URL(fileURLWithPath: $0, relativeTo: located.currentDirectory).standardizedFileURL
      }
      ?? located.location.output
    return Resolved(
      book: located, styles: stylesURL, output: outputURL,
      shownOutput: output ?? located.show(outputURL))
  }

  /// Builds once, printing diagnostics, what was written and (with `-v`) each step's time;
  /// returns what the build made.
  @discardableResult
  func build(
    printer: DiagnosticPrinter, resolved given: Resolved? = nil, memo: ChapterParseMemo? = nil
  ) throws -> BuildResult {
    let resolved = try given ?? resolve()
    let formats: Set<OutputFormat> =
      switch format {
      case .epub: [.epub]
      case .print: [.print]
      case .all: Set(OutputFormat.allCases)
      }
    var options = BuildOptions(
      manuscript: resolved.book.location.manuscript, styles: resolved.styles,
      output: resolved.output, formats: formats, useCache: !noCache)
    options.profile = profile == .strict ? .strict : .compatible
    options.makesPDF = pdf || engine != nil
    options.pdfEngine = engine
    options.draft = draft
    options.memo = memo
    let manuscript = resolved.book.shown
    let start = Date()
    let progress = ProgressLine("building \(resolved.book.label)", printer: printer)
    let timings = StepTimings(start: start)
    options.progress = { step in
      progress.update(step)
      timings.record(step)
    }
    printer.detail(
      "book \(manuscript), styles \(resolved.styles.map(resolved.book.show) ?? "built in"), output \(resolved.shownOutput)"
    )
    let result: BuildResult
    do {
      result = try BookBuilder.build(options)
      progress.finish()
    } catch {
      progress.finish()
      // Not a usage error: say what failed, without the usage text.
      throw fail(describe(error))
    }
    for line in timings.lines(show: { resolved.book.show($0) }) { printer.detail(line) }
    printer.report(result.diagnostics, manuscript: manuscript)
    if result.diagnostics.hasErrors && result.outputs.isEmpty {
      let blocking = Set(result.diagnostics.filter { !$0.allowsDraft }.map(\.code.rawValue))
        .sorted()
      let message =
        draft
        ? "octavo: nothing written: a draft cannot be made with \(blocking.joined(separator: ", ")) errors; fix them\n"
        : "octavo: nothing written, fix the errors above (or write a draft with --draft)\n"
      FileHandle.standardError.write(Data(message.utf8))
      throw ExitCode.failure
    }
    if result.isDraft {
      printer.status(
        "draft: built with \(counted(result.diagnostics.errorCount, "error")) (placeholders where images are missing)"
      )
    }
    let folder =
      resolved.shownOutput.hasSuffix("/") ? resolved.shownOutput : resolved.shownOutput + "/"
    for url in result.outputs {
      let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
      var line = "wrote \(folder)\(url.lastPathComponent) (\(counted(size, "byte")))"
      if url.pathExtension == "pdf", let renderer = result.pdfRenderer {
        let name = renderer.engine == .weasyprint ? "WeasyPrint" : "Chromium"
        line += ", printed by \(name) (\(renderer.executable.path)): \(renderer.reason)"
      }
      printer.status(line)
    }
    printer.status(
      "built \(counted(result.book.chapters.count, "chapter")), \(counted(result.book.wordCount, "word")) in \(seconds(Date().timeIntervalSince(start)))"
    )
    return result
  }
}

/// The time each step of a build took, for `--verbose`.
final class StepTimings: @unchecked Sendable {
  private let lock = NSLock()
  private var last: Date
  private var steps: [(BuildStep, TimeInterval)] = []

  init(start: Date) { last = start }

  func record(_ step: BuildStep) {
    lock.lock()
    defer { lock.unlock() }
    let now = Date()
    steps.append((step, now.timeIntervalSince(last)))
    last = now
  }

  /// One line per step: `loaded 12 chapters (9,876 words) in 0.12 s`.
  func lines(show: (URL) -> String) -> [String] {
    lock.lock()
    defer { lock.unlock() }
    return steps.map { step, time in
      switch step {
      case .loaded(let chapters, let words):
        "loaded and checked \(counted(chapters, "chapter")) (\(counted(words, "word"))) in \(seconds(time))"
      case .rendered(let chapters, let cached):
        "rendered \(counted(chapters, "chapter"))\(cached > 0 ? " (\(grouped(cached)) from the cache)" : "") in \(seconds(time))"
      case .wrote(let url, let bytes):
        "wrote \(show(url)) (\(counted(bytes, "byte"))) in \(seconds(time))"
      }
    }
  }
}

extension PDFEngine: ExpressibleByArgument {}
