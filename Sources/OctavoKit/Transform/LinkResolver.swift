import Foundation

/// Classifies link and image URLs and resolves relative paths inside the manuscript.
enum LinkResolver {
  /// The schemes a link may use; every other scheme (`javascript:`, `file:`, `data:`…) is
  /// removed.
  static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel"]

  /// What kind of destination a URL is.
  enum Kind: Equatable {
    /// An absolute URL with an allowed scheme.
    case external(String)
    /// An absolute URL with a scheme that is not allowed.
    case unsafe(scheme: String)
    /// An absolute URL with an allowed scheme that is malformed beyond repair (no host, a
    /// port out of range).
    case invalid(String)
    /// A relative path (possibly empty) and fragment, percent-decoded.
    case local(path: String, fragment: String?)
  }

  /// Classifications already made, by destination: a book links to the same places again
  /// and again, and a rebuild resolves every chapter's links anew.
  private static let known = KnownKinds()

  private final class KnownKinds: @unchecked Sendable {
    private let lock = NSLock()
    private var kinds: [String: Kind] = [:]

    func kind(of url: String, _ make: (String) -> Kind) -> Kind {
      lock.lock()
      if let kind = kinds[url] {
        lock.unlock()
        return kind
      }
      lock.unlock()
      let kind = make(url)
      lock.lock()
      // A long-running preview of many books keeps at most this many.
      if kinds.count >= 100_000 { kinds = [:] }
      kinds[url] = kind
      lock.unlock()
      return kind
    }
  }

  /// Classifies `url` as written in the Markdown.
  static func classify(_ url: String) -> Kind {
    known.kind(of: url, classifyAnew)
  }

  /// Classifies `url` without looking at the classifications already made.
  static func classifyAnew(_ url: String) -> Kind {
    // Most of a book's web links are plain (`https://example.org/a/b`): known valid without
    // asking Foundation's URL parser (and its IDNA mapping of the host).
    if isPlainWebAddress(url) { return .external(url) }
    return classifyParsing(url)
  }

  /// ``classifyAnew(_:)`` without its shortcut for plain web addresses.
  static func classifyParsing(_ url: String) -> Kind {
    // Browsers ignore ASCII whitespace and control characters in schemes; so must we.
    // (A URL without any is its own cleaned form: every byte of a scalar above U+007F is.)
    let cleaned =
      url.utf8.allSatisfy { $0 > 0x20 && $0 != 0x7F }
      ? url : String(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
    if cleaned.hasPrefix("//") { return external("https:" + cleaned) }
    // (A character is `:`, `#`, `?` or `%` only where the bytes hold that byte: none of them
    // is part of another character. The searches below are skipped when they do not.)
    if cleaned.utf8Holds(":"), let colon = cleaned.firstIndex(of: ":") {
      let scheme = cleaned[..<colon]
      // A scheme of letters, digits, `+`, `.` and `-` holds no `/` and no `#`.
      let isScheme =
        scheme.first?.isLetter == true
        && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }
      if isScheme {
        let lower = scheme.lowercased()
        if allowedSchemes.contains(lower) {
          return external(trimmed(url))
        }
        // A Windows drive letter (C:\…) is a local path, not a scheme: still not allowed.
        return .unsafe(scheme: lower)
      }
    }
    var path = url
    var fragment: String?
    if path.utf8Holds("#"), let hash = path.firstIndex(of: "#") {
      fragment = String(path[path.index(after: hash)...])
      path = String(path[..<hash])
    }
    if path.utf8Holds("?"), let question = path.firstIndex(of: "?") {
      path = String(path[..<question])
    }
    // Decoded through Foundation only when there is anything to decode.
    func decoded(_ text: String) -> String {
      text.utf8Holds("%") && text.contains("%") ? (text.removingPercentEncoding ?? text) : text
    }
    return .local(path: decoded(path), fragment: fragment.map(decoded))
  }

  /// Whether `url` is `http://` or `https://`, a host of lowercase ASCII letters and digits in
  /// dot-separated labels of 1 to 63 (no hyphen, so no IDNA form; the last one starting with
  /// a letter, so no IPv4 address), at most 253 bytes, then
  /// nothing or a path of letters, digits and `/`, `.`, `_`, `~`, `-` only: an address
  /// ``external(_:)`` would keep as it is (nothing to escape, a host, no port, nothing the
  /// host may not hold), decided without parsing it.
  static func isPlainWebAddress(_ url: String) -> Bool {
    var utf8 = url.utf8[...]
    if utf8.starts(with: "https://".utf8) {
      utf8 = utf8.dropFirst(8)
    } else if utf8.starts(with: "http://".utf8) {
      utf8 = utf8.dropFirst(7)
    } else {
      return false
    }
    var hostLength = 0
    var labelLength = 0
    var labelStartsWithLetter = false
    var index = utf8.startIndex
    while index < utf8.endIndex, utf8[index] != UInt8(ascii: "/") {
      let byte = utf8[index]
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        if labelLength == 0 { labelStartsWithLetter = byte >= UInt8(ascii: "a") }
        labelLength += 1
        if labelLength > 63 { return false }
      case UInt8(ascii: "."):
        if labelLength == 0 { return false }
        labelLength = 0
      default: return false
      }
      hostLength += 1
      index = utf8.index(after: index)
    }
    guard labelLength > 0, labelStartsWithLetter, hostLength <= 253 else { return false }
    while index < utf8.endIndex {
      switch utf8[index] {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "/"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "-"):
        break
      default: return false
      }
      index = utf8.index(after: index)
    }
    return true
  }

  /// `url` without white space and newlines at either end; through Foundation only when it
  /// starts or ends with anything but a visible ASCII character.
  private static func trimmed(_ url: String) -> String {
    func visible(_ byte: UInt8?) -> Bool { byte.map { $0 > 0x20 && $0 < 0x7F } ?? false }
    if visible(url.utf8.first), visible(url.utf8.last) { return url }
    return url.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  private static func external(_ url: String) -> Kind {
    var url = url
    // Browsers read a backslash in a web address as a slash.
    if url.utf8.contains(UInt8(ascii: "\\")), url.lowercased().hasPrefix("http"),
      url.contains("\\")
    {
      url = url.replacingOccurrences(of: "\\", with: "/")
    }
    let normalized = escaped(url)
    guard let components = URLComponents(string: normalized) else { return .invalid(url) }
    if ["http", "https"].contains(components.scheme?.lowercased() ?? "") {
      guard let host = components.host, !host.isEmpty else { return .invalid(url) }
    }
    if let port = components.port, !(0...65535).contains(port) { return .invalid(url) }
    if let host = components.host,
      host.unicodeScalars.contains(where: {
        $0.value <= 0x20 || " #%/<>?@\\^|\"".unicodeScalars.contains($0)
      })
    {
      return .invalid(url)
    }
    if ["mailto", "tel"].contains(components.scheme?.lowercased() ?? ""), components.path.isEmpty {
      return .invalid(url)
    }
    return .external(normalized)
  }

  /// `url` made a valid IRI, the way browsers read a sloppy one: spaces, controls and
  /// `<>"{}|\^`` ` `` are percent-encoded, so are a `%` not followed by two hex digits,
  /// brackets outside the host and every `#` after the first.
  static func escaped(_ url: String) -> String {
    // Nothing to encode: no control, space or character of `forbidden`, no `%`, `[` or `]`,
    // at most one `#` (a scalar above U+007F is kept as it is).
    var hashes = 0
    let plain = url.utf8.allSatisfy { byte in
      switch byte {
      case 0...0x20, 0x7F, UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"),
        UInt8(ascii: "\\"), UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "{"),
        UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "%"), UInt8(ascii: "["),
        UInt8(ascii: "]"):
        return false
      case UInt8(ascii: "#"):
        hashes += 1
        return hashes < 2
      default:
        return true
      }
    }
    if plain { return url }
    let forbidden: Set<Unicode.Scalar> = [" ", "\"", "<", ">", "\\", "^", "`", "{", "|", "}"]
    let scalars = Array(url.unicodeScalars)
    // The authority (host and port) is where brackets may stand: `http://[::1]:8080/`.
    var authority = 0..<0
    if let schemeEnd = url.range(of: "://") {
      let start = url.unicodeScalars.distance(
        from: url.unicodeScalars.startIndex, to: schemeEnd.upperBound)
      var end = start
      while end < scalars.count, !["/", "?", "#"].contains(scalars[end]) { end += 1 }
      authority = start..<end
    }
    var result = ""
    var seenHash = false
    func encode(_ scalar: Unicode.Scalar) {
      for byte in String(scalar).utf8 { result += String(format: "%%%02X", byte) }
    }
    for (index, scalar) in scalars.enumerated() {
      let isHexAt: (Int) -> Bool = { $0 < scalars.count && scalars[$0].properties.isASCIIHexDigit }
      if scalar.value < 0x20 || scalar.value == 0x7F || forbidden.contains(scalar) {
        encode(scalar)
      } else if scalar == "%", !(isHexAt(index + 1) && isHexAt(index + 2)) {
        encode(scalar)
      } else if scalar == "#" {
        if seenHash { encode(scalar) } else { result.unicodeScalars.append(scalar) }
        seenHash = true
      } else if scalar == "[" || scalar == "]", !authority.contains(index) {
        encode(scalar)
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// Resolves `path`, written in the file at manuscript path `base`, to a manuscript path
  /// (`chapters/one.md`); `nil` when it leaves the manuscript folder.
  /// A path that starts with `/` is read from the manuscript folder, as static-site tools
  /// read it from the site's root.
  static func resolve(_ path: String, relativeTo base: String) -> String? {
    // A plain name linked from a chapter at the top of the folder: itself.
    if !path.isEmpty, path != ".", path != "..", !path.utf8Holds("/"), !base.isEmpty,
      !base.utf8Holds("/")
    {
      return path
    }
    var components = base.split(separator: "/").map(String.init)
    components.removeLast()
    if path.hasPrefix("/") { components = [] }
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      switch part {
      case ".": continue
      case "..":
        guard !components.isEmpty else { return nil }
        components.removeLast()
      default: components.append(String(part))
      }
    }
    return components.isEmpty ? nil : components.joined(separator: "/")
  }
}
