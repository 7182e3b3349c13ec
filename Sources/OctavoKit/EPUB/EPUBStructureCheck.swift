import Foundation

/// Octavo's own check of a finished EPUB container, run after packaging and before the file
/// is put in place.
///
/// It covers what EPUBCheck 5.3 misses or reports only late, without Java: the OCF rules
/// for the first entry (`mimetype`, stored, no extra field, the media type at byte 38), safe
/// entry names, the package document against the container's files (every manifest item
/// exists, every file is in the manifest, the spine and the navigation document resolve),
/// and each content document (well-formed, ids unique, links and fragment targets resolve,
/// no `javascript:` URLs, every `img` has `alt`). A problem found here is a bug in Octavo,
/// never in the manuscript: the build fails and writes nothing.
struct EPUBStructureCheck: Sendable {
  /// One file of the container: its name and its uncompressed bytes, or its deflated bytes
  /// (``bytes`` empty: a content document is inflated while it is scanned, one at a time).
  struct Entry: Sendable {
    var name: String
    var bytes: [UInt8]
    var deflated: Deflate.Output? = nil
  }

  /// What the check finds in one content document on its own: the problems of the document
  /// alone, its ids and the links it holds that may lead out of it (each once, in the order
  /// of first use). A link within the document (`#…`) is checked against its ids as the scan
  /// ends, and what it finds is among the problems. It depends on nothing but the
  /// document's bytes and its name, so a scan made of the same bytes under the same name can
  /// stand in for a new one (``knownScans``).
  struct DocumentScan: Sendable, Equatable {
    var problems: [String] = []
    var ids = IDSet()
    var links: [String] = []
  }

  /// The container's files, in order.
  var entries: [Entry]
  /// The finished zip file (or the parts of it the check reads), when it is at hand: its
  /// first header and its central directory are checked too.
  var archive: ZipEnds?
  /// Scans of content documents made earlier from the same bytes, by entry name: these
  /// documents are not read again. Their problems are reported as found, and their ids and
  /// links enter the checks across documents (link targets) like those of a new scan.
  var knownScans: [String: DocumentScan] = [:]
  /// The key of each entry that has one, by entry name: a string that stands for the entry's
  /// bytes (``SerializedBook/Document/cacheKey``, or a digest of the bytes), so a file with
  /// the same key as when a link into it was checked has the same ids.
  var keys: [String: String] = [:]
  /// Where the links of documents with a known scan led when they were last checked, by
  /// entry name (``LinkTargets``): only their links into files whose key is not the one
  /// recorded are checked again.
  var knownTargets: [String: LinkTargets] = [:]

  /// Creates a check of `entries` (and of `archive`, the zip written from them).
  init(entries: [Entry], archive: [UInt8]? = nil, knownScans: [String: DocumentScan] = [:]) {
    self.entries = entries
    self.archive = archive.map(ZipEnds.init)
    self.knownScans = knownScans
  }

  /// Creates a check of `entries` and of the zip file written from them, of which only
  /// `archive` (its first bytes and its end) is read.
  init(entries: [Entry], archive: ZipEnds, knownScans: [String: DocumentScan] = [:]) {
    self.entries = entries
    self.archive = archive
    self.knownScans = knownScans
  }

  /// Every problem found, one sentence each, naming the file; empty when the EPUB is sound.
  func problems() -> [String] { run().problems }

  /// Every problem found, and the scan of every content document (by entry name), those of
  /// ``knownScans`` included.
  func run() -> (problems: [String], scans: [String: DocumentScan]) {
    let result = check()
    return (result.problems, result.scans)
  }

  /// What ``check()`` finds.
  struct Result: Sendable {
    /// Every problem found, one sentence each, naming the file.
    var problems: [String] = []
    /// The scan of every content document, by entry name, those of ``knownScans`` included.
    var scans: [String: DocumentScan] = [:]
    /// Where each content document's links led, by entry name (``LinkTargets``).
    var targets: [String: LinkTargets] = [:]
  }

  /// Every problem found, the scan of every content document and where its links led.
  func check() -> Result {
    var problems: [String] = []
    if let archive { problems += Self.zipProblems(archive, expected: entries.map(\.name)) }
    problems += nameProblems()
    guard let first = entries.first, first.name == "mimetype",
      first.bytes == Array("application/epub+zip".utf8)
    else {
      return Result(
        problems: problems + ["the first entry is not 'mimetype' holding 'application/epub+zip'"])
    }
    var result = Result()
    problems += packageProblems(scans: &result.scans, targets: &result.targets)
    result.problems = problems
    return result
  }

  // MARK: - Zip

  private static func uint16(_ bytes: ZipEnds, _ offset: Int) -> Int {
    Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
  }

  private static func uint32(_ bytes: ZipEnds, _ offset: Int) -> Int {
    uint16(bytes, offset) | uint16(bytes, offset + 2) << 16
  }

  /// The OCF rules for the first local header, and the central directory's names against
  /// the entries written.
  static func zipProblems(_ zip: [UInt8], expected: [String]) -> [String] {
    zipProblems(ZipEnds(zip), expected: expected)
  }

  /// The same, from the parts of the zip file the check reads.
  static func zipProblems(_ zip: ZipEnds, expected: [String]) -> [String] {
    var problems: [String] = []
    let mediaType = Array("application/epub+zip".utf8)
    guard zip.count >= 38 + mediaType.count + 22, uint32(zip, 0) == 0x0403_4B50 else {
      return ["the file does not start with a zip local file header"]
    }
    if uint16(zip, 6) & 0x0001 != 0 { problems.append("'mimetype' is encrypted") }
    if uint16(zip, 8) != 0 { problems.append("'mimetype' is compressed; OCF requires it stored") }
    if uint16(zip, 26) != 8 || Array(zip[30..<38]) != Array("mimetype".utf8) {
      problems.append("the first entry of the zip is not 'mimetype'")
    }
    if uint16(zip, 28) != 0 {
      problems.append("'mimetype' has an extra field, so its content does not start at byte 38")
    }
    if Array(zip[38..<(38 + mediaType.count)]) != mediaType {
      problems.append("bytes 38 to 57 are not 'application/epub+zip'")
    }
    // The end of central directory record: 22 bytes plus a comment of up to 65,535.
    var end = -1
    var offset = zip.count - 22
    while offset >= max(0, zip.count - 22 - 0xFFFF) {
      if uint32(zip, offset) == 0x0605_4B50 {
        end = offset
        break
      }
      offset -= 1
    }
    guard end >= 0 else { return problems + ["no end of central directory record"] }
    let count = uint16(zip, end + 10)
    var position = uint32(zip, end + 16)
    var names: [String] = []
    for _ in 0..<count {
      guard position + 46 <= zip.count, uint32(zip, position) == 0x0201_4B50 else {
        return problems + ["the central directory is damaged"]
      }
      let nameLength = uint16(zip, position + 28)
      let skip = uint16(zip, position + 30) + uint16(zip, position + 32)
      guard position + 46 + nameLength <= zip.count else {
        return problems + ["the central directory is damaged"]
      }
      names.append(
        String(decoding: zip[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self))
      position += 46 + nameLength + skip
    }
    if names != expected {
      problems.append(
        "the zip's entries (\(names.count)) are not the files packaged (\(expected.count)), in order"
      )
    }
    return problems
  }

  // MARK: - Names

  /// Entry names: relative, no `.`/`..` segments, no backslashes, unique even when case is
  /// ignored (OCF).
  func nameProblems() -> [String] {
    var problems: [String] = []
    var seen: Set<String> = []
    for entry in entries {
      let name = entry.name
      let segments = name.split(separator: "/", omittingEmptySubsequences: false)
      if name.isEmpty || name.hasPrefix("/") || name.contains("\\") || name.contains(":")
        || segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." })
      {
        problems.append("entry name '\(name)' is absolute, empty or leaves the container")
      }
      if !seen.insert(name.lowercased()).inserted {
        problems.append("entry name '\(name)' is used twice (case ignored)")
      }
    }
    return problems
  }

  // MARK: - Package

  /// `href` resolved against the folder of `base`, without its fragment; `nil` for a URL with
  /// a scheme (remote) or one that leaves the container.
  static func resolve(_ href: String, from base: String) -> (path: String, fragment: String?)? {
    var reference = href
    var fragment: String?
    if reference.utf8Holds("#"), let hash = firstIndex(of: "#", in: reference) {
      fragment = percentDecoded(String(reference[reference.index(after: hash)...]))
      reference = String(reference[..<hash])
    }
    if reference.utf8Holds(":"), let colon = firstIndex(of: ":", in: reference),
      !(reference[..<colon].utf8Holds("/") && reference[..<colon].contains("/"))
    {
      return nil
    }
    if reference.isEmpty { return (base, fragment) }
    guard let decoded = percentDecoded(reference) else { return nil }
    // Most links have no `.` or `..` segment (nor one that starts with a dot) and come from a
    // plain name (no empty segment): the path is then the base's folder and the link joined.
    if !decoded.hasPrefix("."), !(decoded.utf8Holds("/.") && decoded.contains("/.")),
      !base.hasPrefix("/"), !base.hasSuffix("/"), !(base.utf8Holds("//") && base.contains("//"))
    {
      guard let slash = base.lastIndex(of: "/") else { return (decoded, fragment) }
      return (base[..<slash] + "/" + decoded, fragment)
    }
    return walkSegments(decoded, from: base).map { ($0, fragment) }
  }

  /// `text.firstIndex(of: character)`, found among the bytes when `text` is ASCII (where
  /// every character but CR LF is one byte, and neither of those is `character`).
  private static func firstIndex(of character: Character, in text: String) -> String.Index? {
    guard text.utf8.allSatisfy({ $0 < 0x80 }), let byte = character.asciiValue else {
      return text.firstIndex(of: character)
    }
    return text.utf8.firstIndex(of: byte)
  }

  /// The decoded path `decoded` joined to the folder of `base` one segment at a time (`.`
  /// skipped, `..` going up); `nil` when it leaves the container.
  static func walkSegments(_ decoded: String, from base: String) -> String? {
    var segments = base.split(separator: "/").dropLast().map(String.init)
    for segment in decoded.split(separator: "/", omittingEmptySubsequences: false) {
      switch segment {
      case ".": continue
      case "..":
        guard !segments.isEmpty else { return nil }
        segments.removeLast()
      default: segments.append(String(segment))
      }
    }
    return segments.joined(separator: "/")
  }

  /// Whether `text` is `CCYY-MM-DDThh:mm:ssZ` with ASCII digits, told byte by byte (the
  /// regular expression `\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z` it replaces was compiled on
  /// every build, which took longer than the rest of the package document's check; its `\d`
  /// also took other scripts' digits, which EPUB does not allow and Octavo never writes).
  static func isTimestamp(_ text: String) -> Bool {
    let pattern = Array("dddd-dd-ddTdd:dd:ddZ".utf8)
    let bytes = Array(text.utf8)
    guard bytes.count == pattern.count else { return false }
    return zip(bytes, pattern).allSatisfy { byte, expected in
      expected == UInt8(ascii: "d")
        ? (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) : byte == expected
    }
  }

  /// `text` with its percent escapes decoded (`nil` when one is invalid); text without a `%`
  /// is returned as it is, without asking Foundation (most links have none).
  static func percentDecoded(_ text: String) -> String? {
    text.utf8.contains(UInt8(ascii: "%")) ? text.removingPercentEncoding : text
  }

  private func packageProblems(
    scans found: inout [String: DocumentScan], targets: inout [String: LinkTargets]
  ) -> [String] {
    var problems: [String] = []
    let files = Dictionary(
      entries.map { ($0.name, $0.bytes) }, uniquingKeysWith: { first, _ in first })

    // container.xml → the package document.
    guard let container = files["META-INF/container.xml"],
      case .success(let containerRoot) = MarkupParser.parseXML(container)
    else {
      return ["META-INF/container.xml is missing or not well-formed"]
    }
    var packagePath: String?
    containerRoot.forEachElement { element in
      if element.name.hasSuffix("rootfile"), packagePath == nil {
        packagePath = element[attribute: "full-path"]
      }
    }
    guard let packagePath, let packageBytes = files[packagePath] else {
      return ["container.xml names no package document that exists"]
    }
    let package: XMLElement
    switch MarkupParser.parseXML(packageBytes) {
    case .success(let root): package = root
    case .failure(let error): return ["\(packagePath) is not well-formed: \(error)"]
    }

    // Manifest, spine, ids, modified date.
    var manifest: [String: (path: String, mediaType: String, properties: [String])] = [:]
    var spine: [String] = []
    var ids: Set<String> = []
    var modified: [String] = []
    package.forEachElement { element in
      if let id = element[attribute: "id"], !ids.insert(id).inserted {
        problems.append("\(packagePath): id '\(id)' is used twice")
      }
      switch element.name {
      case "item":
        guard let id = element[attribute: "id"], let href = element[attribute: "href"],
          let target = Self.resolve(href, from: packagePath)
        else {
          problems.append("\(packagePath): a manifest item lacks an id or a local href")
          return
        }
        manifest[id] = (
          target.path, element[attribute: "media-type"] ?? "",
          (element[attribute: "properties"] ?? "").split(separator: " ").map(String.init)
        )
      case "itemref":
        spine.append(element[attribute: "idref"] ?? "")
      case "meta" where element[attribute: "property"] == "dcterms:modified":
        modified.append(element.textContent)
      default: break
      }
    }
    if modified.count != 1 {
      problems.append(
        "\(packagePath): \(modified.count) dcterms:modified values; there must be one")
    } else if !Self.isTimestamp(modified[0]) {
      problems.append(
        "\(packagePath): dcterms:modified '\(modified[0])' is not CCYY-MM-DDThh:mm:ssZ")
    }
    for (id, item) in manifest.sorted(by: { $0.key < $1.key }) where files[item.path] == nil {
      problems.append(
        "\(packagePath): manifest item '\(id)' names '\(item.path)', which is not in the container")
    }
    let listed = Set(manifest.values.map(\.path))
    for entry in entries
    where entry.name != "mimetype" && !entry.name.hasPrefix("META-INF/")
      && entry.name != packagePath && !listed.contains(entry.name)
    {
      problems.append("'\(entry.name)' is in the container but not in the manifest")
    }
    if spine.isEmpty { problems.append("\(packagePath): the spine is empty") }
    for idref in spine where manifest[idref] == nil {
      problems.append("\(packagePath): spine item '\(idref)' is not in the manifest")
    }
    let navItems = manifest.values.filter { $0.properties.contains("nav") }
    if navItems.count != 1 {
      problems.append("\(packagePath): \(navItems.count) navigation documents; there must be one")
    }

    // Content documents: well-formed, unique ids, links that resolve, no scripts, alt text.
    let documents = manifest.values.filter { $0.mediaType == "application/xhtml+xml" }
      .map(\.path).sorted()
    // Each document is scanned on its own (on all cores), unless a scan of the same bytes is
    // known; the findings are merged in order.
    let watched: Set<String> = [
      "id", "href", "src", "alt", "xlink:href", "poster", "cite", "action", "formaction",
    ]
    XMLSerializer.prepareForConcurrentUse()
    let unknown = documents.filter { files[$0] != nil && knownScans[$0] == nil }
    let deflated = Dictionary(
      entries.compactMap { entry in entry.deflated.map { (entry.name, $0) } },
      uniquingKeysWith: { first, _ in first })
    let scanned = Parallel.map(unknown) { path -> DocumentScan in
      guard let packed = deflated[path] else {
        return Self.scan(files[path] ?? [], path: path, watched: watched)
      }
      guard let bytes = Deflate.inflated(packed) else {
        return DocumentScan(problems: ["\(path): its deflated bytes do not inflate"])
      }
      return Self.scan(bytes, path: path, watched: watched)
    }
    found = Dictionary(zip(unknown, scanned), uniquingKeysWith: { first, _ in first })
    for path in documents where files[path] != nil {
      if let known = knownScans[path] { found[path] = known }
    }
    var documentIDs: [String: IDSet] = [:]
    for path in documents {
      guard let scan = found[path] else { continue }
      problems += scan.problems
      documentIDs[path] = scan.ids
    }
    problems += linkProblems(
      documents: documents, scans: found, files: files, documentIDs: documentIDs,
      targets: &targets)
    return problems
  }

  /// The scan of one content document, `path` in the container.
  static func scan(_ bytes: [UInt8], path: String, watched: Set<String>) -> DocumentScan {
    var scan = DocumentScan()
    var seenLinks: Set<String> = []
    // Links within the document are checked as the scan ends, against its own ids, and not
    // kept: in a book of notes most links are (two a note), and the scan is kept to the end
    // of the build. Until then they wait here, each once, in the order of first use.
    var inDocument = IDSet()
    let error = MarkupParser.scanXML(withoutPlainFormulas(bytes), attributes: watched) {
      name, attributes in
      // Most elements carry none of the watched attributes: nothing to look up then (an
      // image without any goes on, to be reported for its missing alt below).
      guard !attributes.isEmpty || name == "img" else { return }
      if let id = attributes["id"], !scan.ids.insert(id) {
        scan.problems.append("\(path): id '\(id)' is used twice")
      }
      for attribute in ["href", "src", "xlink:href", "poster", "cite", "action", "formaction"] {
        guard let value = attributes[attribute] else { continue }
        if isScriptURL(value) {
          scan.problems.append("\(path): a \(attribute) holds a script URL")
        } else if attribute == "href" || attribute == "src" || attribute == "xlink:href" {
          if withinDocument(value) != nil {
            inDocument.insert(value)
          } else if seenLinks.insert(value).inserted {
            scan.links.append(value)
          }
        }
      }
      if name == "img", attributes["alt"] == nil {
        scan.problems.append("\(path): an img has no alt attribute")
      }
    }
    if let error { scan.problems.append("\(path) is not well-formed: \(error)") }
    inDocument.forEach { href in
      if case .some(.some(let fragment)) = withinDocument(href), !fragment.isEmpty,
        !scan.ids.contains(fragment)
      {
        scan.problems.append("\(path): '\(href)' leads to no element with that id")
      }
    }
    return scan
  }

  /// For a link that leads into the document it is in whatever the document's name (`#`
  /// then nothing or an ASCII byte, so nothing combines with the `#`): `.some` of its
  /// fragment, decoded (`nil` when an escape in it is invalid), as ``resolve(_:from:)`` finds
  /// it; `nil` for any other link.
  static func withinDocument(_ href: String) -> String?? {
    let bytes = href.utf8
    guard bytes.first == UInt8(ascii: "#"), bytes.dropFirst().first.map({ $0 < 0x80 }) ?? true
    else { return nil }
    return .some(percentDecoded(String(bytes.dropFirst())!))
  }

  /// Whether `value`, without the white space around it, starts with `javascript:` or
  /// `vbscript:` in any case. A value that starts with an ASCII character other than white
  /// space, `j` or `v` cannot (most links), and is answered without trimming or lowercasing.
  static func isScriptURL(_ value: String) -> Bool {
    if let first = value.utf8.first, first > 0x20, first < 0x80 {
      let lower = first | 0x20
      if lower != UInt8(ascii: "j"), lower != UInt8(ascii: "v") { return false }
    }
    let scheme = value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    return scheme.hasPrefix("javascript:") || scheme.hasPrefix("vbscript:")
  }
}
