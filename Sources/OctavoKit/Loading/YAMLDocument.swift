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
  /// The YAML's lines, to turn libyaml's columns (in characters) into byte columns.
  let lines: [Substring]

  /// Parses `text`; a syntax error becomes a diagnostic with the parser's position.
  static func parse(_ text: String, file: String, lineOffset: Int = 0)
    -> (YAMLDocument?, Diagnostic?)
  {
    do {
      // With Yams's basic resolver: the default one's rules are regular expressions, made
      // when it is first used, and compiling them loads ICU (about 3 MiB of a build's
      // memory). `compose` leaves plain scalars' tags unresolved either way, and what Octavo
      // reads of a node (`bool`, `int`, `float`, `string`, a `!!null` tag) does not depend on
      // the resolver (`YAMLScalarTypeTests`).
      let root = try Yams.compose(yaml: text, .basic)
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      return (YAMLDocument(file: file, lineOffset: lineOffset, root: root, lines: lines), nil)
    } catch let error as YamlError {
      var line = 1
      var column = 1
      var problem = "\(error)"
      switch error {
      case .scanner(let context, let p, let mark, _), .parser(let context, let p, let mark, _),
        .composer(let context, let p, let mark, _):
        var at = mark
        problem = p
        if let context {
          problem += " " + context.text
          // Running off the end of the file points nowhere useful: point at where the
          // unfinished thing (a quoted string, a flow list) started.
          // An unclosed flow list or mapping is found where the next thing starts: point at
          // its opening bracket too.
          if p.contains("end of stream") || context.text.hasPrefix("while parsing a flow") {
            at = context.mark
            problem += " that starts here"
          }
        }
        line = at.line
        column = Self.byteColumn(scalarColumn: at.column, line: at.line, in: text)
      case .duplicatedKeysInMapping(let duplicates, let context):
        let key = duplicates.sorted().first ?? ""
        problem = "the key '\(key)' appears twice in one mapping; the second is here"
        (line, column) =
          Self.secondOccurrence(ofKey: key, in: text)
          ?? (
            context.mark.line,
            Self.byteColumn(scalarColumn: context.mark.column, line: context.mark.line, in: text)
          )
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
      return (
        nil,
        Diagnostic(
          .error, .yamlSyntax, "invalid YAML: \(error)",
          at: SourceLocation(file: file, line: 1 + lineOffset))
      )
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

  /// The line and byte column of the second line that starts, after indentation, with
  /// `key:` (quoted or not).
  static func secondOccurrence(ofKey key: String, in text: String) -> (Int, Int)? {
    var seen = 0
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      let indentation = line.prefix { $0 == " " || $0 == "-" }
      let rest = line.dropFirst(indentation.count)
      let matches = [key, "\"\(key)\"", "'\(key)'"].contains { candidate in
        rest.hasPrefix(candidate)
          && rest.dropFirst(candidate.count).drop { $0 == " " }.hasPrefix(":")
      }
      guard matches else { continue }
      seen += 1
      if seen == 2 { return (index + 1, indentation.utf8.count + 1) }
    }
    return nil
  }

  /// Where `node` is, as a source location (columns in UTF-8 bytes, as everywhere).
  func location(of node: Node?) -> SourceLocation {
    guard let mark = node?.mark else { return SourceLocation(file: file, line: 1 + lineOffset) }
    var column = mark.column
    if mark.line >= 1, mark.line <= lines.count,
      !lines[mark.line - 1].utf8.allSatisfy({ $0 < 0x80 })
    {
      var bytes = 0
      for (index, scalar) in lines[mark.line - 1].unicodeScalars.enumerated()
      where index < mark.column - 1 {
        bytes += String(scalar).utf8.count
      }
      column = bytes + 1
    }
    return SourceLocation(file: file, line: mark.line + lineOffset, column: column)
  }
}
