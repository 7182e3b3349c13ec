import ArgumentParser
import Foundation
import OctavoKit

@main
struct Octavo: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "octavo",
    abstract: "Turn a Markdown manuscript into an EPUB 3 and a print-ready HTML edition.",
    discussion: """
      A command without a manuscript folder works on the book where you stand: the current \
      folder when it holds book.yaml, else its Manuscript folder, else the same in the folders \
      above, the way git finds a repository.
      """,
    version: OctavoVersion.current,
    subcommands: [
      Build.self, Check.self, New.self, Stats.self, Serve.self, Watch.self, Import.self,
    ])

  /// Catches an unknown command or a mistyped option before parsing, so a typo gets "did you
  /// mean" and the list of commands, with exit status 64, instead of being read as a path.
  static func main() async {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if let message = CommandTypo.message(for: arguments) {
      FileHandle.standardError.write(Data(message.utf8))
      Foundation.exit(ExitStatus.usage.rawValue)
    }
    if let command = DirectParse.command(for: arguments) {
      await run(command)
    } else {
      await main(nil)
    }
  }

  /// Runs a command parsed without the root, handling its errors as `main` does.
  static func run(_ command: ParsableCommand) async {
    var command = command
    do {
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch {
      exit(withError: error)
    }
  }
}

/// The subcommand parsed on its own, skipping the root's pass over the arguments.
///
/// swift-argument-parser reads a command's options by reflection, several times per parse
/// (the root's lenient pass asks the subcommand whether it takes pass-through arguments, the
/// completion-script and built-in flag checks each walk it again): about half of a rebuild's
/// start. When the first argument names a subcommand and the rest parse as that command on
/// its own, the result is the value the full parse gives; anything else (help, an error,
/// `--version`, a completion request) goes through the full parse, so every message and
/// exit status stays the library's.
enum DirectParse {
  /// The parsed subcommand, or `nil` when the full parse must decide.
  static func command(for arguments: [String]) -> ParsableCommand? {
    if let build = build(arguments) { return build }
    guard let first = arguments.first,
      let type = Octavo.configuration.subcommands.first(where: {
        $0.configuration.commandName == first
      }),
      type.configuration.subcommands.isEmpty,
      let command = try? type.parseAsRoot(Array(arguments.dropFirst())),
      Swift.type(of: command) == type
    else { return nil }
    return command
  }
}

/// The first argument, when it is neither a command nor an option `octavo` knows.
enum CommandTypo {
  /// The options `octavo` itself takes, before a command.
  static let rootOptions = ["--help", "-h", "--version", "--generate-completion-script"]

  /// The commands, with what each does.
  static var commands: [(name: String, abstract: String)] {
    Octavo.configuration.subcommands.map {
      ($0.configuration.commandName ?? $0._commandName, $0.configuration.abstract)
    }
  }

  /// The error text for `arguments`, or `nil` when they start with a known command or option.
  static func message(for arguments: [String]) -> String? {
    guard let first = arguments.first else { return nil }
    let names = commands.map(\.name) + ["help"]
    if first.hasPrefix("-") {
      let option = String(first.split(separator: "=", maxSplits: 1).first ?? "")
      guard !rootOptions.contains(option), !option.hasPrefix("--experimental"), option != "-" else {
        return nil
      }
      guard let suggestion = closest(to: option, among: ["--help", "--version"]) else { return nil }
      return "octavo: error: unknown option '\(first)'; did you mean '\(suggestion)'?\n" + list
    }
    if names.contains(first) { return nil }
    var text = "octavo: error: unknown command '\(first)'"
    if let suggestion = closest(to: first, among: names.filter { $0 != "help" }) {
      text += "; did you mean '\(suggestion)'?"
    }
    text += "\n"
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: first, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      text += "octavo: hint: to build the book in \(first), run `octavo build \(first)`\n"
    }
    return text + list
  }

  /// The list of commands, as the error shows it.
  static var list: String {
    let width = commands.map(\.name.count).max() ?? 0
    return "\nCommands:\n"
      + commands.map {
        "  " + $0.name + String(repeating: " ", count: width - $0.name.count + 2) + $0.abstract
      }.joined(separator: "\n") + "\n\nSee 'octavo --help' and 'octavo help <command>'.\n"
  }
}

/// Prints diagnostics compiler-style to standard error, then a summary line when there is
/// anything to report (`always`: even when there is not).
func report(_ diagnostics: [Diagnostic], manuscript: String, always: Bool = false) {
  DiagnosticPrinter.plain.report(diagnostics, manuscript: manuscript, always: always)
}
