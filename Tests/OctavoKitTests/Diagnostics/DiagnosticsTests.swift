import Foundation
import Testing

@testable import OctavoKit

@Suite("Diagnostics")
struct DiagnosticsTests {
  @Test(
    "every diagnostic code is documented in docs/diagnostics.md", arguments: DiagnosticCode.allCases
  )
  func documented(_ code: DiagnosticCode) throws {
    let docs = try String(
      contentsOf: TestPaths.packageRoot.appending(path: "docs/diagnostics.md"), encoding: .utf8)
    #expect(docs.contains("| \(code.rawValue) |"))
  }

  @Test("diagnostics print compiler style, prefixed with the manuscript folder as typed")
  func format() {
    let diagnostic = Diagnostic(
      .warning, .imageWithoutAlt, "image 'a.png' has no alt text",
      at: SourceLocation(file: "ch/one.md", line: 3, column: 5))
    #expect(
      diagnostic.formatted(relativeTo: "Manuscript")
        == "Manuscript/ch/one.md:3:5: warning: image 'a.png' has no alt text [OCT308]")
    #expect(
      diagnostic.formatted(relativeTo: "./")
        == "./ch/one.md:3:5: warning: image 'a.png' has no alt text [OCT308]")
    #expect(
      Diagnostic(.error, .emptyContents, "no chapters", at: nil).description
        == "error: no chapters [OCT109]")
  }

  @Test("diagnostics sort by file, then line, then column")
  func order() {
    let a = Diagnostic(
      .warning, .remoteImage, "x", at: SourceLocation(file: "a.md", line: 10, column: 1))
    let b = Diagnostic(
      .error, .missingImage, "y", at: SourceLocation(file: "a.md", line: 2, column: 9))
    let c = Diagnostic(
      .error, .missingImage, "z", at: SourceLocation(file: "B.md", line: 1, column: 1))
    #expect([a, b, c].sorted() == [c, b, a])
  }
}
