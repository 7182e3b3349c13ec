import ArgumentParser
import Foundation
import OctavoKit

extension Octavo {
  struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Preview the book in a browser, rebuilt and reloaded as you write.",
      discussion: """
        Serves the book on http://127.0.0.1:PORT/ (this computer only): each chapter as a \
        web page, the contents, the print edition (/print.html) and the EPUB (/book.epub, \
        made in memory: nothing is written to the output folder). When a file in the \
        manuscript or styles folder changes, the book is rebuilt and open pages reload. \
        When the manuscript has errors, the pages show them instead.
        """)

    @Argument(help: "The manuscript folder (with book.yaml).")
    var manuscript: String = "Manuscript"

    @Option(help: "The folder of style sheets (epub.css, print.css); built-in styles fill in what is missing.")
    var styles: String = "Styles"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: UInt16 = 8000

    @Flag(help: "Open the book in the default browser (with xdg-open or open).")
    var open = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
      let printer = DiagnosticPrinter(options: output)
      let manuscriptURL = URL(fileURLWithPath: manuscript)
      let stylesURL = URL(fileURLWithPath: styles)
      let preview = LivePreview(manuscript: manuscriptURL, styles: stylesURL)
      let manuscriptName = manuscript
      await preview.onRebuild { site, duration in
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        printer.status("rebuilt (generation \(site.generation)) in \(String(format: "%.2f", seconds)) s")
        printer.detail("loaded in \(site.loadTime), rendered in \(site.renderTime)")
        Self.show(site, printer: printer, manuscript: manuscriptName)
      }
      Self.show(await preview.site, printer: printer, manuscript: manuscript)
      let server: PreviewServer
      do {
        server = try PreviewServer(preview: preview, port: port)
      } catch {
        FileHandle.standardError.write(Data("octavo: error: cannot listen on 127.0.0.1:\(port) (\(error))\n".utf8))
        throw ExitCode.failure
      }
      try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.run() }
        group.addTask { await preview.watch() }
        let actualPort = try await server.port()
        let address = "http://127.0.0.1:\(actualPort)/"
        print("serving \(manuscript) at \(address) (Ctrl-C to stop)")
        fflush(nil)
        if open { Self.openBrowser(address) }
        try await group.next()
        group.cancelAll()
      }
    }

    static func show(_ site: PreviewSite, printer: DiagnosticPrinter, manuscript: String) {
      if let failure = site.failure {
        FileHandle.standardError.write(Data("octavo: error: \(failure)\n".utf8))
      } else {
        printer.report(site.diagnostics, manuscript: manuscript)
      }
    }

    /// Opens `address` with the system's opener, if there is one.
    static func openBrowser(_ address: String) {
      let candidates = ["/usr/bin/xdg-open", "/usr/local/bin/xdg-open", "/usr/bin/open"]
      guard let opener = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
        FileHandle.standardError.write(Data("octavo: no xdg-open found; open \(address) yourself\n".utf8))
        return
      }
      let process = Process()
      process.executableURL = URL(fileURLWithPath: opener)
      process.arguments = [address]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try? process.run()
    }
  }
}
