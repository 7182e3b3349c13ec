import Foundation
import Testing

@testable import OctavoKit

/// A manuscript-relative path resolves to a file inside the manuscript folder, is missing, or
/// is outside: `.` and `..` count as written, links are followed, and a link that leads out
/// of the folder leads outside, wherever it sits.
@Suite("Manuscript paths")
struct ManuscriptFileTests {
  /// The answer for one path, without the URL: the path inside the folder it leads to.
  enum Answer: Equatable, CustomStringConvertible {
    case inside(String)
    case outside
    case missing

    var description: String {
      switch self {
      case .inside(let path): "inside \(path)"
      case .outside: "outside"
      case .missing: "missing"
      }
    }
  }

  /// A folder holding `book/` (the manuscript: `a.md`, `sub/b.md`, links in and out, a
  /// dangling link, a folder link) and `secret.md` beside it.
  private static func manuscript() throws -> (parent: URL, files: ManuscriptFile) {
    let fileManager = FileManager.default
    let parent = fileManager.temporaryDirectory.appending(
      path: "octavo-paths-\(UUID().uuidString)")
    let book = parent.appending(path: "book")
    try fileManager.createDirectory(
      at: book.appending(path: "sub"), withIntermediateDirectories: true)
    try Data("a".utf8).write(to: book.appending(path: "a.md"))
    try Data("b".utf8).write(to: book.appending(path: "sub/b.md"))
    try Data("secret".utf8).write(to: parent.appending(path: "secret.md"))
    let links = [
      ("in.md", "sub/b.md"), ("out.md", "../secret.md"), ("sub/up.md", "../../secret.md"),
      ("dangling.md", "nowhere.md"), ("folder", "sub"), ("parent", ".."),
    ]
    for (link, target) in links {
      try fileManager.createSymbolicLink(
        atPath: book.appending(path: link).path, withDestinationPath: target)
    }
    return (parent, ManuscriptFile(root: book))
  }

  static let cases: [(String, Answer)] = [
    ("a.md", .inside("a.md")),
    ("./a.md", .inside("a.md")),
    ("sub//b.md", .inside("sub/b.md")),
    ("sub/../a.md", .inside("a.md")),
    ("sub/./b.md", .inside("sub/b.md")),
    ("in.md", .inside("sub/b.md")),
    ("folder/b.md", .inside("sub/b.md")),
    ("missing.md", .missing),
    ("nofolder/a.md", .missing),
    ("dangling.md", .missing),
    ("a.md/x.md", .missing),
    ("../secret.md", .outside),
    ("sub/../../secret.md", .outside),
    ("out.md", .outside),
    ("sub/up.md", .outside),
    ("parent/secret.md", .outside),
    ("/etc/passwd", .outside),
    ("~/x.md", .outside),
    ("", .outside),
    (".", .outside),
    ("sub/..", .outside),
  ]

  @Test("paths resolve inside, missing or outside", arguments: cases)
  func resolves(_ path: String, _ expected: Answer) throws {
    let (parent, files) = try Self.manuscript()
    defer { try? FileManager.default.removeItem(at: parent) }
    let answer: Answer =
      switch files.resolve(path) {
      case .inside(let url):
        .inside(String(url.path.dropFirst(files.root.path.count + 1)))
      case .outside: .outside
      case .missing: .missing
      }
    #expect(answer == expected)
  }
}
