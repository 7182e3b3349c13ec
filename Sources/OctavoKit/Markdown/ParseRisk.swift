import Foundation

/// What in a chapter's Markdown could make cmark-gfm 0.29 slow or hungry.
///
/// Debian's cmark-gfm 0.29.0.gfm.6 lacks the 2023 fixes for its polynomial cases (long
/// runs of table rows, autocompleted table cells, deeply nested lists followed by blank
/// lines, long lines of link, autolink or emphasis openers). Each of them needs a shape that
/// real prose does not have: a very long line or paragraph, a very wide table row, or deep
/// nesting at the start of a line. One linear pass over the bytes finds these shapes; a
/// chapter without any is parsed directly, and one with any is first parsed in a child
/// process bounded in time and memory (see ``MarkdownParser``).
struct ParseRisk: Equatable, Sendable {
  /// Lines longer than this (in bytes) are a risk.
  static let longestLine = 10_000
  /// Runs of non-blank lines (a paragraph, a table, a tight list) longer than this, in bytes
  /// or in lines, are a risk.
  static let longestRunBytes = 16_384
  static let longestRunLines = 1_000
  /// A line with more `|` than this is a risk (a table this wide is an attack, not a table).
  static let mostPipes = 100
  /// Containers (`>`, list markers) opened at the start of one line, beyond this, are a risk.
  static let deepestLineStart = 20

  /// The shape found, for the diagnostic.
  enum Shape: Equatable, Sendable {
    case longLine(bytes: Int)
    case longRun(lines: Int, bytes: Int)
    case wideRow(pipes: Int)
    case deepNesting(levels: Int)

    var description: String {
      switch self {
      case .longLine(let bytes): "a line of \(bytes) bytes"
      case .longRun(let lines, let bytes): "\(lines) lines (\(bytes) bytes) without a blank line"
      case .wideRow(let pipes): "a line with \(pipes) '|'"
      case .deepNesting(let levels): "\(levels) levels of nesting at the start of a line"
      }
    }
  }

  /// The first risky shape found.
  var shape: Shape
  /// Its line, 1-based, in the Markdown given to the scan.
  var line: Int

  /// Scans `bytes`; `nil` when nothing in them is a risk. `skipsLines: false` reads every
  /// byte (the rule the skipping stands for, which the tests hold it to).
  static func scan(_ bytes: some Collection<UInt8>, skipsLines: Bool = true) -> ParseRisk? {
    if let risk = bytes.withContiguousStorageIfAvailable({
      scan(buffer: $0, skipsLines: skipsLines)
    }) {
      return risk
    }
    return Array(bytes).withUnsafeBufferPointer { scan(buffer: $0, skipsLines: skipsLines) }
  }

  /// The scan of contiguous bytes. Once a line is known not to be blank and its leading
  /// containers are counted, the rest of it matters only for its length and its `|`: the
  /// line feed that ends it is found with `memchr` and its pipes counted in one tight loop,
  /// unless that rest could cross a bound (then it is read byte by byte, as before, so the
  /// shape reported is the same).
  private static func scan(buffer bytes: UnsafeBufferPointer<UInt8>, skipsLines: Bool)
    -> ParseRisk?
  {
    guard let base = bytes.baseAddress else { return nil }
    let count = bytes.count
    var index = 0
    var line = 1
    var lineBytes = 0
    var pipes = 0
    var blank = true
    // Leading containers: count `>` and list markers while only they and spaces are seen.
    var nesting = 0
    var inPrefix = true
    var pendingMarker = false
    var runLines = 0
    var runBytes = 0
    var runStartLine = 1
    // A line whose rest could cross a bound is read byte by byte to its end.
    var byteByByte = !skipsLines
    // Past the rest of a line (up to, not over, its line feed), when no bound is crossed in it.
    func skipToLineEnd() {
      guard !byteByByte else { return }
      let rest = count - index
      let end =
        memchr(base + index, 0x0A, rest).map {
          UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) - base
        } ?? count
      let length = end - index
      var found = 0
      for position in index..<end where base[position] == 0x7C { found += 1 }
      guard lineBytes + length <= longestLine, pipes + found <= mostPipes else {
        byteByByte = true
        return
      }
      lineBytes += length
      pipes += found
      index = end
    }

    while index < count {
      let byte = base[index]
      index += 1
      if byte == 0x0A {
        if !blank {
          if runLines == 0 { runStartLine = line }
          runLines += 1
          runBytes += lineBytes + 1
          if runLines > longestRunLines || runBytes > longestRunBytes {
            return ParseRisk(shape: .longRun(lines: runLines, bytes: runBytes), line: runStartLine)
          }
        } else {
          runLines = 0
          runBytes = 0
        }
        line += 1
        lineBytes = 0
        pipes = 0
        blank = true
        nesting = 0
        inPrefix = true
        pendingMarker = false
        byteByByte = !skipsLines
        continue
      }
      lineBytes += 1
      if lineBytes > longestLine {
        return ParseRisk(shape: .longLine(bytes: lineBytes), line: line)
      }
      if byte != 0x20 && byte != 0x09 && byte != 0x0D { blank = false }
      if byte == 0x7C {
        pipes += 1
        if pipes > mostPipes { return ParseRisk(shape: .wideRow(pipes: pipes), line: line) }
      }
      guard inPrefix else {
        if !blank { skipToLineEnd() }
        continue
      }
      switch byte {
      case 0x20, 0x09:
        if pendingMarker {
          nesting += 1
          pendingMarker = false
        }
      case 0x3E:  // >
        if pendingMarker {
          inPrefix = false
          continue
        }
        nesting += 1
      case 0x2D, 0x2A, 0x2B, 0x2E, 0x29:  // - * + . )
        if pendingMarker && (byte == 0x2E || byte == 0x29) { continue }
        pendingMarker = true
      case 0x30...0x39:
        pendingMarker = true
      default:
        inPrefix = false
        if !blank { skipToLineEnd() }
      }
      if nesting > deepestLineStart {
        return ParseRisk(shape: .deepNesting(levels: nesting), line: line)
      }
    }
    if !blank {
      runLines += 1
      runBytes += lineBytes
      if runLines == 1 { runStartLine = line }
      if runLines > longestRunLines || runBytes > longestRunBytes {
        return ParseRisk(shape: .longRun(lines: runLines, bytes: runBytes), line: runStartLine)
      }
    }
    return nil
  }
}

extension MarkdownParser {
  /// The bounds a risky chapter's trial parse must stay within.
  struct Limits: Sendable {
    /// CPU seconds for the trial parse; the real parse takes about as long again.
    var cpuSeconds = 3
    /// Wall-clock seconds, for a machine too busy to give the trial its CPU time.
    var wallSeconds = 12.0
    /// Memory the trial may add, in bytes.
    var memory = 768 << 20
    /// The most nodes a chapter may have: `minimumNodes`, or `nodesPerByte` per byte of
    /// input, whichever is larger.
    var minimumNodes = 1_000_000
    var nodesPerByte = 10
  }
}
