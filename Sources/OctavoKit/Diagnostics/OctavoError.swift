/// A failure that stops a build: a missing folder, a file that cannot be written, a
/// library error. Problems in the manuscript are ``Diagnostic``s instead.
public struct OctavoError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: String, Sendable {
    case manuscriptNotFound = "manuscript folder not found"
    case cannotWrite = "cannot write output"
    case zip = "cannot make the zip container"
    case xml = "cannot serialize XML"
    case folderNotEmpty = "the folder is not empty"
    case invalidEPUB =
      "the EPUB failed Octavo's structure check, which is a bug in Octavo (please report it); nothing was written"
    case noPDFEngine = "no PDF engine"
    case pdfEngineFailed = "the PDF engine failed"
    case cannotImport = "cannot import"
  }

  /// What went wrong.
  public var kind: Kind
  /// The file or folder concerned.
  public var path: String?
  /// The underlying library's or system's message.
  public var detail: String?

  /// Creates an error.
  public init(_ kind: Kind, path: String? = nil, detail: String? = nil) {
    self.kind = kind
    self.path = path
    self.detail = detail
  }

  public var description: String {
    var text = kind.rawValue
    if let path { text += ": \(DisplayText.escaped(path))" }
    if let detail { text += " (\(DisplayText.escaped(detail)))" }
    return text
  }
}
