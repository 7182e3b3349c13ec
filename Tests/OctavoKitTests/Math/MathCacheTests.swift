import Testing

@testable import OctavoKit

/// The math pass's conversions by TeX and style: each converted once, keys told apart by
/// both, the hash computed once per key.
@Suite("Math conversion cache")
struct MathCacheTests {
  /// Keys are equal when their TeX and style are; equal keys hash alike.
  @Test func keys() {
    typealias Key = MathTypesetter.Cache.Key
    let key = Key(tex: "x^2", display: false)
    #expect(key == Key(tex: "x^2", display: false))
    #expect(key.hashValue == Key(tex: "x^2", display: false).hashValue)
    #expect(key != Key(tex: "x^2", display: true))
    #expect(key != Key(tex: "x^3", display: false))
    #expect(key != Key(tex: "x^2 ", display: false))
    // Strings equal as Swift compares them (canonical equivalence) are one key.
    #expect(Key(tex: "\u{E9}", display: false) == Key(tex: "e\u{301}", display: false))
    #expect(
      Key(tex: "\u{E9}", display: false).hashValue == Key(tex: "e\u{301}", display: false).hashValue
    )
  }

  /// Each TeX and style is converted once; a repeat gets the first conversion.
  @Test func convertsEachOnce() {
    let cache = MathTypesetter.Cache()
    var calls: [String] = []
    for (tex, display) in [("a", false), ("b", false), ("a", false), ("a", true), ("b", false)] {
      let converted = cache.converted(tex, display: display) {
        calls.append(tex + (display ? "!" : ""))
        return MathTypesetter.Converted(
          mathML: XMLElement("math", [("alttext", tex + (display ? "!" : ""))]), problems: [])
      }
      #expect(converted.mathML?[attribute: "alttext"] == tex + (display ? "!" : ""))
    }
    #expect(calls == ["a", "b", "a!"])
  }
}
