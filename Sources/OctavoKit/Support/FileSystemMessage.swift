import Foundation

/// Says why a file operation failed in plain words: the system's own message (`Permission
/// denied`), or what is in the way (`/dev/null is a file, not a folder`), never a Foundation
/// error domain or code.
package enum FileSystemMessage {
  /// Why `error` happened, in words.
  package static func reason(_ error: Error) -> String {
    if let error = error as? OctavoError { return error.description }
    let nsError = error as NSError
    if let code = posixCode(nsError) { return String(cString: strerror(code)) }
    let text = "\(error)"
    if text.contains("Domain") || text.contains("error ") {
      return
        "the operating system refused (\(nsError.code == NSFileWriteNoPermissionError || nsError.code == NSFileReadNoPermissionError ? "permission denied" : "the file or folder cannot be used"))"
    }
    return text
  }

  /// Why the folder `folder` cannot be made: a file where a folder must be, a folder that
  /// cannot be written, or the system's message for `error`.
  package static func reason(creatingFolder folder: URL, error: Error) -> String {
    var url = folder.standardizedFileURL
    let manager = FileManager.default
    while url.path != "/", !manager.fileExists(atPath: url.path) {
      url = url.deletingLastPathComponent()
    }
    var isDirectory: ObjCBool = false
    if manager.fileExists(atPath: url.path, isDirectory: &isDirectory) {
      if !isDirectory.boolValue { return "\(url.path) is a file, not a folder" }
      if url.path != folder.standardizedFileURL.path, !manager.isWritableFile(atPath: url.path) {
        return "no permission to make a folder in \(url.path)"
      }
    }
    return reason(error)
  }

  /// The POSIX error code behind a Foundation error, if there is one.
  static func posixCode(_ error: NSError) -> Int32? {
    if error.domain == NSPOSIXErrorDomain { return Int32(error.code) }
    if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError {
      return posixCode(underlying)
    }
    return nil
  }
}
