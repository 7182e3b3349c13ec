import Foundation

/// Writes a new, ready-to-build manuscript: `book.yaml`, two short chapters that show the
/// format, an image, and a copy of the built-in style sheets.
///
/// ```swift
/// let files = try ManuscriptScaffold(title: "The Lighthouse Year", author: "Agnes Thorvaldsen")
///   .create(at: URL(fileURLWithPath: "lighthouse"))
/// ```
///
/// The manuscript it writes builds with no errors and no warnings, and its EPUB passes
/// EPUBCheck. It never writes outside the new folder and refuses a folder that holds files.
public struct ManuscriptScaffold: Sendable {
  /// The book's title.
  public var title: String
  /// The author's name, if given.
  public var author: String?
  /// The book's language, a BCP 47 tag.
  public var language: String

  /// The folder, inside the new manuscript, that receives the copy of the style sheets.
  public static let stylesFolder = "styles"

  /// Creates a scaffold for a book.
  public init(title: String = "Untitled Book", author: String? = nil, language: String = "en") {
    self.title = title
    self.author = author
    self.language = language
  }

  /// The files of the new manuscript: path relative to its folder → contents.
  public var files: [(path: String, bytes: [UInt8])] {
    var files: [(String, [UInt8])] = [
      ("book.yaml", Array(bookYAML.utf8)),
      ("first-steps.md", Array(ScaffoldTemplates.firstChapter.utf8)),
      ("the-shape-of-a-book.md", Array(ScaffoldTemplates.secondChapter.utf8)),
      ("images/leaf.svg", Array(ScaffoldTemplates.leafSVG.utf8)),
    ]
    for name in ["epub.css", "print.css"] {
      if let css = BookBuilder.builtInStylesheet(name) {
        files.append((Self.stylesFolder + "/" + name, Array(css.utf8)))
      }
    }
    return files
  }

  /// The `book.yaml` of the new manuscript.
  public var bookYAML: String {
    var yaml = "# The book's metadata and its contents; see docs/manuscript.md for every key.\n"
    yaml += "title: \(Self.quoted(title))\n"
    if let author, !author.isEmpty {
      yaml += "author: \(Self.quoted(author))\n"
    } else {
      yaml += "# author: \"Your Name\"\n"
    }
    yaml += "language: \(Self.quoted(language))\n"
    yaml += "description: \"A new book, started with octavo new.\"\n"
    yaml += "contents:\n  - first-steps.md\n  - the-shape-of-a-book.md\n"
    return yaml
  }

  /// The problems `octavo check` would find in the new `book.yaml` (a language that is not a
  /// BCP 47 tag, an empty title), found by the same checks; empty when it is good.
  public var problems: [Diagnostic] {
    let (document, syntaxError) = YAMLDocument.parse(bookYAML, file: "book.yaml")
    var found = syntaxError.map { [$0] } ?? []
    if let document {
      var decoder = MetadataDecoder(document: document)
      _ = decoder.decode()
      found += decoder.diagnostics
    }
    return found.sorted()
  }

  /// Writes the manuscript into `folder`, creating it if needed, and returns the paths
  /// written (relative to `folder`).
  ///
  /// - Throws: ``OctavoError`` when `folder` is a file, or a folder that is not empty, or
  ///   when a file cannot be written.
  @discardableResult
  public func create(at folder: URL) throws -> [String] {
    try NewFolder.requireNewOrEmpty(folder)
    var written: [String] = []
    for (path, bytes) in files {
      try AtomicFile.write(bytes, to: folder.appending(path: path))
      written.append(path)
    }
    return written
  }

  /// A YAML double-quoted scalar holding `text`.
  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          result += String(format: "\\x%02X", scalar.value)
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}
