import Foundation

/// Chapters already rendered, kept in a folder (`Output/.cache/`) between builds, so a
/// rebuild after editing one chapter renders only that chapter.
///
/// An entry is found by a key: the SHA-1 of everything a chapter's rendering depends on.
/// That is the chapter file's text, and what the book-wide transforms gave the chapter: its
/// id, title and kind, the ids of its headings, where each of its links and images leads,
/// its footnote numbers, and whether it opens the body matter. A chapter with raw HTML also
/// depends on every chapter's ids and every image, since its links and images are resolved
/// while rendering. The chapter's page-break numbers (`page-list: true`) are in its key. Every
/// key also holds the whole of the book's metadata as `book.yaml` gave it (language,
/// direction, notes placement, typography, page list, print settings, accessibility…, all
/// but the modification date, which only the package document and the zip use), the
/// build's settings (the EPUB profile), the images' bytes (the print edition embeds them),
/// the outputs being made and Octavo's version. So an edit to a heading changes the key of
/// every chapter that links to it, an edit to `book.yaml` the key of every chapter, and
/// nothing else.
///
/// The cache is never trusted more than the manuscript: an entry that cannot be read, was
/// written by another version or does not match its key is ignored and replaced. New entries
/// are written under temporary names as they are made (``EntryWriter``, ``store(_:for:)``)
/// and renamed into place when the build has written its outputs (``commit(parallel:)``), so
/// a build that fails leaves nothing in the cache. After a build, entries it did not use are
/// removed.
final class RenderCache: @unchecked Sendable {
  /// The format of entries; a change here makes older entries foreign.
  static let format = "octavo-render-cache 4 " + OctavoVersion.current
  private static let magic = Array("OCTAVO-RENDER-CACHE\n".utf8)
  private static let suffix = ".render"

  /// The cache folder.
  let folder: URL
  private let lock = NSLock()
  private var used: Set<String> = []
  private var pending: [(key: String, entry: Entry)] = []
  /// Entries written already under a temporary name (``store(_:for:)``), renamed at
  /// ``commit(parallel:)`` and removed if the build never commits.
  private var staged: [(key: String, file: URL)] = []

  /// A cache in `folder` (created when the first entry is stored).
  init(folder: URL) {
    self.folder = folder
  }

  /// What a cached chapter holds: the bytes for each output and what rendering reported.
  struct Entry: Equatable, Sendable {
    var xhtml: [UInt8]
    var printSection: [UInt8]
    var diagnostics: [Diagnostic]
  }

  private func url(for key: String) -> URL { folder.appending(path: key + Self.suffix) }

  private func markUsed(_ key: String) {
    lock.lock()
    used.insert(key)
    lock.unlock()
  }

  /// The entry stored under `key`, or `nil` when there is none or it cannot be trusted.
  func entry(for key: String) -> Entry? {
    markUsed(key)
    guard let bytes = FileBytes.read(url(for: key).path) else { return nil }
    return Self.decode(bytes, key: key)
  }

  /// A cached entry left where it is: the entry's file, held open, where its XHTML document
  /// and print section are in it, and what rendering reported. The cache never writes into
  /// an entry's file (new entries are renamed over old ones), so the open file keeps the
  /// bytes that were checked here, whatever the build commits or prunes meanwhile.
  struct StoredEntry: Sendable {
    /// The entry's file, open for reading.
    var file: SpillFile
    /// Where the XHTML document is in ``file``.
    var xhtml: SpillFile.Extent
    /// Where the print section is in ``file``.
    var printSection: SpillFile.Extent
    /// Problems found while the chapter was rendered.
    var diagnostics: [Diagnostic]

    /// The XHTML document's bytes, read from the file.
    ///
    /// - Throws: ``OctavoError`` when the file cannot be read.
    func readXHTML() throws -> [UInt8] { try file.bytes(at: xhtml) }
  }

  /// How many entries ``storedEntry(for:)`` may open in one build: a quarter of the
  /// process's limit on open files, at most 4,096. Past it, entries are read whole.
  private let maximumOpenEntries: Int = {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 64 }
    return Int(min(limit.rlim_cur / 4, 4096))
  }()
  private var openEntries = 0

  /// The entry stored under `key`, checked as ``entry(for:)`` checks it, without reading
  /// its XHTML document and print section (a rebuild copies the one from the last EPUB and
  /// the other into the print edition): only the entry's head, the two lengths and its
  /// diagnostics are read. `nil` when there is no such entry, it cannot be trusted, or
  /// too many entries are held open already (``entry(for:)`` reads those whole).
  func storedEntry(for key: String) -> StoredEntry? {
    lock.lock()
    let mayOpen = openEntries < maximumOpenEntries
    if mayOpen { openEntries += 1 }
    lock.unlock()
    guard mayOpen else { return nil }
    markUsed(key)
    let descriptor = open(url(for: key).path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    let file = SpillFile(reading: descriptor)
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
      return nil
    }
    let size = Int(status.st_size)
    let format = Array(Self.format.utf8)
    let name = Array(key.utf8)
    let headCount = Self.magic.count + 8 + format.count + 8 + name.count + 8
    // The head, then at least the print section's length.
    guard size >= headCount + 8,
      let head = try? file.bytes(at: SpillFile.Extent(offset: 0, count: headCount))
    else { return nil }
    var reader = ByteReader(data: head)
    guard reader.take(Self.magic.count) == Self.magic, reader.bytes() == format,
      reader.bytes() == name, let xhtmlCount = reader.number(),
      xhtmlCount <= UInt64(size - headCount - 8)
    else { return nil }
    let xhtml = SpillFile.Extent(offset: headCount, count: Int(xhtmlCount))
    let printAt = xhtml.offset + xhtml.count
    guard let printHead = try? file.bytes(at: SpillFile.Extent(offset: printAt, count: 8)) else {
      return nil
    }
    var printReader = ByteReader(data: printHead)
    guard let printCount = printReader.number(), printCount <= UInt64(size - printAt - 8) else {
      return nil
    }
    let printSection = SpillFile.Extent(offset: printAt + 8, count: Int(printCount))
    let tailAt = printSection.offset + printSection.count
    guard let tail = try? file.bytes(at: SpillFile.Extent(offset: tailAt, count: size - tailAt))
    else { return nil }
    var tailReader = ByteReader(data: tail)
    guard let diagnostics = Self.decodeDiagnostics(&tailReader), tailReader.isAtEnd else {
      return nil
    }
    return StoredEntry(
      file: file, xhtml: xhtml, printSection: printSection, diagnostics: diagnostics)
  }

  deinit {
    // A build that does not commit leaves nothing in the cache.
    for (_, file) in staged { unlink(file.path) }
  }

  /// Keeps `entry` to be stored under `key` when the build succeeds (``commit(parallel:)``).
  ///
  /// The entry is written at once, by the thread that rendered it, to a temporary file that
  /// the commit renames, so the build does not hold every chapter's bytes until it ends;
  /// when that file cannot be written, the entry is kept in memory and written at the commit.
  func store(_ entry: Entry, for key: String) {
    let file = stage(entry, key: key)
    lock.lock()
    used.insert(key)
    if let file { staged.append((key, file)) } else { pending.append((key, entry)) }
    lock.unlock()
  }

  /// Where an entry for `key` is written before the commit renames it
  /// (`.<key>.render.<pid>.tmp`, a leftover ``prune()`` removes), opened for writing; `nil`
  /// when it cannot be.
  func stagingFile(for key: String) -> (url: URL, descriptor: Int32)? {
    guard
      (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true))
        != nil
    else { return nil }
    let file = folder.appending(path: ".\(key)\(Self.suffix).\(getpid()).tmp")
    let descriptor = open(file.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else { return nil }
    return (file, descriptor)
  }

  /// Takes `file`, an entry for `key` written whole to its ``stagingFile(for:)``, to be
  /// renamed into place at the commit.
  func adoptStaged(_ file: URL, for key: String) {
    lock.lock()
    used.insert(key)
    staged.append((key, file))
    lock.unlock()
  }

  /// `entry` written to a temporary file of the cache folder (``stagingFile(for:)``); `nil`
  /// when it cannot be.
  private func stage(_ entry: Entry, key: String) -> URL? {
    guard let (file, descriptor) = stagingFile(for: key) else { return nil }
    defer { close(descriptor) }
    guard (try? AtomicFile.writeAll(Self.encode(entry, key: key), to: descriptor)) != nil else {
      unlink(file.path)
      return nil
    }
    return file
  }

  /// Writes the entries this build rendered. A failure to write is not an error: the build
  /// goes on without caching that chapter.
  func commit(parallel: Bool = true) {
    lock.lock()
    let entries = pending
    pending = []
    let written = staged
    staged = []
    lock.unlock()
    for (key, file) in written where rename(file.path, url(for: key).path) != 0 {
      unlink(file.path)
    }
    guard !entries.isEmpty,
      (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true))
        != nil
    else { return }
    _ = Parallel.map(entries.indices.map { $0 }, parallel: parallel) { index in
      let (key, entry) = entries[index]
      try? AtomicFile.write(Self.encode(entry, key: key), to: self.url(for: key))
    }
  }

  /// Removes the entries this build did not use (and leftovers of interrupted writes).
  func prune() {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
      return
    }
    lock.lock()
    let keep = used
    lock.unlock()
    for name in names {
      let isEntry = name.hasSuffix(Self.suffix) && !name.hasPrefix(".")
      if isEntry, keep.contains(String(name.dropLast(Self.suffix.count))) { continue }
      if isEntry || name.hasSuffix(".tmp") {
        try? FileManager.default.removeItem(at: folder.appending(path: name))
      }
    }
  }

  // MARK: - Keys

  /// What every chapter's key shares, computed once per build.
  struct BookContext: Sendable {
    /// The SHA-1 of the version, outputs, build settings and the book's metadata.
    private let base: [UInt8]
    /// Where the page-break markers go.
    private let pagePlan: PagePlan
    /// Every chapter's path, id and anchors and every image: what raw HTML may refer to.
    private let bookWide: [UInt8]
    /// Each image (by index): its name and type in outputs and the digest of its bytes as
    /// the print edition embeds them.
    private let images: [[UInt8]]

    /// The context of a build of `book`; `imageDigests` holds the SHA-1 of each image's
    /// bytes (``ImageURIs/digest(of:root:)``, by index in the book's images) when the print
    /// edition, which embeds them, is made.
    init(
      book: Book, imageDigests: [[UInt8]]?, formats: Set<OutputFormat>, pagePlan: PagePlan,
      settings: String
    ) {
      var base = KeyBuilder()
      base.add(RenderCache.format)
      base.add(formats.map(\.rawValue).sorted().joined(separator: ","))
      base.add(settings)
      base.add(Self.describe(book.metadata))
      // Hashed once: every chapter's key then hashes 20 bytes of it, not the whole text.
      self.base = SHA1.hash(base.bytes)
      self.pagePlan = pagePlan
      images = book.images.indices.map { index in
        let image = book.images[index]
        var key = KeyBuilder()
        key.add(image.path)
        key.add(image.fileName)
        key.add(image.mediaType)
        key.add(image.missingSource.map { "missing " + $0 } ?? "")
        key.add(imageDigests.map { index < $0.count ? $0[index] : [] } ?? [])
        return key.bytes
      }
      var wide = KeyBuilder()
      for chapter in book.chapters {
        wide.add(chapter.path)
        wide.add(chapter.id)
        wide.add(sorted: chapter.anchors)
      }
      for image in images { wide.add(image) }
      bookWide = SHA1.hash(wide.bytes)
    }

    /// The key of `chapter`'s rendering.
    func key(for chapter: Chapter, firstBody: Bool) -> String {
      var key = KeyBuilder()
      key.add(base)
      key.add(chapter.sourceDigest)
      key.add(chapter.path)
      key.add(chapter.id)
      key.add(chapter.title)
      key.add(chapter.type.rawValue)
      key.add(
        "\(chapter.isTitleFromHeading) \(chapter.isTitleFromRawHTML) \(chapter.titleHeadingIndex ?? -1) \(firstBody)"
      )
      key.add(sorted: chapter.anchors)
      key.add(sorted: chapter.rawHTMLIDs)
      key.add(sorted: chapter.rawHeadingIDs)
      key.add("typography \(chapter.typography)")
      for (block, number) in pagePlan.pages(in: chapter.id).sorted(by: { $0.key < $1.key }) {
        key.add("page \(block) \(number)")
      }
      // The chapter's blocks and notes (taken from the record of resolving it when it has
      // one, ``ResolveRecord``), with the images they show.
      let walk = chapter.keyWalk ?? RenderCache.keyWalk(of: chapter)
      key.add(walk.digest)
      for index in walk.images {
        if index < images.count { key.add(images[index]) } else { key.add("image \(index)") }
      }
      // (A parked chapter keyed without being read back keeps its notes' heads.)
      if let heads = chapter.noteHeads {
        for note in heads {
          key.add(
            "note \(note.label) \(note.number) \(note.referenceCount) \(note.referencesInNotes)")
        }
      } else {
        for note in chapter.footnotes {
          key.add(
            "note \(note.label) \(note.number) \(note.referenceCount) \(note.referencesInNotes.sorted())"
          )
        }
      }
      if walk.hasRawHTML { key.add(bookWide) }
      return key.digest
    }

    static func describe(_ target: LinkTarget) -> String {
      switch target {
      case .unresolved: "unresolved"
      case .none: "none"
      case .external(let url): "external " + url
      case .chapter(let id, let fragment): "chapter " + id + (fragment.map { "#" + $0 } ?? "")
      }
    }
  }

  /// Bytes to hash, each piece prefixed with its length so no two lists of pieces give the
  /// same bytes.
  struct KeyBuilder {
    var bytes: [UInt8] = []

    mutating func add(_ piece: [UInt8]) {
      withUnsafeBytes(of: UInt32(piece.count).littleEndian) { bytes += $0 }
      bytes += piece
    }

    mutating func add(_ piece: String) {
      var piece = piece
      piece.withUTF8 { add(parts: [$0]) }
    }

    /// Adds the pieces joined as one piece: the bytes `add(a + b + …)` adds, without
    /// making the joined string.
    mutating func add(joining a: String, _ b: String, _ c: String = "", _ d: String = "") {
      var (a, b, c, d) = (a, b, c, d)
      a.withUTF8 { a in
        b.withUTF8 { b in
          c.withUTF8 { c in
            d.withUTF8 { d in add(parts: [a, b, c, d]) }
          }
        }
      }
    }

    /// Adds `parts`, one after another, as one piece.
    private mutating func add(parts: [UnsafeBufferPointer<UInt8>]) {
      var count = 0
      for part in parts { count += part.count }
      withUnsafeBytes(of: UInt32(count).littleEndian) { bytes += $0 }
      for part in parts { bytes.append(contentsOf: part) }
    }

    /// Adds ``BookContext/describe(_:)`` of `target`, followed by a space and `text` when
    /// there is one: the same bytes, without making the strings.
    mutating func add(_ target: LinkTarget, text: String? = nil) {
      let tail = text.map { " " + $0 } ?? ""
      switch target {
      case .unresolved: add(joining: "unresolved", tail)
      case .none: add(joining: "none", tail)
      case .external(let url): add(joining: "external ", url, tail)
      case .chapter(let id, let fragment):
        if let fragment {
          add(joining: "chapter " + id, "#", fragment, tail)
        } else {
          add(joining: "chapter ", id, tail)
        }
      }
    }

    /// Adds the tree under `node`: each element's name, attributes and children, each text
    /// and comment, every piece tagged and counted, so two different trees never add the
    /// same bytes.
    mutating func add(tree node: XMLNode) {
      switch node {
      case .element(let element):
        add(joining: "<", element.name)
        add("\(element.attributeNames.count)")
        for (name, value) in zip(element.attributeNames, element.attributeValues) {
          add(name)
          add(value)
        }
        let children = element.children
        add("\(children.count)")
        for child in children { add(tree: child) }
      case .text(let text): add(joining: "t", text)
      case .comment(let text): add(joining: "c", text)
      }
    }

    /// The SHA-1 of the bytes, in lowercase hexadecimal (no Foundation formatting).
    var digest: String {
      let hex = Array("0123456789abcdef".utf8)
      var text: [UInt8] = []
      text.reserveCapacity(40)
      for byte in SHA1.hash(bytes) {
        text.append(hex[Int(byte >> 4)])
        text.append(hex[Int(byte & 0x0F)])
      }
      return String(decoding: text, as: UTF8.self)
    }

    mutating func add(sorted map: [String: String]) {
      add("\(map.count)")
      for (name, value) in map.sorted(by: { $0.key < $1.key }) {
        add(name)
        add(value)
      }
    }
  }

  // MARK: - Entries on disk

  static func encode(_ entry: Entry, key: String) -> [UInt8] {
    var writer = head(key: key)
    writer.add(entry.xhtml)
    writer.add(entry.printSection)
    encode(entry.diagnostics, into: &writer)
    return writer.bytes
  }

  /// An entry's head: the magic, the format and the key.
  static func head(key: String) -> ByteWriter {
    var writer = ByteWriter()
    writer.bytes = magic
    writer.add(Array(format.utf8))
    writer.add(Array(key.utf8))
    return writer
  }

  /// An entry's tail: what rendering reported.
  static func encode(_ diagnostics: [Diagnostic], into writer: inout ByteWriter) {
    writer.add(UInt64(diagnostics.count))
    for diagnostic in diagnostics {
      writer.add(Array(diagnostic.severity.rawValue.utf8))
      writer.add(Array(diagnostic.code.rawValue.utf8))
      writer.add(Array(diagnostic.message.utf8))
      if let location = diagnostic.location {
        writer.add(UInt64(1))
        writer.add(Array(location.file.utf8))
        writer.add(UInt64(location.line))
        writer.add(UInt64(location.column))
      } else {
        writer.add(UInt64(0))
      }
    }
  }

  /// Reads an entry; `nil` when anything is off (truncated, foreign, another key).
  static func decode(_ bytes: [UInt8], key: String) -> Entry? {
    var reader = ByteReader(data: bytes)
    guard reader.take(magic.count) == magic,
      reader.bytes().map({ String(decoding: $0, as: UTF8.self) }) == format,
      reader.bytes().map({ String(decoding: $0, as: UTF8.self) }) == key,
      let xhtml = reader.bytes(), let printSection = reader.bytes(),
      let diagnostics = decodeDiagnostics(&reader), reader.isAtEnd
    else { return nil }
    return Entry(xhtml: xhtml, printSection: printSection, diagnostics: diagnostics)
  }

  /// The diagnostics at the end of an entry; `nil` when they do not decode.
  private static func decodeDiagnostics(_ reader: inout ByteReader) -> [Diagnostic]? {
    guard let count = reader.number(), count < 1_000_000 else { return nil }
    var diagnostics: [Diagnostic] = []
    for _ in 0..<count {
      guard let severity = reader.string().flatMap(Diagnostic.Severity.init(rawValue:)),
        let code = reader.string().flatMap(DiagnosticCode.init(rawValue:)),
        let message = reader.string(), let hasLocation = reader.number()
      else { return nil }
      var location: SourceLocation?
      if hasLocation == 1 {
        guard let file = reader.string(), let line = reader.number(), let column = reader.number()
        else { return nil }
        location = SourceLocation(file: file, line: Int(line), column: Int(column))
      }
      diagnostics.append(Diagnostic(severity, code, message, at: location))
    }
    return diagnostics
  }

  struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func add(_ number: UInt64) {
      withUnsafeBytes(of: number.littleEndian) { bytes += $0 }
    }

    mutating func add(_ piece: [UInt8]) {
      add(UInt64(piece.count))
      bytes += piece
    }
  }

  struct ByteReader {
    let data: [UInt8]
    var offset = 0

    var isAtEnd: Bool { offset == data.count }

    mutating func take(_ count: Int) -> [UInt8]? {
      guard count >= 0, count <= data.count - offset else { return nil }
      defer { offset += count }
      return Array(data[offset..<offset + count])
    }

    /// Eight bytes, little-endian, read in place (no array made for them).
    mutating func number() -> UInt64? {
      guard data.count - offset >= 8 else { return nil }
      var value: UInt64 = 0
      for index in stride(from: offset + 7, through: offset, by: -1) {
        value = value << 8 | UInt64(data[index])
      }
      offset += 8
      return value
    }

    mutating func bytes() -> [UInt8]? {
      guard let count = number(), count <= UInt64(Int.max) else { return nil }
      return take(Int(count))
    }

    /// Bytes as ``bytes()`` reads them, decoded as UTF-8 from where they stand.
    mutating func string() -> String? {
      guard let count = number(), count <= UInt64(data.count - offset) else { return nil }
      defer { offset += Int(count) }
      return String(decoding: data[offset..<offset + Int(count)], as: UTF8.self)
    }
  }
}
