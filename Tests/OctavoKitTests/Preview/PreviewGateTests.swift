import Foundation
import Testing

@testable import octavo

/// The preview server's front door, on the real binary with real sockets: request heads too
/// long are refused with 414 or 431 before any parsing, and a `Host` that is not the
/// loopback address the server listens on gets 421 (a DNS-rebinding page cannot read the book).
@Suite("Preview server: limits and Host", .serialized)
struct PreviewGateTests {
  static let manuscript = TestPaths.fixtures.appending(path: "books/minimal")

  /// Sends `head` as given and reads the answer.
  static func send(_ head: String, to server: ServedBook) throws -> HTTPTestResponse {
    let connection = try RawHTTPConnection(port: server.port)
    defer { connection.close() }
    try connection.send(head)
    return try connection.readResponse()
  }

  @Test("Host values the preview answers to, and ones it refuses with 421")
  func hosts() throws {
    let server = try ServedBook(Self.manuscript)
    defer { server.stop() }
    let port = server.port
    for host in [
      "127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)", "LOCALHOST:\(port)", "127.0.0.1",
    ] {
      let response = try Self.send(
        "GET / HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n", to: server)
      #expect(response.status == 200, "Host: \(host)")
    }
    for host in [
      "attacker.example:\(port)", "127.0.0.1:\(port &+ 1)", "127.0.0.1.nip.io:\(port)",
      "localhost.:\(port)",
      "", "0.0.0.0:\(port)",
    ] {
      let response = try Self.send(
        "GET / HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n", to: server)
      #expect(response.status == 421, "Host: \(host)")
      #expect(!response.text.contains("<nav"), "the book was served to Host: \(host)")
    }
    let none = try Self.send("GET / HTTP/1.1\r\nConnection: close\r\n\r\n", to: server)
    #expect(none.status == 421)
    let two = try Self.send(
      "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: attacker.example\r\n\r\n", to: server)
    #expect(two.status == 421)
  }

  @Test(
    "a request line over 8 KiB gets 414, a head over 32 KiB gets 431; one request per connection")
  func limits() throws {
    let server = try ServedBook(Self.manuscript)
    defer { server.stop() }
    let longLine =
      "GET /" + String(repeating: "a", count: 100_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    #expect(try Self.send(longLine, to: server).status == 414)
    let noEnd = "GET /" + String(repeating: "b", count: 9_000)
    #expect(try Self.send(noEnd, to: server).status == 414)
    let header = "X-Filler: " + String(repeating: "c", count: 4_000) + "\r\n"
    let bigHead =
      "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + String(repeating: header, count: 10) + "\r\n"
    #expect(try Self.send(bigHead, to: server).status == 431)
    // Just under the limits is served.
    let fine =
      "GET /?" + String(repeating: "d", count: 8_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      + String(repeating: "X-Filler: " + String(repeating: "e", count: 1_000) + "\r\n", count: 20)
      + "Connection: close\r\n\r\n"
    #expect(try Self.send(fine, to: server).status == 200)
    // Keep-alive does not smuggle a second request past the gate.
    let connection = try RawHTTPConnection(port: server.port)
    defer { connection.close() }
    try connection.send(
      "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET / HTTP/1.1\r\nHost: attacker.example\r\n\r\n")
    let first = try connection.readResponse()
    #expect(first.status == 200)
    while connection.receiveMore() {}
    let text = String(decoding: connection.received, as: UTF8.self)
    #expect(
      text.components(separatedBy: "HTTP/1.1 ").count == 2,
      "a second answer on one connection:\n\(text.prefix(300))")
  }

  @Test(
    "the gate's verdicts",
    arguments: [
      ("GET / HTTP/1.1\r\nHost: localhost:8000\r\n\r\n", "pass"),
      ("GET / HTTP/1.1\nHost: 127.0.0.1:8000\n\n", "pass"),
      ("GET / HTTP/1.1\r\nHost: localhost:8000\r\n", "incomplete"),
      ("GET / HTTP/1.1\r\nHost: localhost:8001\r\n\r\n", "421"),
      ("GET / HTTP/1.1\r\nhost:[::1]:8000\r\n\r\n", "pass"),
    ])
  func verdicts(_ head: String, _ expected: String) {
    let verdict: String =
      switch PreviewGate.judge(Array(head.utf8), port: 8000) {
      case .pass: "pass"
      case .incomplete: "incomplete"
      case .refuse(let status, _): String(status)
      }
    #expect(verdict == expected)
  }
}
