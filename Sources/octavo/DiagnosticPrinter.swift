import ArgumentParser
import Foundation
import OctavoKit

/// The options every command that prints diagnostics shares.
struct OutputOptions: ParsableArguments {
  @Flag(name: .customLong("no-color"), help: "Never colour the output (also when NO_COLOR is set).")
  var noColor = false

  @Flag(name: .shortAndLong, help: "Print errors only: no warnings, no summary.")
  var quiet = false

  @Flag(name: .shortAndLong, help: "Print more: each step and its time.")
  var verbose = false
}

/// Prints diagnostics compiler-style to standard error, coloured on a terminal.
///
/// Without colour the text is exactly that of `DiagnosticReport`: its lines, then its
/// `N errors, M warnings` summary. Colour is used when standard error is a
/// terminal, `--no-color` is not given, `NO_COLOR` is unset or empty and `TERM` is not `dumb`.
struct DiagnosticPrinter: Sendable {
  var color = false
  var quiet = false
  var verbose = false
  /// Whether standard error is a terminal (for the progress line).
  var isTerminal = false

  /// Plain text, everything shown.
  static let plain = DiagnosticPrinter()

  init(color: Bool = false, quiet: Bool = false, verbose: Bool = false, isTerminal: Bool = false) {
    self.color = color
    self.quiet = quiet
    self.verbose = verbose
    self.isTerminal = isTerminal
  }

  init(
    options: OutputOptions, environment: [String: String] = ProcessInfo.processInfo.environment,
    isTerminal: Bool = isatty(STDERR_FILENO) == 1
  ) {
    let noColorVariable = !(environment["NO_COLOR"] ?? "").isEmpty
    self.init(
      color: isTerminal && !options.noColor && !noColorVariable && environment["TERM"] != "dumb",
      quiet: options.quiet, verbose: options.verbose, isTerminal: isTerminal)
  }

  /// The text `report` prints for `diagnostics`: the lines and the summary of a
  /// ``DiagnosticReport``, coloured when asked; nothing when there are no diagnostics,
  /// unless `always`.
  func text(_ diagnostics: [Diagnostic], manuscript: String, always: Bool = false) -> String {
    let report = DiagnosticReport(diagnostics, manuscript: manuscript)
    guard always || !report.diagnostics.isEmpty else { return "" }
    var text = ""
    for (diagnostic, line) in zip(report.diagnostics, report.lines)
    where !quiet || diagnostic.severity == .error {
      text += colored(line, diagnostic) + "\n"
    }
    if !quiet {
      text += (color ? Self.bold + report.summary + Self.reset : report.summary) + "\n"
    }
    return text
  }

  /// Prints diagnostics to standard error, then a summary line.
  func report(_ diagnostics: [Diagnostic], manuscript: String, always: Bool = false) {
    let text = text(diagnostics, manuscript: manuscript, always: always)
    if !text.isEmpty { FileHandle.standardError.write(Data(text.utf8)) }
  }

  /// One diagnostic's line: location in bold, severity in its colour, code dimmed.
  func line(_ diagnostic: Diagnostic, manuscript: String) -> String {
    colored(diagnostic.formatted(relativeTo: manuscript), diagnostic)
  }

  /// `plain`, the compiler-style line of `diagnostic`, coloured if colour is on.
  func colored(_ plain: String, _ diagnostic: Diagnostic) -> String {
    guard color else { return plain }
    let severity = diagnostic.severity.rawValue
    let tail = "\(severity): \(diagnostic.message) [\(diagnostic.code.rawValue)]"
    guard plain.hasSuffix(tail) else { return plain }
    let location = String(plain.dropLast(tail.count))
    let shade =
      switch diagnostic.severity {
      case .error: Self.red
      case .warning: Self.magenta
      case .note: Self.cyan
      }
    return (location.isEmpty ? "" : Self.bold + location + Self.reset)
      + shade + Self.bold + severity + ":" + Self.reset + " " + diagnostic.message
      + " " + Self.dim + "[\(diagnostic.code.rawValue)]" + Self.reset
  }

  /// Prints a line of progress or outcome to standard output, unless quiet.
  func status(_ message: String) {
    guard !quiet else { return }
    print(message)
    fflush(nil)
  }

  /// Prints a detail line to standard error when verbose.
  func detail(_ message: String) {
    guard verbose else { return }
    FileHandle.standardError.write(Data("octavo: \(message)\n".utf8))
  }

  static let reset = "\u{1B}[0m"
  static let bold = "\u{1B}[1m"
  static let dim = "\u{1B}[2m"
  static let red = "\u{1B}[31m"
  static let magenta = "\u{1B}[35m"
  static let cyan = "\u{1B}[36m"
}

/// A line on a terminal that shows a long step is still going (`building… 2.4 s`), and is
/// erased when it ends. Shown only on a terminal, after half a second, and never when quiet.
final class ProgressLine: @unchecked Sendable {
  private let label: String
  /// What the build is doing now (`100 chapters parsed`), shown after the label.
  private var status = "loading the manuscript"
  private let lock = NSLock()
  private var finished = false
  private var shown = false
  private let start = Date()

  init(_ label: String, printer: DiagnosticPrinter) {
    self.label = label
    guard printer.isTerminal, !printer.quiet else {
      finished = true
      return
    }
    Thread.detachNewThread { [self] in
      Thread.sleep(forTimeInterval: 0.5)
      while true {
        lock.lock()
        if finished {
          lock.unlock()
          return
        }
        let seconds = String(format: "%.1f", Date().timeIntervalSince(start))
        let doing = status.isEmpty ? "" : " " + status + ","
        FileHandle.standardError.write(Data("\r\(label)…\(doing) \(seconds) s\u{1B}[K".utf8))
        shown = true
        lock.unlock()
        Thread.sleep(forTimeInterval: 0.1)
      }
    }
  }

  /// Shows what a build is doing now.
  func update(_ step: BuildStep) {
    lock.lock()
    defer { lock.unlock() }
    switch step {
    case .loaded(let chapters, let words):
      status = "\(counted(chapters, "chapter")) parsed (\(counted(words, "word")))"
    case .rendered(let chapters, let cached):
      status =
        "\(counted(chapters, "chapter")) rendered"
        + (cached > 0 ? " (\(grouped(cached)) from the cache)" : "")
    case .wrote(let url, let bytes):
      status = "wrote \(url.lastPathComponent) (\(counted(bytes, "byte")))"
    }
  }

  /// Stops and erases the line.
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    guard !finished else { return }
    finished = true
    if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
  }
}
