import Foundation

/// Keeps a ``PreviewSite`` up to date with its manuscript and tells listeners when it
/// changes: the engine of `octavo serve`, without the HTTP server.
///
/// ``watch(interval:)`` polls the manuscript (and style) folders; on a change it builds a new
/// site, one generation higher, and sends a server-sent event (`event: reload`) to every
/// stream made by ``events(since:)``.
public actor LivePreview {
  /// The site now served.
  public private(set) var site: PreviewSite
  /// The manuscript folder.
  public nonisolated let manuscript: URL
  /// The style sheets folder, if any.
  public nonisolated let styles: URL?
  private let environment: [String: String]
  private var fingerprint: FolderFingerprint
  private var listeners: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]
  private var onRebuild: (@Sendable (PreviewSite, Duration) -> Void)?
  /// The chapters parsed so far: a rebuild parses only the files whose text changed.
  private let memo = ChapterParseMemo()

  /// Loads and renders the manuscript once.
  public init(
    manuscript: URL, styles: URL? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    self.manuscript = manuscript
    self.styles = styles
    self.environment = environment
    fingerprint = FolderFingerprint(of: [manuscript] + (styles.map { [$0] } ?? []))
    site = PreviewSite(
      manuscript: manuscript, styles: styles, generation: 1, environment: environment,
      memo: memo)
  }

  /// Sets what to call after each rebuild (with the new site and the time it took).
  public func onRebuild(_ body: @escaping @Sendable (PreviewSite, Duration) -> Void) {
    onRebuild = body
  }

  /// The number of streams listening for reloads.
  public var listenerCount: Int { listeners.count }

  /// A stream of server-sent events for a page made from generation `generation`: a
  /// `reload` event at once if the site is newer already, then one per rebuild.
  public func events(since generation: Int?) -> AsyncStream<[UInt8]> {
    let id = UUID()
    let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(
      bufferingPolicy: .bufferingNewest(16))
    continuation.yield(Array("retry: 500\n: generation \(site.generation)\n\n".utf8))
    if let generation, generation != site.generation {
      continuation.yield(Self.reloadEvent(site.generation))
    }
    listeners[id] = continuation
    continuation.onTermination = { [weak self] _ in
      Task { await self?.removeListener(id) }
    }
    return stream
  }

  private func removeListener(_ id: UUID) { listeners[id] = nil }

  static func reloadEvent(_ generation: Int) -> [UInt8] {
    Array("event: reload\ndata: \(generation)\n\n".utf8)
  }

  /// Sends a comment to every listener, so idle connections stay open through proxies.
  public func keepAlive() {
    for listener in listeners.values { listener.yield(Array(": keep-alive\n\n".utf8)) }
  }

  /// Checks the folders once and rebuilds if anything changed; returns whether it did.
  @discardableResult
  public func refreshIfChanged() async -> Bool {
    let folders = [manuscript] + (styles.map { [$0] } ?? [])
    let now = FolderFingerprint(of: folders)
    guard now != fingerprint else { return false }
    fingerprint = now
    await rebuild()
    return true
  }

  /// Builds a new site from the manuscript as it is now and tells every listener.
  public func rebuild() async {
    let clock = ContinuousClock()
    let start = clock.now
    let next = site.generation + 1
    let (manuscript, styles, environment, memo) = (
      self.manuscript, self.styles, self.environment, self.memo
    )
    // Load and render off the actor, so event streams keep being served meanwhile.
    let built = await Task.detached {
      PreviewSite(
        manuscript: manuscript, styles: styles, generation: next, environment: environment,
        memo: memo)
    }.value
    let previous = site
    site = built
    let event = Self.reloadEvent(built.generation)
    for listener in listeners.values { listener.yield(event) }
    onRebuild?(built, clock.now - start)
    // The previous site (the whole book, rendered) is torn down off the actor, after the new
    // one is served: freeing it took a twentieth of a rebuild on a book of a million words.
    Task.detached(priority: .background) { withExtendedLifetime(previous) {} }
  }

  /// Polls the folders every `interval` and rebuilds on change, until the task is cancelled.
  public func watch(interval: Duration = .milliseconds(200)) async {
    var sinceKeepAlive = Duration.zero
    while !Task.isCancelled {
      try? await Task.sleep(for: interval)
      await refreshIfChanged()
      sinceKeepAlive += interval
      if sinceKeepAlive >= .seconds(10) {
        keepAlive()
        sinceKeepAlive = .zero
      }
    }
  }
}
