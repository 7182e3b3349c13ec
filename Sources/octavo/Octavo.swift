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

/// Prints diagnostics compiler-style to standard error, then a summary line.
func report(_ diagnostics: [Diagnostic], manuscript: String) {
  var text = ""
  for diagnostic in diagnostics {
    text += diagnostic.formatted(relativeTo: manuscript) + "\n"
  }
  let errors = diagnostics.errorCount
  let warnings = diagnostics.warningCount
  if errors + warnings > 0 {
    text += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
  }
  FileHandle.standardError.write(Data(text.utf8))
}
