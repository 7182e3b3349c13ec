import ArgumentParser
import Foundation
import OctavoKit

extension Octavo {
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Make an Octavo manuscript from an mdBook book or a pandoc Markdown file.",
      discussion: """
        Reads the source and writes a new manuscript folder (the source is never changed), \
        then checks it as octavo check does.
        """,
      subcommands: [MdBook.self, Pandoc.self])

    struct MdBook: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "mdbook",
        abstract: "Import an mdBook book: book.toml and SUMMARY.md.",
        discussion: """
          Carries over the title, authors, language and description of book.toml, and the \
          chapters of SUMMARY.md in order: prefix chapters, parts, numbered chapters (with \
          their sub-chapters, one after the other), suffix chapters. Draft chapters, which \
          have no file, are listed as a comment in book.yaml. Chapter files are copied at \
          their paths under src, with the images and other files there.
          """)

      @Argument(
        help: ArgumentHelp("The mdBook folder, the one with book.toml.", valueName: "folder"))
      var source: String

      @Argument(
        help: ArgumentHelp(
          "The new manuscript folder (default: the source's name with -octavo, beside it).",
          valueName: "destination"))
      var destination: String?

      func run() throws {
        let url = URL(fileURLWithPath: source)
        let name = url.standardizedFileURL.lastPathComponent
        try runImport(
          source: source, destination: destination,
          besideSource: url.standardizedFileURL.deletingLastPathComponent()
            .appending(path: name + "-octavo")
        ) {
          try MdBookImporter.read(url)
        }
      }
    }

    struct Pandoc: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "pandoc",
        abstract: "Import a Markdown file written for pandoc, one chapter per level-1 heading.",
        discussion: """
          Carries over the YAML metadata block (title, subtitle, author, lang, date, \
          description or abstract, publisher, rights) and splits the text at each level-1 \
          heading. Footnotes follow the chapters that cite them, links between chapters name \
          their files, and the images the text refers to are copied.
          """)

      @Argument(help: ArgumentHelp("The Markdown file.", valueName: "file"))
      var source: String

      @Argument(
        help: ArgumentHelp(
          "The new manuscript folder (default: the file's name without .md, beside it).",
          valueName: "destination"))
      var destination: String?

      func run() throws {
        let url = URL(fileURLWithPath: source)
        let stem = url.deletingPathExtension().lastPathComponent
        try runImport(
          source: source, destination: destination,
          besideSource: url.standardizedFileURL.deletingLastPathComponent().appending(path: stem)
        ) {
          try PandocImporter.read(url)
        }
      }
    }
  }
}

/// Reads a book with `read`, prints what could not be carried over, writes the new
/// manuscript into `destination` (as given; by default `besideSource`, shown relative to the
/// current folder), checks it and prints what to do next.
func runImport(
  source: String, destination given: String?, besideSource: URL,
  read: () throws -> ImportedBook
) throws {
  let destination = given ?? besideSource.path
  let shownDestination =
    given
    ?? BookLocation.displayPath(
      besideSource,
      currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
  var isDirectory: ObjCBool = false
  guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) else {
    throw fail("not found: \(source)", status: ExitStatus.noInput)
  }
  let book: ImportedBook
  do {
    book = try read()
  } catch {
    throw fail(describe(error), status: ExitStatus.noInput)
  }
  // Problems are reported against the source: its folder, or the file's folder.
  let sourceFolder = isDirectory.boolValue ? source : (source as NSString).deletingLastPathComponent
  report(book.diagnostics, manuscript: sourceFolder.isEmpty ? "." : sourceFolder)
  do {
    try book.write(to: URL(fileURLWithPath: destination))
  } catch {
    throw fail(describe(error))
  }
  let parts = book.contents.filter { if case .part = $0 { true } else { false } }.count
  let kept = book.keptFiles.count
  print(
    "imported \(counted(book.chapterPaths.count, "chapter"))\(parts > 0 ? " in \(counted(parts, "part"))" : "")"
      + "\(kept > 0 ? " and \(counted(kept, "other file"))" : "") into \(shownDestination)")
  // The new manuscript, checked as `octavo check` would.
  if let manuscript = try? Manuscript.load(at: URL(fileURLWithPath: destination)) {
    let diagnostics = BookBuilder.check(manuscript)
    report(diagnostics, manuscript: shownDestination)
  }
  print(
    """

    Next:
      octavo serve \(Octavo.New.shellQuoted(shownDestination))    preview the book in your browser
      octavo build \(Octavo.New.shellQuoted(shownDestination))    write the EPUB and the print edition into \(shownDestination)/\(BookLocation.outputFolderName)
    """)
}
