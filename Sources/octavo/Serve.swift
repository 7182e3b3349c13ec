import ArgumentParser
import Foundation
import OctavoKit

extension Octavo {
  struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "serve",
      abstract: "Preview the book in a browser, rebuilt and reloaded as you write.",
      discussion: """
        Serves the book on http://127.0.0.1:PORT/ (this computer only): each chapter as a \
        web page, the contents, the print edition (/print.html) and the EPUB (/book.epub, \
        made in memory: nothing is written to the output folder). When a file in the \
        manuscript or styles folder changes, the book is rebuilt and open pages reload. \
        When the manuscript has errors, the pages show them instead.
        """)

    @OptionGroup var book: BookArgument

    @Option(help: stylesHelp)
    var styles: String?

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: UInt16 = 8000

    @Flag(help: "Open the book in the default browser (with xdg-open or open).")
    var open = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
      let printer = DiagnosticPrinter(options: output)
      // A missing book ends here, with status 66, before anything listens.
      let located = try book.locate()
      let manuscript = located.shown
      let stylesURL = try located.styles(styles)
      // A busy port is named at once, not after the server's start-up timeout.
      if port != 0, let reason = PortProbe.unavailable(port) {
        throw Self.cannotListen(port, reason: reason)
      }
      printer.detail("book \(manuscript), styles \(stylesURL.map(located.show) ?? "built in")")
      let preview = LivePreview(manuscript: located.location.manuscript, styles: stylesURL)
      let manuscriptName = manuscript
      let label = located.label
      await preview.onRebuild { site, duration in
        let seconds =
          Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        printer.status(
          "rebuilt (generation \(site.generation)) in \(String(format: "%.2f", seconds)) s")
        printer.detail("loaded in \(site.loadTime), rendered in \(site.renderTime)")
        Self.show(site, printer: printer, manuscript: manuscriptName)
      }
      Self.show(await preview.site, printer: printer, manuscript: manuscript)
      let server: PreviewServer
      do {
        server = try PreviewServer(preview: preview, port: port)
      } catch {
        throw Self.cannotListen(port, reason: describe(error))
      }
      let open = self.open
      let port = self.port
      do {
        try await withThrowingTaskGroup(of: Void.self) { group in
          group.addTask { try await server.run() }
          group.addTask { await preview.watch() }
          // Waits for the address in its own task, so a server that fails to start ends the
          // group at once instead of after the wait's timeout.
          group.addTask {
            let actualPort = try await server.port()
            let address = "http://127.0.0.1:\(actualPort)/"
            print("serving \(label) at \(address) (Ctrl-C to stop)")
            fflush(nil)
            if open { Self.openBrowser(address) }
            // Stays in the group until the others end.
            while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
          }
          try await group.next()
          group.cancelAll()
        }
      } catch let error as ExitCode {
        throw error
      } catch {
        throw Self.cannotListen(port, reason: describe(error))
      }
    }

    /// Prints that the server cannot listen on `port`, and why, with what to do; returns
    /// the exit status.
    static func cannotListen(_ port: UInt16, reason: String) -> ExitCode {
      let busy = reason.lowercased().contains("in use")
      return fail(
        "cannot listen on 127.0.0.1:\(port): "
          + (busy
            ? "port \(port) is in use by another program (perhaps another octavo serve)" : reason),
        hint: "choose another port with --port N, or let the system pick a free one with --port 0")
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
      guard
        let opener = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) })
      else {
        FileHandle.standardError.write(
          Data("octavo: no xdg-open found; open \(address) yourself\n".utf8))
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
