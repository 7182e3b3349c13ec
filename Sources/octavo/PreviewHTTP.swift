import FlyingSocks
import Foundation

/// A request to the preview server, read from its head: the method, the path and the query.
struct PreviewRequest: Equatable, Sendable {
  /// One `name=value` pair of the query string.
  struct QueryItem: Equatable, Sendable {
    var name: String
    var value: String
  }

  /// The method, as sent (`GET`, `HEAD`…).
  var method: String
  /// The path, percent-decoded and with its `.` and `..` segments resolved (`/a/../b` is
  /// `/b`); empty when the target is not a URL.
  var path: String
  /// The query's items, percent-decoded, in their order.
  var query: [QueryItem]

  /// Reads the request line of `head` (`METHOD target HTTP/x.y`), or fails when it is not one.
  init?(head: some Collection<UInt8>) {
    let line = head.prefix { $0 != 10 && $0 != 13 }
    let parts = line.split(separator: 32, omittingEmptySubsequences: false)
    guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty,
      parts[2].starts(with: Array("HTTP/".utf8))
    else { return nil }
    method = String(decoding: parts[0], as: UTF8.self)
    let components = URLComponents(string: String(decoding: parts[1], as: UTF8.self))
    path = (components?.percentEncodedPath).flatMap { URL(string: $0)?.standardized.path } ?? ""
    query = (components?.queryItems ?? []).map { QueryItem(name: $0.name, value: $0.value ?? "") }
  }
}

/// The preview server's answer to one request, written on a connection that then closes.
struct PreviewResponse: Sendable {
  /// What follows the head.
  enum Body: Sendable {
    /// Bytes known whole: sent with a `Content-Length`.
    case bytes([UInt8])
    /// Server-sent events: each one a chunk of a chunked body, sent as it comes, until the
    /// stream ends or the client goes.
    case events(AsyncStream<[UInt8]>)
  }

  var status: Int
  var reason: String
  /// Header fields besides `Content-Length`, `Transfer-Encoding` and `Connection`.
  var headers: [(String, String)]
  var body: Body

  /// A plain-text answer.
  static func text(_ status: Int, _ reason: String, _ text: String) -> PreviewResponse {
    PreviewResponse(
      status: status, reason: reason,
      headers: [("Content-Type", "text/plain; charset=utf-8")], body: .bytes(Array(text.utf8)))
  }

  /// The status line and header fields, with the blank line that ends them.
  var head: [UInt8] {
    var text = "HTTP/1.1 \(status) \(reason)\r\n"
    for (name, value) in headers { text += "\(name): \(value)\r\n" }
    switch body {
    case .bytes(let bytes): text += "Content-Length: \(bytes.count)\r\n"
    case .events: text += "Transfer-Encoding: chunked\r\n"
    }
    text += "Connection: close\r\n\r\n"
    return Array(text.utf8)
  }

  /// One chunk of a chunked body: its size in hexadecimal, the bytes, a line break.
  static func chunk(_ bytes: [UInt8]) -> [UInt8] {
    Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + Array("\r\n".utf8)
  }

  /// Writes the answer to `client`; a `HEAD` request gets the head alone.
  func write(to client: AsyncSocket, omittingBody: Bool) async throws {
    switch body {
    case .bytes(let bytes):
      try await client.write(Data(omittingBody ? head : head + bytes))
    case .events(let stream):
      try await client.write(Data(head))
      if omittingBody { return }
      for await event in stream where !event.isEmpty {
        try await client.write(Data(Self.chunk(event)))
      }
      try await client.write(Data("0\r\n\r\n".utf8))
    }
  }
}
