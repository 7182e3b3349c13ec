import FlyingFox
import FlyingSocks
import Foundation
import OctavoKit

/// Serves a ``LivePreview`` over HTTP on the loopback interface only.
///
/// Every connection first meets ``PreviewGate``, which reads the request head itself, with
/// limits (a request line of at most 8 KiB, else 414; a head of at most 32 KiB, else 431) and
/// a `Host` allow-list (`127.0.0.1`, `localhost` and `[::1]`, with this server's port or none;
/// anything else 421, so a DNS-rebinding page cannot read the unpublished book); only a head
/// that passes reaches FlyingFox, which listens on a second loopback port of its own.
struct PreviewServer {
  let preview: LivePreview
  let server: HTTPServer
  let gate: PreviewGate

  /// Creates a server on 127.0.0.1:`port` (0 picks a free port).
  init(preview: LivePreview, port: UInt16) throws {
    self.preview = preview
    server = HTTPServer(
      config: .init(address: try .inet(ip4: "127.0.0.1", port: 0), logger: .disabled),
      handler: PreviewHandler(preview: preview))
    gate = try PreviewGate(port: port)
  }

  /// The port the server listens on.
  func port() async throws -> UInt16 { gate.port }

  /// Runs the server until cancelled.
  func run() async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask { try await server.run() }
      group.addTask {
        try await server.waitUntilListening()
        guard case .ip4(_, let inner) = await server.listeningAddress else {
          throw SocketError.disconnected
        }
        try await gate.run(forwardingTo: inner)
      }
      try await group.next()
      group.cancelAll()
    }
  }
}

/// The front door of the preview server: reads each request's head within size limits,
/// checks its `Host`, then relays the connection to the HTTP server behind it.
struct PreviewGate: Sendable {
  /// The longest request line accepted (method, target, version).
  static let maximumRequestLine = 8 * 1024
  /// The longest request head accepted (request line and header fields).
  static let maximumHead = 32 * 1024

  let listener: Socket
  let port: UInt16

  init(port: UInt16) throws {
    listener = try Socket(domain: AF_INET, type: .stream)
    try listener.setValue(true, for: .localAddressReuse)
    try listener.bind(to: try sockaddr_in.inet(ip4: "127.0.0.1", port: port))
    try listener.listen()
    guard case .ip4(_, let bound) = try listener.sockname() else { throw SocketError.disconnected }
    self.port = bound
  }

  /// Accepts connections until cancelled, relaying good requests to 127.0.0.1:`inner`.
  func run(forwardingTo inner: UInt16) async throws {
    let pool = HTTPServer.defaultPool()
    try await pool.prepare()
    let socket = try AsyncSocket(socket: listener, pool: pool)
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask { try await pool.run() }
      group.addTask {
        try await withThrowingDiscardingTaskGroup { connections in
          for try await client in socket.sockets {
            connections.addTask { await handle(client, inner: inner, pool: pool) }
          }
        }
      }
      try await group.next()
      group.cancelAll()
    }
  }

  /// What the gate says about a request head.
  enum Verdict: Equatable {
    /// Relay it.
    case pass
    /// Answer with this status and close.
    case refuse(Int, String)
    /// Read more.
    case incomplete
  }

  /// Judges the bytes read so far of a request head.
  static func judge(_ head: [UInt8], port: UInt16) -> Verdict {
    let lineEnd = head.firstIndex(of: 10)
    if (lineEnd ?? head.count) > maximumRequestLine { return .refuse(414, "URI Too Long") }
    guard let end = headEnd(head) else {
      return head.count > maximumHead
        ? .refuse(431, "Request Header Fields Too Large") : .incomplete
    }
    if end > maximumHead { return .refuse(431, "Request Header Fields Too Large") }
    let text = String(decoding: head[..<end], as: UTF8.self)
    // "\r\n" is one Character: split on any line break.
    let lines = text.split(whereSeparator: \.isNewline)
    let hosts = lines.dropFirst().compactMap { line -> Substring? in
      guard let colon = line.firstIndex(of: ":"), line[..<colon].lowercased() == "host" else {
        return nil
      }
      return line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
    }
    guard hosts.count == 1,
      let host = hosts.first.map({ String($0).trimmingCharacters(in: .whitespaces) }),
      allowedHosts(port: port).contains(host.lowercased())
    else {
      return .refuse(421, "Misdirected Request")
    }
    return .pass
  }

  /// The `Host` values the preview answers to.
  static func allowedHosts(port: UInt16) -> Set<String> {
    var hosts: Set<String> = []
    for name in ["127.0.0.1", "localhost", "[::1]"] {
      hosts.insert(name)
      hosts.insert("\(name):\(port)")
    }
    return hosts
  }

  /// The offset just past the blank line that ends a head, if it has arrived.
  static func headEnd(_ bytes: [UInt8]) -> Int? {
    var index = 0
    while index + 1 < bytes.count {
      if bytes[index] == 10 {
        if bytes[index + 1] == 10 { return index + 2 }
        if bytes[index + 1] == 13, index + 2 < bytes.count, bytes[index + 2] == 10 {
          return index + 3
        }
      }
      index += 1
    }
    return nil
  }

  private func handle(_ client: AsyncSocket, inner: UInt16, pool: some AsyncSocketPool) async {
    defer { try? client.close() }
    var head: [UInt8] = []
    var verdict = Verdict.incomplete
    // A head that has not arrived within 15 s is dropped: shutting the socket down wakes the
    // read (closing it here could close a descriptor another connection reuses).
    let descriptor = client.socket.file.rawValue
    let timer = Task {
      try await Task.sleep(for: .seconds(15))
      _ = shutdown(descriptor, Int32(SHUT_RDWR))
    }
    defer { timer.cancel() }
    do {
      while verdict == .incomplete {
        head += try await client.read(atMost: 4096)
        verdict = Self.judge(head, port: port)
      }
    } catch {
      return
    }
    timer.cancel()
    if case .refuse(let status, let reason) = verdict {
      let body = "\(status) \(reason)\n"
      let response =
        "HTTP/1.1 \(status) \(reason)\r\nContent-Type: text/plain; charset=utf-8\r\n"
        + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body
      try? await client.write(Data(response.utf8))
      // Read what the client is still sending (for at most 2 s and 4 MB) before closing, so
      // its system does not reset the connection before the answer is read.
      _ = shutdown(descriptor, Int32(SHUT_WR))
      let drain = Task {
        try await Task.sleep(for: .seconds(2))
        _ = shutdown(descriptor, Int32(SHUT_RDWR))
      }
      defer { drain.cancel() }
      var drained = 0
      while drained < 4 << 20, let bytes = try? await client.read(atMost: 65536), !bytes.isEmpty {
        drained += bytes.count
      }
      return
    }
    guard
      let upstream = try? await AsyncSocket.connected(
        to: try sockaddr_in.inet(ip4: "127.0.0.1", port: inner),
        pool: pool)
    else { return }
    defer { try? upstream.close() }
    // One request per connection: the next one comes through the gate again.
    let end = Self.headEnd(head) ?? head.count
    let lines = String(decoding: head[..<end], as: UTF8.self).split(whereSeparator: \.isNewline)
      .filter {
        !$0.lowercased().hasPrefix("connection:") && !$0.lowercased().hasPrefix("keep-alive:")
      }
    let text = lines.joined(separator: "\r\n") + "\r\nConnection: close\r\n\r\n"
    do {
      try await upstream.write(Data(text.utf8) + Data(head[end...]))
      while true {
        let bytes = try await upstream.read(atMost: 65536)
        if bytes.isEmpty { break }
        try await client.write(Data(bytes))
      }
    } catch {
      return
    }
  }
}

/// Answers requests from the current site; `/_octavo/events` is the reload stream.
struct PreviewHandler: HTTPHandler {
  let preview: LivePreview

  func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
    guard request.method == .GET || request.method == .HEAD else {
      return HTTPResponse(
        statusCode: .methodNotAllowed, headers: HTTPHeaders([HTTPHeader("Allow"): "GET, HEAD"]))
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
      return HTTPResponse(
        statusCode: .notFound, headers: HTTPHeaders([.contentType: "text/plain; charset=utf-8"]),
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
