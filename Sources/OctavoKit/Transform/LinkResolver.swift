import Foundation

/// Classifies link and image URLs and resolves relative paths inside the manuscript.
public enum LinkResolver {
  /// The schemes a link may use; every other scheme (`javascript:`, `file:`, `data:`…) is
  /// removed.
  public static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel"]

  /// What kind of destination a URL is.
  public enum Kind: Equatable {
    /// An absolute URL with an allowed scheme.
    case external(String)
    /// An absolute URL with a scheme that is not allowed.
    case unsafe(scheme: String)
    /// A relative path (possibly empty) and fragment, percent-decoded.
    case local(path: String, fragment: String?)
  }

  /// Classifies `url` as written in the Markdown.
  public static func classify(_ url: String) -> Kind {
    // Browsers ignore ASCII whitespace and control characters in schemes; so must we.
    let cleaned = String(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
    if cleaned.hasPrefix("//") { return .external(escaped("https:" + cleaned)) }
    if let colon = cleaned.firstIndex(of: ":") {
      let scheme = cleaned[..<colon]
      let isScheme = scheme.first?.isLetter == true
        && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }
      let beforeSlash = !cleaned[..<colon].contains("/") && !cleaned[..<colon].contains("#")
      if isScheme, beforeSlash {
        let lower = scheme.lowercased()
        if allowedSchemes.contains(lower) {
          return .external(escaped(url.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        // A Windows drive letter (C:\…) is a local path, not a scheme: still not allowed.
        return .unsafe(scheme: lower)
      }
    }
    var path = url
    var fragment: String?
    if let hash = path.firstIndex(of: "#") {
      fragment = String(path[path.index(after: hash)...])
      path = String(path[..<hash])
    }
    if let question = path.firstIndex(of: "?") { path = String(path[..<question]) }
    return .local(path: path.removingPercentEncoding ?? path,
                  fragment: fragment.map { $0.removingPercentEncoding ?? $0 })
  }

  /// `url` with the characters an IRI may not hold (spaces, controls, `<>"{}|\^` and the
  /// backtick) percent-encoded; existing escapes are kept.
  public static func escaped(_ url: String) -> String {
    let forbidden: Set<Unicode.Scalar> = [" ", "\"", "<", ">", "\\", "^", "`", "{", "|", "}"]
    var result = ""
    for scalar in url.unicodeScalars {
      if scalar.value < 0x20 || scalar.value == 0x7F || forbidden.contains(scalar) {
        for byte in String(scalar).utf8 { result += String(format: "%%%02X", byte) }
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// Resolves `path`, written in the file at manuscript path `base`, to a manuscript path
  /// (`chapters/one.md`); `nil` when it leaves the manuscript folder.
  public static func resolve(_ path: String, relativeTo base: String) -> String? {
    if path.hasPrefix("/") { return nil }
    var components = base.split(separator: "/").map(String.init)
    components.removeLast()
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

/// Finds attribute values in raw HTML by a light scan, before the HTML is parsed properly,
/// so ids and images written in HTML can take part in link checking and packaging.
enum RawHTMLScanner {
  /// An element's text with runs of white space made single spaces, as a browser shows it.
  static func normalizedText(_ element: XMLElement) -> String {
    element.textContent.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  /// The text of each heading (`<h1>`…`<h6>`) written in `html`, in order.
  static func headings(in html: String) -> [String] {
    guard html.range(of: "<h", options: .caseInsensitive) != nil else { return [] }
    var result: [String] = []
    var stack = MarkupParser.parseHTMLFragment(html).reversed().compactMap(\.element)
    while let element = stack.popLast() {
      if ["h1", "h2", "h3", "h4", "h5", "h6"].contains(element.name) {
        let text = normalizedText(element)
        if !text.isEmpty { result.append(text) }
      } else {
        stack.append(contentsOf: element.children.reversed().compactMap(\.element))
      }
    }
    return result
  }

  static func attributeValues(named names: Set<String>, in html: String) -> [String] {
    var values: [String] = []
    let scalars = Array(html.unicodeScalars)
    var index = 0
    var inTag = false
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == "<" { inTag = true; index += 1; continue }
      if scalar == ">" { inTag = false; index += 1; continue }
      guard inTag, scalar.properties.isWhitespace else { index += 1; continue }
      // An attribute name follows whitespace inside a tag.
      var nameEnd = index + 1
      while nameEnd < scalars.count, scalars[nameEnd].properties.isAlphabetic || scalars[nameEnd] == "-" {
        nameEnd += 1
      }
      let name = String(String.UnicodeScalarView(scalars[(index + 1)..<nameEnd])).lowercased()
      var cursor = nameEnd
      while cursor < scalars.count, scalars[cursor] == " " { cursor += 1 }
      guard names.contains(name), cursor < scalars.count, scalars[cursor] == "=" else {
        index = max(nameEnd, index + 1)
        continue
      }
      cursor += 1
      while cursor < scalars.count, scalars[cursor] == " " { cursor += 1 }
      guard cursor < scalars.count else { break }
      var value = ""
      if scalars[cursor] == "\"" || scalars[cursor] == "'" {
        let quote = scalars[cursor]
        cursor += 1
        while cursor < scalars.count, scalars[cursor] != quote {
          value.unicodeScalars.append(scalars[cursor])
          cursor += 1
        }
        cursor += 1
      } else {
        while cursor < scalars.count, !scalars[cursor].properties.isWhitespace, scalars[cursor] != ">" {
          value.unicodeScalars.append(scalars[cursor])
          cursor += 1
        }
      }
      values.append(decodeEntities(value))
      index = cursor
    }
    return values
  }

  static func decodeEntities(_ text: String) -> String {
    guard text.contains("&") else { return text }
    return text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"")
      .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
      .replacingOccurrences(of: "&gt;", with: ">")
  }
}
