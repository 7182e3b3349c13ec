import Foundation

/// Hyphenates words with Frank Liang's algorithm and the TeX-style patterns Debian ships for
/// LibreOffice and Hunspell (`/usr/share/hyphen/hyph_<language>.dic`, package `hyphen-en-us`
/// and the other `hyphen-*` packages).
///
/// Headless Chromium has no hyphenation dictionaries, so `hyphens: auto` does nothing there:
/// Octavo inserts soft hyphens (U+00AD) into the print edition's text before Chromium prints
/// it, and Chromium breaks at them.
struct Hyphenator: Sendable {
  /// Pattern letters (a word's letters, `.` for its edges) to the digits between them.
  private let patterns: [String: [UInt8]]
  private let longestPattern: Int
  /// Letters kept together at the start and at the end of a word.
  let leftMin: Int
  let rightMin: Int

  /// Reads a pattern file's text (the `hyphen` library's `.dic` format).
  init(patternFile text: String) {
    var patterns: [String: [UInt8]] = [:]
    var longest = 0
    var left = 2
    var right = 3
    for (index, raw) in text.split(whereSeparator: \.isNewline).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      // The first line names the encoding; keywords and comments carry no patterns.
      if index == 0 || line.isEmpty || line.hasPrefix("%") || line.hasPrefix("#") { continue }
      if line.hasPrefix("LEFTHYPHENMIN") {
        left = Int(line.split(separator: " ").last ?? "") ?? left
        continue
      }
      if line.hasPrefix("RIGHTHYPHENMIN") {
        right = Int(line.split(separator: " ").last ?? "") ?? right
        continue
      }
      if line.first?.isUppercase == true || line.contains("/") || line.contains(" ") { continue }
      var letters = ""
      var digits: [UInt8] = [0]
      for character in line {
        if let digit = character.wholeNumberValue, character.isASCII {
          digits[digits.count - 1] = UInt8(digit)
        } else {
          letters.append(character)
          digits.append(0)
        }
      }
      guard !letters.isEmpty else { continue }
      patterns[letters] = digits
      longest = max(longest, letters.count)
    }
    self.patterns = patterns
    longestPattern = longest
    leftMin = max(left, 2)
    rightMin = max(right, 3)
  }

  /// The hyphenator for a BCP 47 language (`en`, `en-GB`, `de`), from the first pattern
  /// file found in `folders`; nil when there is none.
  static func forLanguage(
    _ language: String, folders: [URL] = [URL(fileURLWithPath: "/usr/share/hyphen")]
  ) -> Hyphenator? {
    let tag = language.replacingOccurrences(of: "-", with: "_")
    let base = String(tag.split(separator: "_").first ?? "")
    var names = ["hyph_\(tag).dic"]
    if base.lowercased() == "en" { names += ["hyph_en_US.dic", "hyph_en.dic"] }
    names += ["hyph_\(base).dic", "hyph_\(base)_\(base.uppercased()).dic"]
    for folder in folders {
      for name in names {
        let url = folder.appending(path: name)
        if let data = FileManager.default.contents(atPath: url.path) {
          let text = String(decoding: data, as: UTF8.self)
          let hyphenator = Hyphenator(patternFile: text)
          if hyphenator.longestPattern > 0 { return hyphenator }
        }
      }
    }
    return nil
  }

  /// The positions (offsets into `word`'s characters) where a hyphen may go.
  func breaks(in word: String) -> [Int] {
    let letters = Array(word.lowercased())
    guard letters.count >= leftMin + rightMin, letters.count == word.count else { return [] }
    let padded = ["."] + letters.map(String.init) + ["."]
    var values = [UInt8](repeating: 0, count: padded.count + 1)
    for start in 0..<padded.count {
      var key = ""
      for end in start..<min(padded.count, start + longestPattern) {
        key += padded[end]
        guard let digits = patterns[key] else { continue }
        for (offset, digit) in digits.enumerated() where digit > values[start + offset] {
          values[start + offset] = digit
        }
      }
    }
    // values[i] sits before padded[i]: a break before letters[i - 1] when odd.
    var result: [Int] = []
    for position in leftMin...(letters.count - rightMin) where values[position + 1] % 2 == 1 {
      result.append(position)
    }
    return result
  }

  /// `word` with soft hyphens at its break points; a word in capitals (an acronym, a
  /// name set in capitals) is left whole.
  func hyphenate(_ word: String) -> String {
    guard word.contains(where: \.isLowercase) else { return word }
    let points = breaks(in: word)
    guard !points.isEmpty else { return word }
    var result = ""
    for (index, character) in word.enumerated() {
      if points.contains(index) { result.append("\u{AD}") }
      result.append(character)
    }
    return result
  }

  /// An HTML document with soft hyphens in the words of its body text: not inside tags,
  /// `<head>`, `<style>`, `<pre>`, `<code>`, headings, table cells, captions or the contents
  /// (print.css sets those `hyphens: manual`), and never in an address, a file name or an
  /// entity (a run of text holding `/`, `@`, `_`, `.` between letters, or `&`).
  func hyphenateHTML(_ html: String) -> String {
    let skipped: Set<String> = [
      "head", "style", "script", "pre", "code", "kbd", "samp", "h1", "h2", "h3", "h4", "h5",
      "h6", "nav", "title", "td", "th", "figcaption",
    ]
    var result = ""
    result.reserveCapacity(html.utf8.count + html.utf8.count / 20)
    var depth = 0  // how many skipped elements are open
    var token = ""
    func flush() {
      guard !token.isEmpty else { return }
      defer { token = "" }
      if depth > 0 || token.contains(where: { "/@_&\\=".contains($0) })
        || token.dropLast().contains(".")
      {
        result += token
        return
      }
      var run = ""
      for character in token {
        if character.isLetter {
          run.append(character)
        } else {
          result += hyphenate(run)
          run = ""
          result.append(character)
        }
      }
      result += hyphenate(run)
    }
    var index = html.startIndex
    while index < html.endIndex {
      let character = html[index]
      if character == "<" {
        flush()
        guard let close = html[index...].firstIndex(of: ">") else {
          result += html[index...]
          break
        }
        let tag = html[index...close]
        result += tag
        let name = tag.dropFirst().prefix { $0 != " " && $0 != ">" && !$0.isNewline }.lowercased()
        // A style sheet or script is copied whole, up to its end tag.
        if name == "style" || name == "script", let end = html[close...].range(of: "</\(name)>") {
          result += html[html.index(after: close)..<end.upperBound]
          index = end.upperBound
          continue
        }
        if name.hasPrefix("/") {
          if skipped.contains(String(name.dropFirst())) { depth = max(0, depth - 1) }
        } else if skipped.contains(name), !tag.hasSuffix("/>") {
          depth += 1
        }
        index = html.index(after: close)
        continue
      }
      if character.isWhitespace {
        flush()
        result.append(character)
      } else {
        token.append(character)
      }
      index = html.index(after: index)
    }
    flush()
    return result
  }
}
