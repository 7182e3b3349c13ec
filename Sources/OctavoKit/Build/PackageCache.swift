import Foundation

/// What packaging the EPUB worked out, kept in `<output>/.cache/` between builds (one file,
/// ``fileName``), so a rebuild does not scan or deflate again the chapter documents that did
/// not change.
///
/// Two kinds of entries, both by render-cache key (``SerializedBook/Document/cacheKey``),
/// which stands for a chapter document's bytes and its name in the container:
/// - what the packager found in a document (``EPUBPackager/DocumentFacts``: whether it holds
///   MathML, and the structure check's findings in it alone: ids, links, problems);
/// - for the EPUB file the build wrote: its size, modification time (to the nanosecond) and
///   inode, and the key of each chapter document in it. When the file on disk is still that
///   one, a rebuild copies the deflated entries whose key is the same instead of deflating
///   them again; libzip then writes the same bytes as for a fresh entry.
///
/// As with the other caches: a file that cannot be read or was written by another version is
/// ignored, an entry that does not decode is worked out again, and only ``commit()``, after
/// the outputs are in place, writes the file, which then holds this build's entries only.
final class PackageCache: @unchecked Sendable {
  // 2: a document's links within itself are checked as it is scanned, not kept.
  // 3: where each document's links led (``EPUBStructureCheck/LinkTargets``); entries made in
  // memory (navigation, package document…) kept by a digest of their bytes; the ids as one
  // run of bytes (``EPUBStructureCheck/IDSet/joined``); the NCX's key by its inputs' digest.
  static let format = "octavo-package-cache 3 " + OctavoVersion.current
  static let fileName = "package.cache"
  private static let magic = Array("OCTAVO-PACKAGE-CACHE\n".utf8)

  private let table: CacheTable
  /// The facts ``reuse(for:keys:)`` decoded, by key: ``keep(_:destination:)`` keeps their
  /// stored bytes when the build found the same, instead of encoding them again.
  private var decoded: [String: EPUBPackager.DocumentFacts] = [:]

  /// Every document's facts, decoded ahead on another thread (``decodeAhead(parallel:)``).
  private var ahead: Background<[String: EPUBPackager.DocumentFacts]>?

  /// The cache in `folder`.
  init(folder: URL) {
    table = CacheTable(
      file: folder.appending(path: Self.fileName), magic: Self.magic, format: Self.format)
  }

  /// Begins decoding the facts of every document the file holds, on another thread: a
  /// rebuild that renders a chapter or two leaves a core idle, and ``reuse(for:keys:)``, on
  /// the build's thread after the rendering, then finds them decoded (about 100 documents'
  /// findings and ids at 1M words). Called before ``reuse(for:keys:)``, on the same thread.
  func decodeAhead(parallel: Bool) {
    ahead = Background(parallel: parallel) { [table] in
      var facts: [String: EPUBPackager.DocumentFacts] = [:]
      for (key, bytes) in table.stored(prefix: "doc ") {
        if let decoded = Self.decodeFacts(bytes) { facts[String(key.dropFirst(4))] = decoded }
      }
      return facts
    }
  }

  /// What the cache holds for a build of the EPUB at `destination` of `documents` (by key):
  /// the facts of those documents, a way to look up those of the other entries once they
  /// are made (``EPUBPackager/Reuse/lookup``; on the thread that asked for this, before
  /// ``keep(_:destination:)``) and, when the file at `destination` is the one the cache
  /// describes, that file and its entries' keys.
  func reuse(for destination: URL, keys: [String]) -> EPUBPackager.Reuse {
    if let ahead {
      decoded.merge(ahead.value) { known, _ in known }
      self.ahead = nil
    }
    var reuse = EPUBPackager.Reuse()
    for key in keys {
      if let facts = facts(for: key) { reuse.documents[key] = facts }
    }
    reuse.lookup = { [self] key in facts(for: key) }
    reuse.made = { [self] digest in
      table.stored("made " + digest).flatMap(Self.decodeMade)
    }
    if let bytes = table.stored("epub " + destination.lastPathComponent),
      let record = Self.decodeArchive(bytes), let identity = Self.identity(of: destination),
      identity == record.identity
    {
      reuse.previous = (destination, record.keys)
    }
    return reuse
  }

  /// The facts stored for `key`, decoded (and remembered for ``keep(_:destination:)``).
  private func facts(for key: String) -> EPUBPackager.DocumentFacts? {
    if let facts = decoded[key] { return facts }
    guard let bytes = table.stored("doc " + key), let facts = Self.decodeFacts(bytes) else {
      return nil
    }
    decoded[key] = facts
    return facts
  }

  /// Keeps what writing the EPUB at `destination` worked out, for ``commit()``.
  func keep(_ written: EPUBPackager.Written, destination: URL) {
    for (key, facts) in written.documents {
      if decoded[key] == facts {
        table.keepStored("doc " + key)
      } else {
        table.keep(Self.encode(facts), for: "doc " + key)
      }
    }
    for (digest, made) in written.made {
      table.keep(Self.encodeMade(made), for: "made " + digest)
    }
    if let identity = Self.identity(of: destination) {
      table.keep(
        Self.encodeArchive(identity: identity, keys: written.keys),
        for: "epub " + destination.lastPathComponent)
    }
  }

  /// Writes the entries this build kept (and no others), atomically. A failure to write is
  /// not an error: the next build works them out again.
  func commit() { table.commit() }

  // MARK: - The EPUB file

  /// What tells one file from another written in its place: size, modification time and
  /// inode (a rename of a new file changes the inode and the time).
  struct Identity: Equatable {
    var size: UInt64
    var seconds: Int64
    var nanoseconds: Int64
    var inode: UInt64
  }

  static func identity(of url: URL) -> Identity? {
    var info = stat()
    guard lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
    return Identity(
      size: UInt64(info.st_size), seconds: Int64(info.st_mtim.tv_sec),
      nanoseconds: Int64(info.st_mtim.tv_nsec), inode: UInt64(info.st_ino))
  }

  static func encodeArchive(identity: Identity, keys: [String: String]) -> [UInt8] {
    var writer = RenderCache.ByteWriter()
    writer.add(identity.size)
    writer.add(UInt64(bitPattern: identity.seconds))
    writer.add(UInt64(bitPattern: identity.nanoseconds))
    writer.add(identity.inode)
    writer.add(UInt64(keys.count))
    for (name, key) in keys.sorted(by: { $0.key < $1.key }) {
      writer.add(Array(name.utf8))
      writer.add(Array(key.utf8))
    }
    return writer.bytes
  }

  static func decodeArchive(_ bytes: [UInt8]) -> (identity: Identity, keys: [String: String])? {
    var reader = RenderCache.ByteReader(data: bytes)
    guard let size = reader.number(), let seconds = reader.number(),
      let nanoseconds = reader.number(), let inode = reader.number(),
      let count = reader.number(), count < 1_000_000
    else { return nil }
    var keys: [String: String] = [:]
    for _ in 0..<count {
      guard let name = reader.string(), let key = reader.string() else { return nil }
      keys[name] = key
    }
    guard reader.isAtEnd else { return nil }
    return (
      Identity(
        size: size, seconds: Int64(bitPattern: seconds),
        nanoseconds: Int64(bitPattern: nanoseconds), inode: inode), keys
    )
  }

  // MARK: - Entries made from inputs

  static func encodeMade(_ made: (key: String, size: Int)) -> [UInt8] {
    var writer = RenderCache.ByteWriter()
    writer.add(Array(made.key.utf8))
    writer.add(UInt64(made.size))
    return writer.bytes
  }

  static func decodeMade(_ bytes: [UInt8]) -> (key: String, size: Int)? {
    var reader = RenderCache.ByteReader(data: bytes)
    guard let key = reader.string(), let size = reader.number(), size < 1 << 40, reader.isAtEnd
    else { return nil }
    return (key, Int(size))
  }

  // MARK: - Documents

  static func encode(_ facts: EPUBPackager.DocumentFacts) -> [UInt8] {
    var writer = RenderCache.ByteWriter()
    writer.add(UInt64(facts.holdsMath ? 1 : 0))
    for list in [facts.scan.problems, facts.scan.links] {
      writer.add(UInt64(list.count))
      for item in list { writer.add(Array(item.utf8)) }
    }
    writer.add(facts.scan.ids.joined)
    // The targets, when known: their count plus one (0: not known), then each target's
    // path, key (empty: none) and the positions of its links.
    writer.add(UInt64(facts.targets.map { $0.targets.count + 1 } ?? 0))
    for target in facts.targets?.targets ?? [] {
      writer.add(Array(target.path.utf8))
      writer.add(Array((target.key ?? "").utf8))
      writer.add(UInt64(target.links.count))
      for link in target.links { writer.add(UInt64(link)) }
    }
    return writer.bytes
  }

  static func decodeFacts(_ bytes: [UInt8]) -> EPUBPackager.DocumentFacts? {
    var reader = RenderCache.ByteReader(data: bytes)
    guard let math = reader.number(), math < 2 else { return nil }
    var lists: [[String]] = []
    for _ in 0..<2 {
      guard let count = reader.number(), count < 10_000_000 else { return nil }
      var list: [String] = []
      list.reserveCapacity(Int(count))
      for _ in 0..<count {
        guard let item = reader.string() else { return nil }
        list.append(item)
      }
      lists.append(list)
    }
    guard let joined = reader.bytes(), let ids = EPUBStructureCheck.IDSet(joined: joined),
      let targetCount = reader.number(), targetCount < 10_000_000
    else { return nil }
    var targets: EPUBStructureCheck.LinkTargets?
    if targetCount > 0 {
      var known = EPUBStructureCheck.LinkTargets()
      for _ in 1..<targetCount {
        guard let path = reader.string(), let key = reader.string(),
          let count = reader.number(), count <= UInt64(lists[1].count)
        else { return nil }
        var links: [Int] = []
        links.reserveCapacity(Int(count))
        for _ in 0..<count {
          guard let link = reader.number(), link < UInt64(lists[1].count) else { return nil }
          links.append(Int(link))
        }
        known.targets.append(.init(path: path, key: key.isEmpty ? nil : key, links: links))
      }
      targets = known
    }
    guard reader.isAtEnd else { return nil }
    return EPUBPackager.DocumentFacts(
      holdsMath: math == 1,
      scan: EPUBStructureCheck.DocumentScan(
        problems: lists[0], ids: ids, links: lists[1]),
      targets: targets)
  }
}
