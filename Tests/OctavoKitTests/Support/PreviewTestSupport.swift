import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `octavo serve` run as a real process on a free loopback port, for tests.
final class ServedBook {
  let process = Process()
  let port: UInt16
  let log: URL

  /// Starts `octavo serve manuscript --port 0` and waits for its address.
  convenience init(_ manuscript: URL, styles: URL = TestPaths.styles) throws {
    try self.init(arguments: ["serve", manuscript.path, "--port", "0", "--styles", styles.path])
  }

  /// Starts `octavo` with `arguments` (a `serve` command that prints its address), in
  /// `directory` when given, and waits for the address.
  init(arguments: [String], in directory: URL? = nil) throws {
    log = FileManager.default.temporaryDirectory.appending(
      path: "octavo-serve-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    process.executableURL = TestPaths.octavo
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    process.standardOutput = try FileHandle(forWritingTo: log)
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    var found: UInt16?
    while found == nil, Date() < deadline, process.isRunning {
      let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
      if let match = text.firstMatch(of: /127\.0\.0\.1:(\d+)\//) { found = UInt16(match.1) }
      if found == nil { Thread.sleep(forTimeInterval: 0.05) }
    }
    guard let found else {
      if process.isRunning { process.terminate() }
      throw HTTPTestError("the server did not start")
    }
    port = found
  }

  func stop() {
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
    }
    try? FileManager.default.removeItem(at: log)
  }

  /// A GET of `path`, sent byte for byte as given (no client-side normalization).
  func get(_ path: String) throws -> HTTPTestResponse {
    let connection = try RawHTTPConnection(port: port)
    defer { connection.close() }
    try connection.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    return try connection.readResponse()
  }

  /// Opens the reload event stream.
  func events(generation: Int? = nil) throws -> RawHTTPConnection {
    let connection = try RawHTTPConnection(port: port)
    let query = generation.map { "?generation=\($0)" } ?? ""
    try connection.send("GET /_octavo/events\(query) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    return connection
  }
}

struct HTTPTestError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

struct HTTPTestResponse {
  var status: Int
  var headers: [String: String]
  var body: [UInt8]
  var text: String { String(decoding: body, as: UTF8.self) }
}

/// A plain TCP connection to 127.0.0.1, speaking just enough HTTP/1.1 for tests.
final class RawHTTPConnection {
  private let socketFD: Int32
  private(set) var received: [UInt8] = []

  init(port: UInt16) throws {
    socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socketFD >= 0 else { throw HTTPTestError("socket() failed") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let status = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard status == 0 else {
      Glibc.close(socketFD)
      throw HTTPTestError("cannot connect to port \(port)")
    }
    var timeout = timeval(tv_sec: 30, tv_usec: 0)
    setsockopt(socketFD, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
  }

  func send(_ text: String) throws {
    let bytes = Array(text.utf8)
    let sent = bytes.withUnsafeBytes {
      Glibc.send(socketFD, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
    }
    guard sent == bytes.count else { throw HTTPTestError("send failed") }
  }

  /// Reads more bytes; false at the end of the stream or on timeout.
  @discardableResult
  func receiveMore() -> Bool {
    var buffer = [UInt8](repeating: 0, count: 65536)
    let count = buffer.withUnsafeMutableBytes { recv(socketFD, $0.baseAddress, $0.count, 0) }
    guard count > 0 else { return false }
    received += buffer[..<count]
    return true
  }

  /// Waits until `token` has arrived (after `from`), returning the text received so far.
  func waitFor(_ token: String, after offset: Int = 0) throws -> String {
    let needle = Array(token.utf8)
    while true {
      if received.count >= offset, received[offset...].firstRange(of: needle) != nil {
        return String(decoding: received, as: UTF8.self)
      }
      guard receiveMore() else {
        throw HTTPTestError(
          "stream ended without \(token): \(String(decoding: received, as: UTF8.self))")
      }
    }
  }

  /// Reads one whole response (with Content-Length, or until the connection closes).
  func readResponse() throws -> HTTPTestResponse {
    let separator = Array("\r\n\r\n".utf8)
    while received.firstRange(of: separator) == nil {
      guard receiveMore() else { throw HTTPTestError("no response head") }
    }
    let end = received.firstRange(of: separator)!
    let head = String(decoding: received[..<end.lowerBound], as: UTF8.self).components(
      separatedBy: "\r\n")
    let status = Int(head[0].split(separator: " ")[1]) ?? 0
    var headers: [String: String] = [:]
    for line in head.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
        in: .whitespaces)
    }
    let bodyStart = end.upperBound
    if let length = headers["content-length"].flatMap(Int.init) {
      while received.count - bodyStart < length {
        guard receiveMore() else { throw HTTPTestError("body cut short") }
      }
      return HTTPTestResponse(
        status: status, headers: headers, body: Array(received[bodyStart..<bodyStart + length]))
    }
    while receiveMore() {}
    return HTTPTestResponse(status: status, headers: headers, body: Array(received[bodyStart...]))
  }

  func close() { Glibc.close(socketFD) }
}

/// Copies a folder to a new temporary folder.
func temporaryCopy(of folder: URL) throws -> URL {
  let copy = FileManager.default.temporaryDirectory.appending(
    path: "octavo-copy-\(UUID().uuidString)")
  try FileManager.default.copyItem(at: folder, to: copy)
  return copy
}
