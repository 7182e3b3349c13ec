import ArgumentParser
import OctavoKit

/// `octavo build` read without the library, in the plain forms scripts, editors and `make`
/// use.
///
/// Even parsed on its own (``DirectParse/command(for:)``), `build` cost about 3 ms of CPU
/// before the build began, almost all of it swift-argument-parser reflecting over its
/// options (twice: once more for the completion-script check): a twentieth of a
/// one-chapter rebuild of a large book. These forms are read here instead: at most one
/// folder that does not start with `-`, each option at most once, written as `--name
/// value` with a value that does not start with `-` and, for the options with a set of
/// values, one of them, and the flags by name. Anything else (`--name=value`, `--`, joined
/// short flags, a repeat, help, an unknown name, a value the option does not take) is left
/// to the library, so its messages and exit statuses are unchanged. `DirectParseTests`
/// hold what this gives to be the library's parse, field for field.
extension DirectParse {
  /// The options of `build` that take a value, by name.
  private static let buildOptions: Set<String> = [
    "--styles", "--output", "--format", "--profile", "--engine",
  ]

  /// The flags of `build`, by every name each has, to the name they are kept under.
  private static let buildFlags: [String: String] = [
    "--no-cache": "no-cache", "--pdf": "pdf", "--draft": "draft", "--no-color": "no-color",
    "--quiet": "quiet", "-q": "quiet", "--verbose": "verbose", "-v": "verbose",
  ]

  /// `arguments` (`build` and what follows it) as `octavo build`, or `nil` when they are not
  /// in one of the plain forms.
  static func build(_ arguments: [String]) -> Octavo.Build? {
    guard arguments.first == Octavo.Build.configuration.commandName else { return nil }
    var manuscript: String?
    var values: [String: String] = [:]
    var flags: Set<String> = []
    var index = 1
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if !argument.hasPrefix("-") {
        guard manuscript == nil else { return nil }
        manuscript = argument
      } else if buildOptions.contains(argument) {
        guard index < arguments.count, !arguments[index].hasPrefix("-"), values[argument] == nil
        else { return nil }
        values[argument] = arguments[index]
        index += 1
      } else if let flag = buildFlags[argument], flags.insert(flag).inserted {
        continue
      } else {
        return nil
      }
    }
    guard let format = value(values["--format"], or: BuildArguments.Format.all),
      let profile = value(values["--profile"], or: BuildArguments.Profile.compatible)
    else { return nil }
    var engine: PDFEngine?
    if let text = values["--engine"] {
      guard let named = PDFEngine(argument: text) else { return nil }
      engine = named
    }

    var book = BookArgument()
    book.manuscript = manuscript
    var options = BuildArguments()
    options.book = book
    options.styles = values["--styles"]
    options.output = values["--output"]
    options.format = format
    options.noCache = flags.contains("no-cache")
    options.profile = profile
    options.pdf = flags.contains("pdf")
    options.engine = engine
    options.draft = flags.contains("draft")
    var output = OutputOptions()
    output.noColor = flags.contains("no-color")
    output.quiet = flags.contains("quiet")
    output.verbose = flags.contains("verbose")
    var command = Octavo.Build()
    command.arguments = options
    command.outputOptions = output
    return command
  }

  /// `text` read as a value of `Value` (`fallback` when there is none); `nil` when the option
  /// does not take it.
  private static func value<Value: ExpressibleByArgument>(_ text: String?, or fallback: Value)
    -> Value?
  {
    guard let text else { return fallback }
    return Value(argument: text)
  }
}
