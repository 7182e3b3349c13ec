import ArgumentParser
import Foundation
import Testing

@testable import octavo

/// A subcommand parsed on its own (``DirectParse``) gives what the full parse from the root
/// gives, and everything else is left to the full parse.
@Suite struct DirectParseTests {
  /// Argument lists the direct parse takes: each gives the full parse's command, field for field.
  static let parsed: [[String]] = [
    ["build"],
    ["build", "Manuscript"],
    ["build", "Manuscript", "--output", "out", "-q"],
    ["build", "--format", "epub", "--no-cache", "-v", "book"],
    ["build", "--pdf", "--engine", "chromium", "--profile", "strict", "--draft"],
    ["build", "--styles=Styles", "--output=Output", "--format=print", "--no-color"],
    ["build", "--", "-a-folder-with-a-dash"],
    ["check", "--strict", "--format", "json"],
    ["stats", "Manuscript"],
    ["serve", "--port", "0", "-v"],
    ["watch", "--output", "out"],
    ["new", "my-book"],
  ]

  /// Argument lists the direct parse leaves to the full parse: help, version, completion
  /// requests, errors, and commands with subcommands of their own.
  static let deferred: [[String]] = [
    [],
    ["--version"],
    ["--help"],
    ["help", "build"],
    ["build", "--help"],
    ["build", "-h"],
    ["build", "--version"],
    ["build", "--format", "docx"],
    ["build", "--no-such-option"],
    ["build", "a", "b"],
    ["build", "--generate-completion-script", "bash"],
    ["import", "mdbook", "book", "out"],
    ["bulid"],
  ]

  @Test(arguments: parsed)
  func directParseIsTheFullParse(_ arguments: [String]) throws {
    let direct = try #require(DirectParse.command(for: arguments))
    let full = try Octavo.parseAsRoot(arguments)
    #expect(type(of: direct) == type(of: full))
    let fields = String(reflecting: direct)
    #expect(fields == String(reflecting: full))
    // The comparison sees the values: each value given is in the command's fields.
    for value in arguments.dropFirst() where !value.hasPrefix("-") {
      #expect(fields.contains(value), "\(value) is not in \(fields)")
    }
  }

  @Test(arguments: deferred)
  func otherArgumentsGoThroughTheFullParse(_ arguments: [String]) {
    #expect(DirectParse.command(for: arguments) == nil)
  }

  /// Every subcommand names itself, with the name the library would derive from its type:
  /// the direct parse and the typo check match the first argument against these names
  /// without asking the library to derive one by reflection.
  @Test func everySubcommandNamesItself() {
    for command in Octavo.configuration.subcommands {
      #expect(
        command.configuration.commandName == String(describing: command).lowercased(),
        "\(command) does not name itself")
    }
  }
}
