import Foundation

/// Reads manuscript files safely: only inside the manuscript folder, never through a link
/// that leads out of it, within a size limit, as UTF-8 (a BOM is dropped, CRLF becomes LF).
struct ManuscriptFile {
  /// The largest file Octavo reads.
  static let maximumSize = 50 * 1024 * 1024

  /// The manuscript folder, with symbolic links resolved.
  let root: URL

  init(root: URL) {
    let standardized = root.standardizedFileURL
    self.root = Self.realPath(standardized) ?? standardized.resolvingSymlinksInPath()
  }

  /// The file or folder at `url` with every symbolic link on its path followed and `.` and
  /// `..` taken away (`realpath(3)`); `nil` when it, or a folder on the way, is missing or
  /// cannot be looked into, or a link leads nowhere.
  static func realPath(_ url: URL) -> URL? {
    guard let resolved = realpath(url.path, nil) else { return nil }
    defer { free(resolved) }
    return URL(filePath: String(cString: resolved), directoryHint: .notDirectory)
  }

  /// The outcome of resolving a manuscript-relative path.
  enum Resolution {
    case inside(URL)
    case outside
    case missing
  }

  /// Resolves `path` (relative to the manuscript folder) to a file inside it.
  func resolve(_ path: String) -> Resolution {
    if path.hasPrefix("/") || path.hasPrefix("~") { return .outside }
    // `.` and `..` are taken away as written first (a path that climbs above the folder is
    // outside it); then realpath(3) follows the links and finds whether the file exists, in
    // one call where URL's standardizing, asking whether the file exists and resolving its
    // links took a dozen system and Foundation calls (half the time now).
    var components: [Substring] = []
    for component in path.split(separator: "/", omittingEmptySubsequences: true) {
      if component == "." { continue }
      if component == ".." {
        if components.popLast() == nil { return .outside }
      } else {
        components.append(component)
      }
    }
    // The manuscript folder itself is no file in it.
    if components.isEmpty { return .outside }
    let url = root.appending(path: components.joined(separator: "/"), directoryHint: .notDirectory)
    guard let real = Self.realPath(url) else { return .missing }
    guard Self.isInside(real, root) else { return .outside }
    return .inside(real)
  }

  static func isInside(_ url: URL, _ root: URL) -> Bool {
    let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
    return url.path.hasPrefix(rootPath)
  }

  /// A problem reading a file's text.
  enum ReadError: Error {
    case tooLarge(Int)
    case unreadable(String)
    case notUTF8(line: Int, column: Int)
    case isDirectory
    /// A FIFO, device or socket (its kind), which is never opened: reading it could wait for ever.
    case special(String)
  }

  /// What kind of special file `url` is (`a named pipe (FIFO)`, `a device`, `a socket`), found
  /// without opening it; `nil` for a regular file, a folder or a path that does not exist.
  static func specialKind(of url: URL) -> String? {
    var info = stat()
    guard stat(url.path, &info) == 0 else { return nil }
    switch info.st_mode & S_IFMT {
    case S_IFIFO: return "a named pipe (FIFO)"
    case S_IFCHR: return "a character device"
    case S_IFBLK: return "a block device"
    case S_IFSOCK: return "a socket"
    default: return nil
    }
  }

  /// Reads a text file, checking size and encoding.
  func readText(at url: URL) -> Result<String, ReadError> {
    if let kind = Self.specialKind(of: url) { return .failure(.special(kind)) }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      return .failure(.isDirectory)
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    if size > Self.maximumSize { return .failure(.tooLarge(size)) }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      return .failure(.unreadable(FileSystemMessage.reason(error)))
    }
    if data.count > Self.maximumSize { return .failure(.tooLarge(data.count)) }
    return Self.decode(data)
  }

  /// Why a file could not be read, in words (the system's message for its errno), without
  /// a Foundation error domain or code.
  static func reason(_ error: Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    if nsError.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(nsError.code)))
    }
    switch nsError.code {
    case NSFileReadNoPermissionError: return "permission denied"
    case NSFileReadNoSuchFileError: return "no such file"
    default: return "the system could not read it"
    }
  }

  /// Decodes UTF-8, dropping a BOM and turning CRLF and lone CR into LF.
  static func decode(_ data: Data) -> Result<String, ReadError> {
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      let (line, column) = firstInvalidUTF8(in: bytes)
      return .failure(.notUTF8(line: line, column: column))
    }
    // Most manuscripts have no carriage return: memchr finds that out at memory speed.
    let hasCarriageReturn = bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.map { memchr($0, 13, buffer.count) != nil } ?? false
    }
    if !hasCarriageReturn { return .success(text) }
    return .success(
      text.replacingOccurrences(of: "\r\n", with: "\n")
        .replacingOccurrences(of: "\r", with: "\n"))
  }

  /// The line and byte column of the first byte that is not valid UTF-8.
  static func firstInvalidUTF8(in bytes: [UInt8]) -> (Int, Int) {
    var line = 1
    var lineStart = 0
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 10 {
        line += 1
        lineStart = index + 1
        index += 1
        continue
      }
      let length: Int
      switch byte {
      case 0x00...0x7F: length = 1
      case 0xC2...0xDF: length = 2
      case 0xE0...0xEF: length = 3
      case 0xF0...0xF4: length = 4
      default: return (line, index - lineStart + 1)
      }
      if index + length > bytes.count { return (line, index - lineStart + 1) }
      let sequence = Array(bytes[index..<index + length])
      if String(validating: sequence, as: UTF8.self) == nil { return (line, index - lineStart + 1) }
      index += length
    }
    return (line, 1)
  }
}
