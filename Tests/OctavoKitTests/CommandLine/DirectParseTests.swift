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

  /// `build` argument lists read without the library (``DirectParse/build(_:)``).
  static let plainBuilds: [[String]] = [
    ["build"],
    ["build", "Manuscript"],
    ["build", "Manuscript", "--output", "out", "-q"],
    ["build", "--format", "epub", "--no-cache", "-v", "book"],
    ["build", "--pdf", "--engine", "chromium", "--profile", "strict", "--draft"],
    ["build", "--styles", "Styles", "--output", "", "--format", "print", "--no-color"],
    ["build", "--quiet", "--verbose", "--engine", "weasyprint", "a folder"],
    ["build", "build"],
  ]

  /// `build` argument lists left to the library: other spellings, repeats, help, errors.
  static let otherBuilds: [[String]] = [
    ["build", "--styles=Styles"],
    ["build", "--", "-a-folder-with-a-dash"],
    ["build", "-qv"],
    ["build", "-q", "--quiet"],
    ["build", "--output", "a", "--output", "b"],
    ["build", "a", "b"],
    ["build", "--output"],
    ["build", "--output", "-x"],
    ["build", "--format", "docx"],
    ["build", "--engine", "prince"],
    ["build", "--help"],
    ["build", "--version"],
    ["build", "--no-such-option"],
    ["build", "--generate-completion-script", "bash"],
    ["check"],
  ]

  @Test(arguments: plainBuilds)
  func plainBuildIsTheLibrarysParse(_ arguments: [String]) throws {
    let plain = try #require(DirectParse.build(arguments))
    let full = try #require(try Octavo.parseAsRoot(arguments) as? Octavo.Build)
    let fields = String(reflecting: plain)
    #expect(fields == String(reflecting: full))
    #expect(plain.arguments.book.manuscript == full.arguments.book.manuscript)
    #expect(plain.arguments.output == full.arguments.output)
    #expect(plain.arguments.format == full.arguments.format)
    #expect(plain.arguments.engine == full.arguments.engine)
    #expect(plain.outputOptions.quiet == full.outputOptions.quiet)
  }

  @Test(arguments: otherBuilds)
  func otherBuildsAreLeftToTheLibrary(_ arguments: [String]) {
    #expect(DirectParse.build(arguments) == nil)
  }

  /// A field the plain reading left unset would show as the library's definition, not a
  /// value: every field of a plain build is a value.
  @Test func plainBuildSetsEveryField() throws {
    let plain = try #require(DirectParse.build(["build"]))
    let unset = String(reflecting: Octavo.Build())
    let fields = String(reflecting: plain)
    #expect(fields != unset)
    #expect(!fields.contains("definition"), "\(fields)")
  }

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
