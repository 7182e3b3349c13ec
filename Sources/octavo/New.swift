import ArgumentParser
import Foundation
import OctavoKit

extension Octavo {
  struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "new",
      abstract: "Start a new book: a manuscript that builds at once.",
      discussion: """
        Writes book.yaml, two short chapters that show the format, an image and a copy of \
        the style sheets (in styles/) into FOLDER, which must be new or empty. The title and \
        the language get the checks octavo check runs. Then, from the same place, \
        `octavo serve FOLDER` previews the book and `octavo build FOLDER` writes it into \
        FOLDER/Output (or, inside FOLDER, just `octavo serve` and `octavo build`).
        """)

    @Argument(help: "The folder to create (new or empty).")
    var folder: String

    @Option(help: "The book's title.")
    var title: String = "Untitled Book"

    @Option(help: "The author's name.")
    var author: String?

    @Option(help: "The book's language, a BCP 47 tag such as en, fr-CA or ja.")
    var language: String = "en"

    func run() throws {
      let scaffold = ManuscriptScaffold(title: title, author: author, language: language)
      // The checks `octavo check` runs on book.yaml, before anything is written.
      let errors = scaffold.problems.filter { $0.severity == .error }
      if !errors.isEmpty {
        for problem in errors {
          let option =
            switch problem.code {
            case .badLanguage: "--language: "
            case .missingTitle: "--title: "
            default: ""
            }
          _ = fail(
            option + (problem.code == .missingTitle ? "the title is empty" : problem.message)
              + " [\(problem.code.rawValue)]")
        }
        throw ExitStatus.usage
      }
      let written: [String]
      do {
        written = try scaffold.create(at: URL(fileURLWithPath: folder))
      } catch {
        throw fail(describe(error))
      }
      let shown = folder.hasSuffix("/") ? folder : folder + "/"
      for path in written { print("created \(shown)\(path)") }
      let typed = Self.shellQuoted(folder)
      print(
        """

        Next:
          octavo serve \(typed)    preview the book in your browser while you write
          octavo build \(typed)    write the EPUB and the print edition into \(shown)\(BookLocation.outputFolderName)
        """)
    }

    /// `path` as a shell reads it back: as is when it is plain, else in single quotes.
    static func shellQuoted(_ path: String) -> String {
      let plain = path.unicodeScalars.allSatisfy {
        CharacterSet.alphanumerics.contains($0) || "-_./+,:@%".unicodeScalars.contains($0)
      }
      return plain && !path.isEmpty
        ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
  }
}
