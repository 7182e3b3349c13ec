import Foundation
import Yams

/// A parsed YAML document whose nodes keep their positions, for precise diagnostics.
struct YAMLDocument {
  /// The file's manuscript-relative path.
  let file: String
  /// Lines before the YAML in the file (for front matter, the opening `---`).
  let lineOffset: Int
  /// The root node, or `nil` for an empty document.
  let root: Node?

  /// Parses `text`; a syntax error becomes a diagnostic with the parser's position.
  static func parse(_ text: String, file: String, lineOffset: Int = 0)
    -> (YAMLDocument?, Diagnostic?)
  {
    do {
      let root = try Yams.compose(yaml: text)
      return (YAMLDocument(file: file, lineOffset: lineOffset, root: root), nil)
    } catch let error as YamlError {
      var line = 1
      var column = 1
      var problem = "\(error)"
      switch error {
      case .scanner(let context, let p, let mark, _), .parser(let context, let p, let mark, _),
           .composer(let context, let p, let mark, _):
        line = mark.line
        column = Self.byteColumn(scalarColumn: mark.column, line: mark.line, in: text)
        problem = p
        if let context { problem += " " + context.text }
      case .reader(let p, let offset, _, _):
        problem = p
        if let offset {
          let prefix = text.utf8.prefix(offset)
          line = prefix.filter { $0 == 10 }.count + 1
        }
      default: break
      }
      let location = SourceLocation(file: file, line: line + lineOffset, column: column)
      return (nil, Diagnostic(.error, .yamlSyntax, "invalid YAML: \(problem)", at: location))
    } catch {
      return (nil, Diagnostic(.error, .yamlSyntax, "invalid YAML: \(error)",
                              at: SourceLocation(file: file, line: 1 + lineOffset)))
    }
  }

  /// Converts libyaml's column (in Unicode scalars) to a UTF-8 byte column.
  static func byteColumn(scalarColumn: Int, line: Int, in text: String) -> Int {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard line >= 1, line <= lines.count else { return scalarColumn }
    let scalars = lines[line - 1].unicodeScalars
    var bytes = 0
    for (index, scalar) in scalars.enumerated() where index < scalarColumn - 1 {
      bytes += String(scalar).utf8.count
    }
    return bytes + 1 + max(0, scalarColumn - 1 - scalars.count)
  }

  /// Where `node` is, as a source location.
  func location(of node: Node?) -> SourceLocation {
    guard let mark = node?.mark else { return SourceLocation(file: file, line: 1 + lineOffset) }
    return SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
  }
}
