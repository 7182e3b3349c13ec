import ArgumentParser
import Foundation
import OctavoKit

@main
struct Octavo: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "octavo",
    abstract: "Turn a Markdown manuscript into an EPUB 3 and a print-ready HTML edition.",
    version: OctavoVersion.current,
    subcommands: [Build.self, Check.self, New.self, Stats.self, Serve.self, Watch.self],
    defaultSubcommand: Build.self)
}

/// Prints diagnostics compiler-style to standard error, then a summary line when there is
/// anything to report (`always`: even when there is not).
func report(_ diagnostics: [Diagnostic], manuscript: String, always: Bool = false) {
  DiagnosticPrinter.plain.report(diagnostics, manuscript: manuscript, always: always)
}
