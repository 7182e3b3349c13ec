import Foundation
import Testing

@testable import octavo

/// The preview server's own HTTP: the request line read into a method, a decoded path and a
/// query; answers written with a length, or chunked for the event stream; `HEAD`, other
/// methods and malformed request lines on the real binary; and no networking library linked.
@Suite("Preview server: requests and answers", .serialized)
struct PreviewHTTPTests {
  @Test(
    "a request line is read into a method, a decoded path and a query",
    arguments: [
      ("GET / HTTP/1.1", "GET", "/", ""),
      ("HEAD /text/writing.xhtml HTTP/1.1", "HEAD", "/text/writing.xhtml", ""),
      ("GET /images/a%20b.svg HTTP/1.0", "GET", "/images/a b.svg", ""),
      ("GET /text/../nav.xhtml HTTP/1.1", "GET", "/nav.xhtml", ""),
      ("GET /./styles/epub.css HTTP/1.1", "GET", "/styles/epub.css", ""),
      ("GET /_octavo/events?generation=3 HTTP/1.1", "GET", "/_octavo/events", "generation=3"),
      ("GET /?a=1&b=x%2By&c HTTP/1.1", "GET", "/", "a=1,b=x+y,c="),
      ("GET /caf%C3%A9.xhtml HTTP/1.1", "GET", "/café.xhtml", ""),
      ("POST /upload HTTP/1.1", "POST", "/upload", ""),
    ])
  func reads(_ line: String, _ method: String, _ path: String, _ query: String) throws {
    let request = try #require(PreviewRequest(head: Array((line + "\r\nHost: x\r\n\r\n").utf8)))
    #expect(request.method == method)
    #expect(request.path == path)
    #expect(request.query.map { "\($0.name)=\($0.value)" }.joined(separator: ",") == query)
  }

  @Test(
    "what is not a request line is refused",
    arguments: [
      "", "GET", "GET /", "GET / HTTP/1.1 extra", "GET  / HTTP/1.1", " / HTTP/1.1",
      "GET / FTP/1.0",
    ])
  func refuses(_ line: String) {
    #expect(PreviewRequest(head: Array((line + "\r\n\r\n").utf8)) == nil)
  }

  @Test("an answer's head: a length for bytes, chunked for events, and the connection closed")
  func heads() {
    let text = PreviewResponse.text(404, "Not Found", "not found\n")
    #expect(
      String(decoding: text.head, as: UTF8.self)
        == "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\n"
        + "Content-Length: 10\r\nConnection: close\r\n\r\n")
    let events = PreviewResponse(
      status: 200, reason: "OK", headers: [("Content-Type", "text/event-stream")],
      body: .events(AsyncStream { $0.finish() }))
    #expect(
      String(decoding: events.head, as: UTF8.self)
        == "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
    #expect(
      String(decoding: PreviewResponse.chunk(Array(repeating: 65, count: 26)), as: UTF8.self)
        == "1a\r\n" + String(repeating: "A", count: 26) + "\r\n")
  }

  @Test("HEAD gets the head alone, POST gets 405 with Allow, a broken request line 400")
  func methods() throws {
    let server = try ServedBook(TestPaths.fixtures.appending(path: "books/minimal"))
    defer { server.stop() }
    let get = try server.get("/styles/epub.css")
    #expect(get.status == 200)
    #expect(!get.body.isEmpty)

    let head = try RawHTTPConnection(port: server.port)
    defer { head.close() }
    try head.send("HEAD /styles/epub.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    while head.receiveMore() {}
    let headText = String(decoding: head.received, as: UTF8.self)
    #expect(headText.hasPrefix("HTTP/1.1 200 OK\r\n"))
    #expect(headText.contains("Content-Length: \(get.body.count)\r\n"))
    #expect(headText.hasSuffix("\r\n\r\n"), "a body came after the head of a HEAD answer")

    let post = try RawHTTPConnection(port: server.port)
    defer { post.close() }
    try post.send(
      "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello")
    let refused = try post.readResponse()
    #expect(refused.status == 405)
    #expect(refused.headers["allow"] == "GET, HEAD")

    let broken = try RawHTTPConnection(port: server.port)
    defer { broken.close() }
    try broken.send("GET /\r\nHost: 127.0.0.1\r\n\r\n")
    #expect(try broken.readResponse().status == 400)

    #expect(try server.get("/../../etc/passwd").status == 404)
    #expect(try server.get("/%2e%2e/%2e%2e/etc/passwd").status == 404)
    #expect(try server.get("/a%zz").status == 404)
  }

  @Test("the event stream is chunked: each event one chunk")
  func eventChunks() throws {
    let server = try ServedBook(TestPaths.fixtures.appending(path: "books/minimal"))
    defer { server.stop() }
    let events = try server.events()
    defer { events.close() }
    let text = try events.waitFor(": generation 1")
    #expect(text.contains("Transfer-Encoding: chunked\r\n"))
    let body = try #require(text.range(of: "\r\n\r\n")).upperBound
    let lines = text[body...].components(separatedBy: "\r\n")
    let size = try #require(Int(lines[0], radix: 16))
    #expect(lines[1].contains(": generation 1\n"))
    #expect(lines[1].utf8.count == size)
  }

  static let readelf = URL(filePath: "/usr/bin/readelf")

  @Test(
    "octavo links no networking library (FoundationNetworking, libcurl)",
    .enabled(
      if: FileManager.default.isExecutableFile(atPath: readelf.path) || OutsideTool.required))
  func noNetworking() throws {
    let readelf = Self.readelf
    try OutsideTool.require(
      FileManager.default.isExecutableFile(atPath: readelf.path), "readelf",
      install: "apt-get install binutils")
    let result = try runProcess(readelf, ["-d", TestPaths.octavo.path])
    #expect(result.status == 0)
    #expect(result.stdout.contains("(NEEDED)"))
    #expect(!result.stdout.contains("FoundationNetworking"))
    #expect(!result.stdout.contains("libcurl"))
  }
}
