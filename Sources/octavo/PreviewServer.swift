import FlyingFox
import FlyingSocks
import Foundation
import OctavoKit

/// Serves a ``LivePreview`` over HTTP on the loopback interface only.
struct PreviewServer {
  let preview: LivePreview
  let server: HTTPServer

  /// Creates a server on 127.0.0.1:`port` (0 picks a free port).
  init(preview: LivePreview, port: UInt16) throws {
    self.preview = preview
    server = HTTPServer(config: .init(address: try .inet(ip4: "127.0.0.1", port: port),
                                      logger: .disabled),
                        handler: PreviewHandler(preview: preview))
  }

  /// The port the server listens on, once listening.
  func port() async throws -> UInt16 {
    try await server.waitUntilListening()
    if case .ip4(_, let port) = await server.listeningAddress { return port }
    throw SocketError.disconnected
  }
}

/// Answers requests from the current site; `/_octavo/events` is the reload stream.
struct PreviewHandler: HTTPHandler {
  let preview: LivePreview

  func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
    guard request.method == .GET || request.method == .HEAD else {
      return HTTPResponse(statusCode: .methodNotAllowed, headers: HTTPHeaders([HTTPHeader("Allow"): "GET, HEAD"]))
    }
    if request.path == PreviewSite.eventsPath {
      let generation = request.query.first { $0.name == "generation" }.flatMap { Int($0.value) }
      let stream = await preview.events(since: generation)
      return HTTPResponse(
        statusCode: .ok,
        headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
        body: HTTPBodySequence(from: EventBytes(stream: stream)))
    }
    let site = await preview.site
    guard let resource = await site.load(request.path) else {
      return HTTPResponse(statusCode: .notFound, headers: HTTPHeaders([.contentType: "text/plain; charset=utf-8"]),
                          body: Data("not found\n".utf8))
    }
    var headers: HTTPHeaders = [.contentType: resource.contentType, .cacheControl: "no-store"]
    if let name = resource.downloadName {
      headers[HTTPHeader("Content-Disposition")] = "attachment; filename=\"\(name)\""
    }
    return HTTPResponse(statusCode: .ok, headers: headers, body: Data(resource.bytes))
  }
}

/// The bytes of a stream of server-sent events, as FlyingFox writes a streamed body: each
/// event becomes one chunk as soon as it is sent.
struct EventBytes: AsyncBufferedSequence {
  typealias Element = UInt8
  let stream: AsyncStream<[UInt8]>

  func makeAsyncIterator() -> Iterator { Iterator(events: stream.makeAsyncIterator()) }

  struct Iterator: AsyncBufferedIteratorProtocol {
    var events: AsyncStream<[UInt8]>.Iterator
    var pending: ArraySlice<UInt8> = []

    mutating func next() async throws -> UInt8? {
      guard let buffer = try await nextBuffer(suggested: 1) else { return nil }
      return buffer.first
    }

    mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
      while pending.isEmpty {
        guard let event = await events.next() else { return nil }
        pending = event[...]
      }
      let taken = pending.prefix(Swift.max(1, count))
      pending = pending.dropFirst(taken.count)
      return Array(taken)
    }
  }
}
