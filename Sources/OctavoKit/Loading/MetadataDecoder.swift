import Foundation
import Yams

/// Turns `book.yaml` into ``BookMetadata`` and a list of contents entries, reporting every
/// problem with its position.
struct MetadataDecoder {
  /// A contents entry as declared, before its files are read.
  enum DeclaredEntry {
    case chapter(path: String, location: SourceLocation)
    case part(
      title: String, id: String?, chapters: [(path: String, location: SourceLocation)],
      location: SourceLocation)
  }

  static let knownKeys =
    [
      "title", "subtitle", "author", "authors", "language", "identifier", "date", "modified",
      "publisher", "rights", "description", "subjects", "series", "cover", "toc-depth", "contents",
      "print",
    ] + ebookKeys + numberingKeys

  let document: YAMLDocument
  var diagnostics: [Diagnostic] = []

  init(document: YAMLDocument) {
    self.document = document
  }

  mutating func error(_ code: DiagnosticCode, _ message: String, _ node: Node?) {
    add(Diagnostic(.error, code, message, at: document.location(of: node)))
  }

  mutating func warning(_ code: DiagnosticCode, _ message: String, _ node: Node?) {
    add(Diagnostic(.warning, code, message, at: document.location(of: node)))
  }

  /// Adds `diagnostic` once: a node reached twice through YAML aliases (`[*s, *s]`) is
  /// reported at its one position once.
  private mutating func add(_ diagnostic: Diagnostic) {
    if reported.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
  }

  private var reported: Set<Diagnostic> = []

  /// Decodes the metadata and the declared contents.
  mutating func decode() -> (BookMetadata, [DeclaredEntry], modified: Date?) {
    var metadata = BookMetadata(title: "")
    guard let root = document.root, case .mapping(let mapping) = root else {
      error(
        .metadataNotMapping, "book.yaml must be a mapping of keys to values (title: …)",
        document.root)
      return (metadata, [], nil)
    }
    var values: [String: Node] = [:]
    for (keyNode, value) in mapping {
      guard let key = keyNode.string else { continue }
      if !Self.knownKeys.contains(key) {
        var message = "unknown key '\(key)'"
        if let suggestion = Self.suggestion(for: key, among: Self.knownKeys) {
          message += "; did you mean '\(suggestion)'?"
        }
        warning(.unknownKey, message, keyNode)
        continue
      }
      values[key] = value
    }

    if let title = scalar(values["title"], key: "title"), !title.isEmpty {
      metadata.title = title
    } else {
      error(.missingTitle, "book.yaml has no title", values["title"] ?? root)
    }
    metadata.subtitle = scalar(values["subtitle"], key: "subtitle")
    metadata.contributors = contributors(values["author"] ?? values["authors"])
    if let language = scalar(values["language"], key: "language") {
      if Self.isValidLanguageTag(language) {
        metadata.language = language
      } else {
        error(
          .badLanguage, "'\(language)' is not a BCP 47 language tag (such as en, fr or pt-BR)",
          values["language"])
      }
    } else {
      warning(
        .badLanguage, "book.yaml has no language; assuming en (set a BCP 47 tag such as en or fr)",
        root)
      metadata.isLanguageAssumed = true
    }
    if let date = scalar(values["date"], key: "date") {
      if let normalized = Self.normalizeDate(date) {
        metadata.date = normalized
      } else {
        error(.badDate, "'\(date)' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", values["date"])
      }
    }
    var modified: Date?
    if let text = scalar(values["modified"], key: "modified") {
      if let date = Self.parseTimestamp(text), Self.isInEPUBRange(date) {
        modified = date
      } else if Self.parseTimestamp(text) != nil {
        error(
          .badDate, "'\(text)' is outside the years 0001 to 9999 an EPUB timestamp can hold",
          values["modified"])
      } else {
        error(.badDate, "'\(text)' is not a timestamp (YYYY-MM-DDThh:mm:ssZ)", values["modified"])
      }
    }
    if let identifier = scalar(values["identifier"], key: "identifier") {
      if let normalized = Self.normalizeIdentifier(identifier) {
        metadata.identifier = normalized
      } else {
        error(
          .badIdentifier,
          "'\(identifier)' is not a urn:uuid or a valid ISBN (check the digits and checksum)",
          values["identifier"])
      }
    }
    metadata.publisher = scalar(values["publisher"], key: "publisher")
    metadata.rights = scalar(values["rights"], key: "rights")
    metadata.description = scalar(values["description"], key: "description")
    if let node = values["subjects"] {
      switch node {
      case .sequence(let items):
        metadata.subjects = items.compactMap { scalar($0, key: "subjects") }
      case .scalar: metadata.subjects = scalar(node, key: "subjects").map { [$0] } ?? []
      default: error(.badMetadataValue, "subjects must be a list of strings", node)
      }
    }
    if let node = values["series"] {
      if case .mapping = node, let name = scalar(node["name"], key: "series name") {
        var series = Series(name: name)
        if let positionNode = node["position"] {
          if let position = Self.seriesPosition(positionNode) {
            series.position = position
          } else {
            error(
              .badMetadataValue,
              "series position must be a number from 0 to \(Int(Self.maximumSeriesPosition))",
              positionNode)
          }
        }
        metadata.series = series
      } else if let name = node.string, case .scalar = node {
        metadata.series = Series(name: name)
      } else {
        error(.badMetadataValue, "series must be a name or a mapping with name and position", node)
      }
    }
    if let cover = scalar(values["cover"], key: "cover") {
      metadata.cover = cover
      metadata.coverLocation = document.location(of: values["cover"])
    }
    if let node = values["toc-depth"] {
      if let depth = node.int, (1...6).contains(depth) {
        metadata.tocDepth = depth
      } else {
        error(.badMetadataValue, "toc-depth must be a whole number from 1 to 6", node)
      }
    }
    decodeEbookSettings(values, into: &metadata)
    decodeNumbering(values, into: &metadata)
    if let node = values["print"] { metadata.printSettings = printSettings(node) }
    var entries: [DeclaredEntry] = []
    if let node = values["contents"] {
      entries = contents(node)
      if entries.isEmpty, case .sequence = node {
        error(.emptyContents, "contents lists no chapters", node)
      }
    } else {
      error(.emptyContents, "book.yaml has no contents (the list of chapter files)", root)
    }
    return (metadata, entries, modified)
  }

  /// The `!!null` tag, made with the basic resolver: `Tag(.null)` would make Yams's default
  /// resolver, whose regular expressions load ICU (tags compare by name only).
  static var nullTag: Tag { Tag(.null, .basic) }

  mutating func scalar(_ node: Node?, key: String) -> String? {
    guard let node else { return nil }
    guard case .scalar(let scalar) = node else {
      error(.badMetadataValue, "\(key) must be a single value", node)
      return nil
    }
    if scalar.tag == Self.nullTag
      || (scalar.style == .plain && ["~", "null", ""].contains(scalar.string))
    {
      return nil
    }
    return scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  mutating func contributors(_ node: Node?) -> [Contributor] {
    guard let node else { return [] }
    let items: [Node]
    if case .sequence(let sequence) = node { items = Array(sequence) } else { items = [node] }
    var result: [Contributor] = []
    for item in items {
      switch item {
      case .scalar:
        if let name = scalar(item, key: "author"), !name.isEmpty {
          result.append(Contributor(name: name))
        }
      case .mapping:
        guard let name = scalar(item["name"], key: "author name"), !name.isEmpty else {
          error(.badMetadataValue, "an author entry needs a name", item)
          continue
        }
        var contributor = Contributor(name: name)
        if let roleText = scalar(item["role"], key: "role") {
          if let role = Contributor.Role(rawValue: roleText.lowercased()) {
            contributor.role = role
          } else {
            error(
              .badMetadataValue,
              "unknown role '\(roleText)' (use author, editor, translator or illustrator)",
              item["role"])
          }
        }
        contributor.fileAs = scalar(item["file-as"], key: "file-as")
        result.append(contributor)
      default:
        error(
          .badMetadataValue, "an author is a name or a mapping with name, role and file-as",
          item)
      }
    }
    return result
  }

  mutating func contents(_ node: Node) -> [DeclaredEntry] {
    guard case .sequence(let sequence) = node else {
      error(.emptyContents, "contents must be a list of chapter files", node)
      return []
    }
    var entries: [DeclaredEntry] = []
    for item in sequence {
      switch item {
      case .scalar:
        if let path = scalar(item, key: "contents entry"), !path.isEmpty {
          entries.append(.chapter(path: path, location: document.location(of: item)))
        }
      case .mapping:
        if let partNode = item["part"] {
          let title = scalar(partNode, key: "part") ?? ""
          var chapters: [(String, SourceLocation)] = []
          if let list = item["chapters"], case .sequence(let items) = list {
            for chapter in items {
              if let path = scalar(chapter, key: "chapter"), !path.isEmpty {
                chapters.append((path, document.location(of: chapter)))
              }
            }
          } else {
            error(.emptyContents, "part '\(title)' needs a list of chapters", item)
          }
          entries.append(
            .part(
              title: title, id: scalar(item["id"], key: "id"), chapters: chapters,
              location: document.location(of: partNode)))
        } else if let fileNode = item["file"] {
          if let path = scalar(fileNode, key: "file") {
            entries.append(.chapter(path: path, location: document.location(of: fileNode)))
          }
        } else {
          error(
            .badMetadataValue, "a contents entry is a file name or a part (part: and chapters:)",
            item)
        }
      default:
        error(.badMetadataValue, "a contents entry is a file name or a part", item)
      }
    }
    return entries
  }

  // MARK: - Value checks

  static func isValidLanguageTag(_ tag: String) -> Bool {
    let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
    guard let first = parts.first, (2...8).contains(first.count),
      first.allSatisfy({ $0.isASCII && $0.isLetter })
    else { return false }
    return parts.dropFirst().allSatisfy { part in
      (1...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
  }

  /// The publication date in the form EPUB recommends (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`),
  /// or `nil` when `text` is no date. A timestamp (`2016-11-09 10:52:00 +0000`, as blogs
  /// write them) gives its date.
  static func normalizeDate(_ text: String) -> String? {
    if isValidDate(text) { return text }
    guard text.count > 10, parseTimestamp(text) != nil else { return nil }
    let day = String(text.prefix(10))
    return isValidDate(day) ? day : nil
  }

  /// The largest series position accepted; positions are written as numbers in the
  /// package document and on the title page.
  static let maximumSeriesPosition: Double = 999_999

  /// A series position: a finite number from 0 to ``maximumSeriesPosition`` (-0 is 0).
  static func seriesPosition(_ node: Node) -> Double? {
    guard case .scalar = node, let value = node.float, value.isFinite,
      (0...maximumSeriesPosition).contains(value)
    else { return nil }
    return value == 0 ? 0 : value
  }

  /// Whether `date` falls in years 0001–9999, the only years an EPUB timestamp
  /// (`CCYY-MM-DDThh:mm:ssZ`) can write.
  static func isInEPUBRange(_ date: Date) -> Bool {
    (-62_135_596_800...253_402_300_799).contains(date.timeIntervalSince1970)
  }

  static func isValidDate(_ text: String) -> Bool {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard (1...3).contains(parts.count), parts[0].count == 4,
      parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil })
    else {
      return false
    }
    if parts.count >= 2 {
      guard let m = Int(parts[1]), parts[1].count == 2, (1...12).contains(m) else { return false }
    }
    if parts.count == 3 {
      guard let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), parts[2].count == 2
      else { return false }
      return (1...ISOTimestamp.daysIn(month: m, year: y)).contains(d)
    }
    return true
  }

  /// Reads a timestamp: ISO 8601 (`2026-11-29T09:30:00Z`, `…+05:30`), the space-separated
  /// form YAML and blogs use (`2026-11-29 09:30:00 +0530`), or a bare date (midnight UTC).
  /// A time without a zone is UTC.
  static func parseTimestamp(_ text: String) -> Date? {
    // The forms nearly every book uses are read without Foundation's formatters (and the
    // ICU data they load).
    if let date = ISOTimestamp.parse(text) { return date }
    let iso = ISO8601DateFormatter()
    iso.formatOptions = [.withInternetDateTime]
    if let date = iso.date(from: text) { return date }
    iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = iso.date(from: text) { return date }
    iso.formatOptions = [.withFullDate]
    if text.count == 10, let date = iso.date(from: text) { return date }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    for format in [
      "yyyy-MM-dd HH:mm:ss Z", "yyyy-MM-dd HH:mm:ssZ", "yyyy-MM-dd HH:mm:ss.SSS Z",
      "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm Z", "yyyy-MM-dd HH:mm",
      "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm",
    ] {
      formatter.dateFormat = format
      if let date = formatter.date(from: text) { return date }
    }
    return nil
  }

  /// Normalizes an identifier to a URN, or returns `nil` when it is malformed.
  static func normalizeIdentifier(_ text: String) -> String? {
    let lower = text.lowercased()
    if lower.hasPrefix("urn:uuid:") {
      let uuid = String(text.dropFirst(9))
      return UUID(uuidString: uuid) != nil ? "urn:uuid:" + uuid.lowercased() : nil
    }
    if UUID(uuidString: text) != nil { return "urn:uuid:" + lower }
    var isbn = lower.hasPrefix("urn:isbn:") ? String(text.dropFirst(9)) : text
    if isbn.lowercased().hasPrefix("isbn") {
      isbn = String(isbn.dropFirst(4)).trimmingCharacters(in: CharacterSet(charactersIn: ": "))
    }
    let digits = isbn.filter { $0 != "-" && $0 != " " }
    if isValidISBN(digits) { return "urn:isbn:" + digits.uppercased() }
    if lower.hasPrefix("urn:isbn:") || digits.allSatisfy({ $0.isNumber || $0 == "X" || $0 == "x" })
    {
      return nil
    }
    // Another URN or URI scheme the author chose (urn:doi:, https://…): keep it.
    if text.contains(":"), !text.contains(where: \.isWhitespace) { return text }
    return nil
  }

  static func isValidISBN(_ digits: String) -> Bool {
    let chars = Array(digits.uppercased())
    if chars.count == 13, chars.allSatisfy(\.isNumber) {
      let values = chars.compactMap { $0.wholeNumberValue }
      let sum = values.enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 1 : 3) }
      return sum % 10 == 0 && (digits.hasPrefix("978") || digits.hasPrefix("979"))
    }
    if chars.count == 10, chars.prefix(9).allSatisfy(\.isNumber),
      chars[9].isNumber || chars[9] == "X"
    {
      var sum = 0
      for (index, char) in chars.enumerated() {
        let value = char == "X" ? 10 : (char.wholeNumberValue ?? 0)
        sum += value * (10 - index)
      }
      return sum % 11 == 0
    }
    return false
  }

  static func suggestion(for key: String, among candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(key.lowercased(), $0)) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, key.count / 3) else {
      return nil
    }
    return best.0
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in stride(from: 1, through: b.count, by: 1) {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1,
          previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}
