import Foundation

extension ManuscriptLoader {
  /// Reports why a file could not be read.
  mutating func report(_ error: ManuscriptFile.ReadError, file: String) {
    switch error {
    case .tooLarge(let size):
      diagnostics.append(
        Diagnostic(
          .error, .fileTooLarge,
          "file is \((size + 1_048_575) / 1_048_576) MB; Octavo reads files of at most \(ManuscriptFile.maximumSize / 1_048_576) MB",
          at: SourceLocation(file: file)))
    case .unreadable(let reason):
      let message =
        file == Self.metadataFile
          && !FileManager.default.fileExists(
            atPath: files.root.appending(path: file).path)
        ? "no book.yaml in the manuscript folder" : "cannot read the file: \(reason)"
      diagnostics.append(
        Diagnostic(.error, .unreadableFile, message, at: SourceLocation(file: file)))
    case .notUTF8(let line, let column):
      diagnostics.append(
        Diagnostic(
          .error, .notUTF8, "the file is not valid UTF-8",
          at: SourceLocation(file: file, line: line, column: column)))
    case .isDirectory:
      diagnostics.append(
        Diagnostic(
          .error, .unreadableFile, "'\(file)' is a folder, not a file",
          at: SourceLocation(file: file)))
    case .special(let kind):
      diagnostics.append(
        Diagnostic(
          .error, .specialFile, "'\(file)' is \(kind), not a file; it is not read",
          at: SourceLocation(file: file)))
    }
  }
}
