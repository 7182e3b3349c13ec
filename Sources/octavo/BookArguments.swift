import ArgumentParser
import Foundation
import OctavoKit

/// The exit statuses of `octavo`, as in BSD's sysexits.h.
enum ExitStatus {
  /// A mistake on the command line: an unknown command or option, a bad value.
  static let usage = ExitCode(64)
  /// A file or folder named (or looked for) does not exist.
  static let noInput = ExitCode(66)
}

/// Prints `octavo: error: message` (and a hint line) to standard error and returns the exit
/// status to throw.
func fail(_ message: String, hint: String? = nil, status: ExitCode = .failure) -> ExitCode {
  var text = "octavo: error: \(message)\n"
  if let hint { text += "octavo: hint: \(hint)\n" }
  FileHandle.standardError.write(Data(text.utf8))
  return status
}

/// What went wrong, in words: an ``OctavoError`` as it describes itself, a system error as
/// the system's message (never a Foundation error domain or code).
func describe(_ error: Error) -> String {
  if let error = error as? OctavoError { return error.description }
  if let error = error as? BookLocation.NotFound { return error.message }
  return FileSystemMessage.reason(error)
}

/// `count` with its thousands grouped by commas (`983,195`), the same everywhere the
/// command line prints a number.
func grouped(_ count: Int) -> String {
  let digits = String(count.magnitude)
  var result = ""
  for (index, digit) in digits.enumerated() {
    if index > 0, (digits.count - index) % 3 == 0 { result += "," }
    result.append(digit)
  }
  return (count < 0 ? "-" : "") + result
}

/// `count` and its noun, pluralized: `1 chapter`, `12 chapters`, `1,024 words`.
func counted(_ count: Int, _ noun: String) -> String {
  "\(grouped(count)) \(noun)\(count == 1 ? "" : "s")"
}

/// Seconds, as the command line prints a duration: `0.42 s`.
func seconds(_ interval: TimeInterval) -> String {
  String(format: "%.2f s", interval)
}

/// The book argument every command that reads a book takes, and how it is found.
struct BookArgument: ParsableArguments {
  @Argument(
    help: ArgumentHelp(
      "The book's manuscript folder, the one with book.yaml (default: the current folder when it has book.yaml, else its Manuscript folder, else the same in the folders above).",
      valueName: "manuscript"))
  var manuscript: String?

  /// Finds the book, or prints why there is none (with a hint) and throws exit status 66.
  func locate() throws -> LocatedBook {
    let currentDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    do {
      let location = try BookLocation.find(manuscript, currentDirectory: currentDirectory)
      // As typed, when it names the manuscript folder itself; else (a project holding
      // Manuscript/, a book.yaml, no path at all) as it would be typed from here.
      let typed = manuscript.map {
        URL(fileURLWithPath: $0, relativeTo: currentDirectory).standardizedFileURL
      }
      let shown =
        typed?.path == location.manuscript.path
        ? manuscript!
        : BookLocation.displayPath(location.manuscript, currentDirectory: currentDirectory)
      return LocatedBook(location: location, shown: shown, currentDirectory: currentDirectory)
    } catch let error as BookLocation.NotFound {
      throw fail(error.message, hint: error.hint, status: ExitStatus.noInput)
    }
  }
}

/// A book found on disk, with its paths as the user would type them.
struct LocatedBook {
  var location: BookLocation
  /// The manuscript folder as typed, or as it would be typed from the current folder.
  var shown: String
  var currentDirectory: URL

  /// The book's name in a sentence (`building lighthouse…`): as shown, or the folder's
  /// own name when that is `.`.
  var label: String { shown == "." ? location.manuscript.lastPathComponent : shown }

  /// `url` as the user would type it from the current folder.
  func show(_ url: URL) -> String {
    BookLocation.displayPath(url, currentDirectory: currentDirectory)
  }

  /// The style folder: `--styles` when given (it must exist), else the book's default.
  func styles(_ option: String?) throws -> URL? {
    guard let option else { return location.styles }
    let url = URL(fileURLWithPath: option, relativeTo: currentDirectory).standardizedFileURL
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      throw fail(
        "styles folder not found: \(option)",
        hint:
          "leave out --styles to use the book's own styles folder, or the built-in style sheets",
        status: ExitStatus.noInput)
    }
    guard isDirectory.boolValue else {
      throw fail(
        "--styles names a file, not a folder: \(option)",
        hint: "give the folder that holds epub.css and print.css", status: ExitStatus.usage)
    }
    return url
  }
}

/// Help text shared by the commands that take `--styles`.
let stylesHelp = ArgumentHelp(
  "The folder of style sheets (epub.css, print.css; built-in sheets fill in what is missing). Default: the book's own styles folder, else Styles beside the Manuscript folder, else the built-in sheets.",
  valueName: "folder")

/// Help text for `--output`.
let outputHelp = ArgumentHelp(
  "Where to write the outputs. Default: Output in the book's folder (beside the Manuscript folder for a book kept in one).",
  valueName: "folder")

/// Edit distance with transpositions (optimal string alignment), for "did you mean".
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a.lowercased())
  let b = Array(b.lowercased())
  if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
  var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
  for i in 0...a.count { table[i][0] = i }
  for j in 0...b.count { table[0][j] = j }
  for i in 1...a.count {
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
      if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
        table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
      }
    }
  }
  return table[a.count][b.count]
}

/// The candidate closest to `word`, when it is close enough to be a typo of it.
func closest(to word: String, among candidates: [String]) -> String? {
  let scored = candidates.map { ($0, editDistance(word, $0)) }
  guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
  let allowed = max(1, min(2, best.0.count / 3))
  if best.1 <= allowed { return best.0 }
  // A prefix of a command (`stat`, `imp`) is a likely meaning too.
  if word.count >= 3, let prefixed = candidates.first(where: { $0.hasPrefix(word.lowercased()) }) {
    return prefixed
  }
  return nil
}
