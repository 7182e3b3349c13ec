import Testing
import Yams

@testable import OctavoKit

/// book.yaml and front matter are composed with Yams's basic resolver (the default one's
/// regular expressions load ICU): every value Octavo reads of a node is what it was with the
/// default resolver.
@Suite struct YAMLScalarTypeTests {
  static let values = [
    "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "false", "False", "FALSE",
    "no", "No", "NO", "off", "Off", "OFF", "tRUE", "yES", "y", "Y", "n", "1", "0", "-7", "0x1F",
    "0o17", "017", "1_000", "3.25", "-0.0", "1e3", ".inf", "-.Inf", ".nan", "1:30", "'yes'",
    "\"true\"", "'12'", "!!bool yes", "!!bool 'On'", "!!str yes", "!!int '3'", "~", "null",
    "Null", "NULL", "nUll", "''", "!!null ''", "!!null x", "'null'", "", "2026-11-29",
    "2026-11-29T09:30:00Z", "[true]", "{a: yes}", "yes please", "<<", "=",
  ]

  static func node(_ value: String, resolver: Resolver) throws -> Node? {
    guard case .mapping(let mapping) = try Yams.compose(yaml: "key: \(value)\n", resolver) else {
      return nil
    }
    return mapping["key"]
  }

  @Test(arguments: values)
  func readsAsWithTheDefaultResolver(value: String) throws {
    let resolved = try #require(try Self.node(value, resolver: .default))
    let document = try #require(YAMLDocument.parse("key: \(value)\n", file: "book.yaml").0)
    guard case .mapping(let mapping) = document.root, let node = mapping["key"] else {
      Issue.record("no key in `\(value)`")
      return
    }
    #expect(node.bool == resolved.bool, "`\(value)`")
    #expect(node.int == resolved.int, "`\(value)`")
    #expect(node.float?.bitPattern == resolved.float?.bitPattern, "`\(value)`")
    #expect(node.string == resolved.string, "`\(value)`")
    // The scalar's own tag (explicit `!!null`) is what `MetadataDecoder.scalar` reads; a
    // `Node`'s `tag` resolves through the resolver, and Octavo does not ask for it.
    #expect(
      (node.scalar?.tag == Tag(.null)) == (resolved.scalar?.tag == Tag(.null)), "`\(value)`")
    #expect(node.scalar?.style == resolved.scalar?.style, "`\(value)`")
  }

  /// The flags book.yaml takes still read `off` and `NO` as flags, and not `'no'`.
  @Test(arguments: [
    ("off", false, true), ("NO", false, true), ("'no'", true, false), ("Yes", true, true),
  ])
  func flagsInBookYAML(value: String, typography: Bool, valid: Bool) throws {
    let yaml = "title: T\nlanguage: en\ncontents: [a.md]\ntypography: \(value)\n"
    let (document, _) = YAMLDocument.parse(yaml, file: "book.yaml")
    var decoder = MetadataDecoder(document: try #require(document))
    let (metadata, _, _) = decoder.decode()
    #expect(metadata.typography == typography)
    #expect(decoder.diagnostics.isEmpty == valid, "\(decoder.diagnostics)")
  }
}
