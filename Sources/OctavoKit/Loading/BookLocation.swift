import Foundation

/// Where a book is: its manuscript folder, its style sheets and its output folder, found the
/// way `git` finds a repository.
///
/// Without a path, the current folder is the book when it holds `book.yaml`, else its
/// `Manuscript/` folder when that does; if neither, the same is tried in each folder above,
/// up to one that holds an mdBook book (`book.toml`), which is reported with a hint to import it.
/// With a path, that folder is the book (or its `Manuscript/` folder, when the path is a
/// project that keeps its manuscript there).
///
/// The book's *project folder* holds its outputs: the folder that holds `Manuscript/` when
/// the manuscript folder is called `Manuscript`, else the manuscript folder itself. Outputs
/// go to `Output/` in the project folder. Style sheets come from the book's own `styles/`
/// folder, else `Styles/` in the project folder, else the built-in sheets.
package struct BookLocation: Sendable, Equatable {
  /// The manuscript folder (the one that holds `book.yaml`).
  package var manuscript: URL
  /// The folder outputs and `Styles/` are found relative to.
  package var project: URL

  /// The name of the folder a project keeps its manuscript in.
  package static let manuscriptFolderName = "Manuscript"
  /// The name of the output folder in the project folder.
  package static let outputFolderName = "Output"
  /// The names of a book's own style folder, in the order they are looked for.
  package static let stylesFolderNames = ["styles", "Styles"]

  /// A location for the manuscript folder `manuscript`.
  package init(manuscript: URL) {
    self.manuscript = manuscript.standardizedFileURL
    self.project =
      self.manuscript.lastPathComponent == Self.manuscriptFolderName
      ? self.manuscript.deletingLastPathComponent() : self.manuscript
  }

  /// The default output folder: `Output/` in the project folder.
  package var output: URL { project.appending(path: Self.outputFolderName) }

  /// The default style folder: the book's own `styles/` (or `Styles/`), else `Styles/` in the
  /// project folder; `nil` when there is neither (the built-in sheets are used).
  package var styles: URL? {
    var candidates = Self.stylesFolderNames.map { manuscript.appending(path: $0) }
    if project != manuscript { candidates.append(project.appending(path: "Styles")) }
    return candidates.first { Self.isFolder($0) }
  }

  /// Why no book was found, with what to do about it.
  package struct NotFound: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong (`no book.yaml in mybook`).
    package var message: String
    /// What to do (`start a book with octavo new …`).
    package var hint: String

    package var description: String { message }
  }

  /// Finds the book named by `path` (as typed; `nil` when none was given), from the folder
  /// `currentDirectory`.
  ///
  /// - Throws: ``NotFound`` when there is no such folder or it holds no `book.yaml`, with a
  ///   hint that names `octavo new` for an empty folder and `octavo import mdbook` for an
  ///   mdBook book.
  package static func find(_ path: String?, currentDirectory: URL) throws -> BookLocation {
    let fileManager = FileManager.default
    guard let path else {
      var folder = currentDirectory.standardizedFileURL
      while true {
        if let found = book(in: folder) { return found }
        // An mdBook book is a book too, just not yet an Octavo one: the search stops there.
        if isFile(folder.appending(path: "book.toml")) {
          let typed = displayPath(folder, currentDirectory: currentDirectory)
          throw NotFound(
            message: "no book.yaml in \(typed == "." ? "this folder" : typed)",
            hint: hint(for: folder, typed: typed))
        }
        let parent = folder.deletingLastPathComponent()
        if parent.path == folder.path { break }
        folder = parent
      }
      throw NotFound(
        message:
          "no book here: no book.yaml in this folder, in a Manuscript folder in it, or in any folder above",
        hint: hint(for: currentDirectory, typed: "."))
    }
    let url = URL(fileURLWithPath: path, relativeTo: currentDirectory).standardizedFileURL
    var isDirectory: ObjCBool = false
    guard fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      throw NotFound(
        message: "manuscript folder not found: \(path)",
        hint: "check the path, or start a book there with `octavo new \(path)`")
    }
    if !isDirectory.boolValue {
      // `octavo build mybook/book.yaml` means the folder.
      if url.lastPathComponent == "book.yaml" {
        return BookLocation(manuscript: url.deletingLastPathComponent())
      }
      throw NotFound(
        message: "not a folder: \(path)",
        hint: url.pathExtension.lowercased() == "md"
          ? "a single Markdown file becomes a book with `octavo import pandoc \(path)`"
          : "name the folder that holds book.yaml")
    }
    if let found = book(in: url) { return found }
    throw NotFound(message: "no book.yaml in \(path)", hint: hint(for: url, typed: path))
  }

  /// The book in `folder`: the folder itself when it holds `book.yaml`, else its
  /// `Manuscript/` folder when that does.
  static func book(in folder: URL) -> BookLocation? {
    if isFile(folder.appending(path: "book.yaml")) { return BookLocation(manuscript: folder) }
    let nested = folder.appending(path: manuscriptFolderName)
    if isFile(nested.appending(path: "book.yaml")) { return BookLocation(manuscript: nested) }
    return nil
  }

  /// What to do with a folder that holds no book: import an mdBook, start a new book, or
  /// name the right folder.
  static func hint(for folder: URL, typed: String) -> String {
    let shown = typed == "." ? "." : typed
    if isFile(folder.appending(path: "book.toml")) {
      return
        "\(shown == "." ? "this folder" : shown) holds an mdBook book (book.toml); make an Octavo manuscript from it with `octavo import mdbook \(shown)`"
    }
    let entries = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { !$0.hasPrefix(".") }
    if entries.isEmpty {
      return "the folder is empty; start a book in it with `octavo new \(shown)`"
    }
    if let markdown = entries.sorted().first(where: { $0.lowercased().hasSuffix(".md") }),
      entries.count == 1
    {
      let file = shown == "." ? markdown : shown + "/" + markdown
      return "a single Markdown file becomes a book with `octavo import pandoc \(file)`"
    }
    if entries.contains(where: { $0.lowercased().hasSuffix(".md") }) {
      return
        "write a book.yaml there that lists the chapters (title:, language:, contents:; see docs/manuscript.md), or name the folder that holds book.yaml"
    }
    return "start a book with `octavo new mybook`, or name the folder that holds book.yaml"
  }

  static func isFile(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
      && !isDirectory.boolValue
  }

  static func isFolder(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }

  /// `url` as the user would type it from `currentDirectory`: relative inside it (`.` for
  /// the folder itself), `..` forms for the folders above it, absolute elsewhere.
  package static func displayPath(_ url: URL, currentDirectory: URL) -> String {
    let target = url.standardizedFileURL.pathComponents
    let base = currentDirectory.standardizedFileURL.pathComponents
    if target.starts(with: base) {
      let rest = target.dropFirst(base.count)
      return rest.isEmpty ? "." : rest.joined(separator: "/")
    }
    if base.starts(with: target) {
      return Array(repeating: "..", count: base.count - target.count).joined(separator: "/")
    }
    return url.standardizedFileURL.path
  }
}
