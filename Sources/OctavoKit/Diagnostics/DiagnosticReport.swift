import Foundation

/// Diagnostics written out for people (compiler-style lines and a summary) or for programs
/// (JSON), with each file's path as the user would type it from the current folder.
package struct DiagnosticReport: Sendable {
  /// The diagnostics, sorted by file and position.
  package var diagnostics: [Diagnostic]
  /// The manuscript folder as paths should show it (see ``displayFolder(_:currentDirectory:)``).
  package var folder: String

  /// Creates a report of `diagnostics` for the manuscript the user named `manuscript`.
  package init(
    _ diagnostics: [Diagnostic], manuscript: String,
    currentDirectory: String = FileManager.default.currentDirectoryPath
  ) {
    self.diagnostics = diagnostics.sorted()
    self.folder = Self.displayFolder(manuscript, currentDirectory: currentDirectory)
  }

  /// The manuscript folder as the user would type it from `currentDirectory`: a path inside
  /// the current folder becomes relative (`/home/me/book/Manuscript` → `Manuscript`), `./`
  /// and trailing slashes go, anything else stays as given.
  package static func displayFolder(_ manuscript: String, currentDirectory: String) -> String {
    var path = manuscript
    let base = currentDirectory.hasSuffix("/") ? currentDirectory : currentDirectory + "/"
    if path.hasPrefix("/") {
      if path == currentDirectory || path + "/" == base { return "." }
      if path.hasPrefix(base) { path.removeFirst(base.count) }
    }
    while path.hasPrefix("./") { path.removeFirst(2) }
    while path.count > 1, path.hasSuffix("/") { path.removeLast() }
    return path.isEmpty ? "." : path
  }

  /// The path of a manuscript file as shown to the user.
  package func displayPath(_ file: String) -> String {
    folder == "." ? file : folder + "/" + file
  }

  /// The summary line: `2 errors, 1 warning`.
  package var summary: String {
    let errors = diagnostics.errorCount
    let warnings = diagnostics.warningCount
    return
      "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
  }

  /// One compiler-style line per diagnostic (`path:line:col: error: message [OCT110]`),
  /// without the summary.
  package var lines: [String] {
    diagnostics.map { $0.formatted(relativeTo: folder == "." ? nil : folder) }
  }

  /// The diagnostics as a JSON array of `{file, line, column, severity, code, message}`;
  /// `file`, `line` and `column` are `null` for a problem with the whole book.
  package var json: String {
    let objects: [[String: Any]] = diagnostics.map { diagnostic in
      var object: [String: Any] = [
        "severity": diagnostic.severity.rawValue,
        "code": diagnostic.code.rawValue,
        "message": diagnostic.message,
        "file": NSNull(), "line": NSNull(), "column": NSNull(),
      ]
      if let location = diagnostic.location {
        object["file"] = displayPath(location.file)
        object["line"] = location.line
        object["column"] = location.column
      }
      return object
    }
    let data =
      (try? JSONSerialization.data(
        withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
      ?? Data("[]".utf8)
    return String(decoding: data, as: UTF8.self)
  }
}
