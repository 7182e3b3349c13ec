import Foundation
import Testing

@testable import OctavoKit
@testable import octavo

/// The shared diagnostic formatter of the command line: plain text is exactly
/// `Diagnostic.formatted`, colour only where asked for.
@Suite("Diagnostic printer")
struct DiagnosticPrinterTests {
  static let diagnostics = [
    Diagnostic(
      .error, .unknownKey, "unknown key 'titel'; did you mean 'title'?",
      at: SourceLocation(file: "book.yaml", line: 1, column: 1)),
    Diagnostic(
      .warning, .brokenChapterLink, "link to 'x.md', which does not exist; it is shown as text",
      at: SourceLocation(file: "a.md", line: 3, column: 5)),
  ]

  @Test("without colour, the text is byte for byte the plain format")
  func plain() {
    let text = DiagnosticPrinter.plain.text(Self.diagnostics, manuscript: "Manuscript")
    #expect(
      text == Self.diagnostics.sorted().map { $0.formatted(relativeTo: "Manuscript") + "\n" }
        .joined()
        + "1 error, 1 warning\n")
    #expect(DiagnosticPrinter.plain.text([], manuscript: "M").isEmpty)
    #expect(
      DiagnosticPrinter.plain.text([], manuscript: "M", always: true) == "0 errors, 0 warnings\n")
  }

  @Test("colour marks the severity and keeps every character of the text")
  func coloured() {
    let printer = DiagnosticPrinter(color: true)
    let line = printer.line(Self.diagnostics[0], manuscript: "M")
    #expect(line.contains("\u{1B}[31m\u{1B}[1merror:\u{1B}[0m"))
    let stripped = line.replacing(/\x{1B}\[[0-9;]*m/, with: "")
    #expect(stripped == Self.diagnostics[0].formatted(relativeTo: "M"))
  }

  @Test("--quiet keeps the errors only, without the summary")
  func quiet() {
    let text = DiagnosticPrinter(quiet: true).text(Self.diagnostics, manuscript: "M")
    #expect(text == Self.diagnostics[0].formatted(relativeTo: "M") + "\n")
  }

  @Test(
    "colour only on a terminal, without --no-color, NO_COLOR or TERM=dumb",
    arguments: [
      (true, false, [:], true),
      (false, false, [:], false),
      (true, true, [:], false),
      (true, false, ["NO_COLOR": "1"], false),
      (true, false, ["NO_COLOR": ""], true),
      (true, false, ["TERM": "dumb"], false),
    ] as [(Bool, Bool, [String: String], Bool)])
  func colourChoice(
    _ terminal: Bool, _ noColor: Bool, _ environment: [String: String], _ expected: Bool
  ) throws {
    var options = try OutputOptions.parse([])
    options.noColor = noColor
    #expect(
      DiagnosticPrinter(options: options, environment: environment, isTerminal: terminal).color
        == expected)
  }
}
