import ArgumentParser
import Foundation
import OctavoKit

extension Octavo {
  struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Start a new book: a manuscript that builds at once.",
      discussion: """
        Writes book.yaml, two short chapters that show the format, an image and a copy of \
        the style sheets (in styles/) into FOLDER, which must be new or empty.
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
      let written: [String]
      do {
        written = try scaffold.create(at: URL(fileURLWithPath: folder))
      } catch let error as OctavoError {
        FileHandle.standardError.write(Data("octavo: error: \(error)\n".utf8))
        throw ExitCode.failure
      }
      let shown = folder.hasSuffix("/") ? folder : folder + "/"
      for path in written { print("created \(shown)\(path)") }
      print("""

        Next:
          octavo serve \(folder)      preview it in your browser while you write
          octavo build \(folder) --styles \(shown)\(ManuscriptScaffold.stylesFolder)
        """)
    }
  }
}
