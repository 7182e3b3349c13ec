import Foundation
import Testing

@testable import OctavoKit

@Suite("Style sheets")
struct StylesTests {
  @Test(
    "the built-in style sheets are the files in Styles/, byte for byte",
    arguments: ["epub.css", "print.css"])
  func builtInMatchesShipped(_ name: String) throws {
    let shipped = try String(contentsOf: TestPaths.styles.appending(path: name), encoding: .utf8)
    #expect(BookBuilder.builtInStylesheet(name) == shipped)
  }

  @Test("without a Styles folder the build uses the built-in copies")
  func fallback() throws {
    let missing = FileManager.default.temporaryDirectory.appending(
      path: "no-styles-\(UUID().uuidString)")
    #expect(
      BookBuilder.stylesheet("epub.css", in: missing)
        == Array(try Data(contentsOf: TestPaths.styles.appending(path: "epub.css"))))
  }

  /// Each rule of a style sheet: its selector and its declarations, comments removed.
  static func rules(_ css: String) -> [(selector: String, body: String)] {
    let bare = css.replacing(/\/\*(?:.|\n)*?\*\//, with: "")
    return bare.matches(of: /([^{}]+)\{([^{}]*)\}/).map {
      (String($0.1).trimmingCharacters(in: .whitespacesAndNewlines), String($0.2))
    }
  }

  @Test(
    "the e-book style sheet sets no text or background colours but on highlighted code, so night modes work"
  )
  func noFixedColours() throws {
    let css = try String(contentsOf: TestPaths.styles.appending(path: "epub.css"), encoding: .utf8)
    for rule in Self.rules(css) where !rule.selector.contains(".hl-") {
      for match in rule.body.matches(of: /(?:^|;|\s)(color|background(-color)?)\s*:\s*([^;]+);/) {
        #expect(
          ["inherit", "transparent", "currentColor", "none"].contains(
            String(match.3).trimmingCharacters(in: .whitespaces)),
          "fixed colour in \(rule.selector): \(match.0)")
      }
    }
  }

  /// The WCAG relative luminance of `#rrggbb`.
  static func luminance(_ hex: Substring) -> Double {
    let value = Int(hex.dropFirst(), radix: 16) ?? 0
    let channels = [value >> 16, (value >> 8) & 0xFF, value & 0xFF].map { Double($0) / 255 }
    let linear = channels.map { $0 <= 0.040_45 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
  }

  static func contrast(_ a: Double, _ b: Double) -> Double {
    (max(a, b) + 0.05) / (min(a, b) + 0.05)
  }

  @Test(
    "highlighted code keeps 3.5:1 on white, sepia and near-black pages, and is told apart by weight and style as well",
    arguments: ["epub.css", "print.css"])
  func codeColours(_ name: String) throws {
    let css = try String(contentsOf: TestPaths.styles.appending(path: name), encoding: .utf8)
    let rules = Self.rules(css).filter { $0.selector.contains(".hl-") }
    let pages: [(String, Double)] =
      name == "epub.css"
      ? [
        ("white", 1.0), ("sepia", Self.luminance("#f4ecd8")), ("black", Self.luminance("#121212")),
      ]
      : [("white paper", 1.0)]
    var colours = 0
    for rule in rules {
      for match in rule.body.matches(of: /(?:^|\s)color:\s*(#[0-9a-fA-F]{6})/) {
        colours += 1
        for (page, luminance) in pages {
          let ratio = Self.contrast(Self.luminance(match.1), luminance)
          #expect(
            ratio >= (name == "epub.css" ? 3.5 : 6), "\(rule.selector) on \(page): \(ratio)")
        }
      }
    }
    #expect(colours >= 15)
    // Without colour (e-ink, greyscale print): keywords bold, comments italic.
    func declares(_ selector: String, _ declaration: String) -> Bool {
      rules.contains {
        $0.selector.split(separator: ",").contains {
          $0.trimmingCharacters(in: .whitespacesAndNewlines) == selector
        } && $0.body.contains(declaration)
      }
    }
    #expect(declares(".hl-kw", "font-weight: bold"))
    #expect(declares(".hl-co", "font-style: italic"))
    #expect(declares(".hl-pp", "font-weight: bold"))
  }

  @Test("the print style sheet sets up 6 × 9 in pages with page numbers")
  func pagedMedia() throws {
    let css = try String(contentsOf: TestPaths.styles.appending(path: "print.css"), encoding: .utf8)
    #expect(css.contains("size: 6in 9in"))
    #expect(css.contains("counter(page"))
    #expect(css.contains("@bottom-"))
    #expect(css.contains("break-before"))
  }
}
