import ArgumentParser
import Foundation
import OctavoKit

extension Octavo {
  struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "watch",
      abstract: "Build, then build again each time a file of the book changes.",
      discussion: """
        Takes the options of build. Polls the manuscript and styles folders every 200 ms \
        (the output folder is left out) and prints the diagnostics of each build. Stop it \
        with Ctrl-C.
        """)

    @OptionGroup var build: BuildArguments

    @OptionGroup var outputOptions: OutputOptions

    /// Builds once for each change seen; `rounds` limits the number of builds (for tests).
    @Option(help: .hidden)
    var rounds: Int?

    func run() async throws {
      let printer = DiagnosticPrinter(options: outputOptions)
      let resolved = try build.resolve()
      let folders = [resolved.book.location.manuscript] + (resolved.styles.map { [$0] } ?? [])
      let excluded = [resolved.output]
      var fingerprint = FolderFingerprint(of: folders, excluding: excluded)
      var count = 0
      // Chapters parsed by earlier rounds: a rebuild parses only the files that changed.
      let memo = ChapterParseMemo()
      while true {
        do {
          try build.build(printer: printer, resolved: resolved, memo: memo)
        } catch let error as ExitCode where error == .failure {
          // The diagnostics are printed; wait for a fix.
        }
        count += 1
        if let rounds, count >= rounds { return }
        print("watching \(resolved.book.label) for changes (Ctrl-C to stop)")
        fflush(nil)
        while true {
          try await Task.sleep(for: .milliseconds(200))
          let now = FolderFingerprint(of: folders, excluding: excluded)
          if now != fingerprint {
            fingerprint = now
            break
          }
        }
      }
    }
  }
}
