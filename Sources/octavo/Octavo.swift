import ArgumentParser
import Foundation
import OctavoKit

@main
struct Octavo: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "octavo",
    abstract: "Turn a Markdown manuscript into an EPUB 3 and a print-ready HTML edition.",
    version: OctavoVersion.current,
    subcommands: [Build.self, Check.self],
    defaultSubcommand: Build.self)
}

/// Prints diagnostics compiler-style to standard error, then a summary line when there is
/// anything to report (`always`: even when there is not).
func report(_ diagnostics: [Diagnostic], manuscript: String, always: Bool = false) {
  let report = DiagnosticReport(diagnostics, manuscript: manuscript)
  guard always || !report.diagnostics.isEmpty else { return }
  let text = (report.lines + [report.summary]).joined(separator: "\n") + "\n"
  FileHandle.standardError.write(Data(text.utf8))
}
