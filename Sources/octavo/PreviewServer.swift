import FlyingSocks
import Foundation
import OctavoKit

/// Serves a ``LivePreview`` over HTTP on the loopback interface only.
///
/// Every connection carries one request. ``PreviewGate`` reads its head itself, with limits (a
/// request line of at most 8 KiB, else 414; a head of at most 32 KiB, else 431) and a `Host`
/// allow-list (`127.0.0.1`, `localhost` and `[::1]`, with this server's port or none; anything
/// else 421, so a DNS-rebinding page cannot read the unpublished book); only a head that passes
/// reaches ``PreviewHandler``, whose answer is written and the connection closed.
struct PreviewServer {
  let preview: LivePreview
  let gate: PreviewGate

  /// Creates a server on 127.0.0.1:`port` (0 picks a free port).
  init(preview: LivePreview, port: UInt16) throws {
    self.preview = preview
    gate = try PreviewGate(port: port)
  }

  /// The port the server listens on.
  func port() async throws -> UInt16 { gate.port }

  /// Runs the server until cancelled.
  func run() async throws {
    let handler = PreviewHandler(preview: preview)
    try await gate.run { await handler.response(to: $0) }
  }
}

/// The preview server's connections: reads each request's head within size limits, checks its
/// `Host`, and writes the answer it is given for a head that passes.
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

  /// Accepts connections until cancelled, answering each request that passes with `answer`.
  func run(answering answer: @escaping @Sendable (PreviewRequest) async -> PreviewResponse)
    async throws
  {
    let pool = Self.pool()
    try await pool.prepare()
    let socket = try AsyncSocket(socket: listener, pool: pool)
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask { try await pool.run() }
      group.addTask {
        try await withThrowingDiscardingTaskGroup { connections in
          for try await client in socket.sockets {
            connections.addTask { await handle(client, answer: answer) }
          }
        }
      }
      try await group.next()
      group.cancelAll()
    }
  }

  /// The system's readiness queue for the sockets: epoll on Linux, kqueue on macOS.
  static func pool() -> some AsyncSocketPool {
    #if canImport(Darwin)
      return .kQueue()
    #elseif canImport(CSystemLinux)
      return .ePoll()
    #else
      return .poll()
    #endif
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

  private func handle(
    _ client: AsyncSocket, answer: @Sendable (PreviewRequest) async -> PreviewResponse
  ) async {
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
    let end = Self.headEnd(head) ?? head.count
    let response: PreviewResponse?
    switch verdict {
    case .refuse(let status, let reason):
      response = .text(status, reason, "\(status) \(reason)\n")
    case .pass, .incomplete:
      // One request per connection: bytes after the head (a body, or a second request) are
      // never read as a request.
      guard let request = PreviewRequest(head: head[..<end]) else {
        response = .text(400, "Bad Request", "400 Bad Request\n")
        break
      }
      do {
        try await answer(request).write(to: client, omittingBody: request.method == "HEAD")
      } catch {
        return
      }
      // A request that may carry a body is drained as a refused one is.
      guard end < head.count || (request.method != "GET" && request.method != "HEAD") else {
        return
      }
      response = nil
    }
    if let response { try? await response.write(to: client, omittingBody: false) }
    // Read what the client is still sending (for at most 2 s and 4 MB) before closing, so its
    // system does not reset the connection before the answer is read.
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
  }
}

/// Answers requests from the current site; `/_octavo/events` is the reload stream.
struct PreviewHandler: Sendable {
  let preview: LivePreview

  /// The answer to `request`.
  func response(to request: PreviewRequest) async -> PreviewResponse {
    guard request.method == "GET" || request.method == "HEAD" else {
      var refused = PreviewResponse.text(405, "Method Not Allowed", "405 Method Not Allowed\n")
      refused.headers.append(("Allow", "GET, HEAD"))
      return refused
    }
    if request.path == PreviewSite.eventsPath {
      let generation = request.query.first { $0.name == "generation" }.flatMap { Int($0.value) }
      let stream = await preview.events(since: generation)
      return PreviewResponse(
        status: 200, reason: "OK",
        headers: [("Content-Type", "text/event-stream"), ("Cache-Control", "no-store")],
        body: .events(stream))
    }
    let site = await preview.site
    guard let resource = await site.load(request.path) else {
      return .text(404, "Not Found", "not found\n")
    }
    var headers = [("Content-Type", resource.contentType), ("Cache-Control", "no-store")]
    if let name = resource.downloadName {
      headers.append(("Content-Disposition", "attachment; filename=\"\(name)\""))
    }
    return PreviewResponse(
      status: 200, reason: "OK", headers: headers, body: .bytes(resource.bytes))
  }
}
