import Foundation
import Testing

@testable import OctavoKit

/// A rebuild checks again only the links of unchanged documents that lead into files whose
/// key changed (``EPUBStructureCheck/LinkTargets``); what it finds must be what checking every
/// link finds.
@Suite("EPUB structure check: links of known documents")
struct EPUBStructureCheckTargetsTests {
  static let one = "EPUB/text/one.xhtml"
  static let two = "EPUB/text/two.xhtml"
  static let nav = "EPUB/nav.xhtml"

  /// A check of the small book with every entry keyed by its name and a version.
  static func check(
    _ entries: [EPUBStructureCheck.Entry], version: [String: Int] = [:],
    known: EPUBStructureCheck.Result? = nil
  ) -> EPUBStructureCheck {
    var check = EPUBStructureCheck(entries: entries, knownScans: known?.scans ?? [:])
    for entry in entries { check.keys[entry.name] = "\(entry.name) \(version[entry.name] ?? 0)" }
    check.knownTargets = known?.targets ?? [:]
    return check
  }

  @Test("a fresh check records where each document's links lead, with the keys of those files")
  func recorded() throws {
    let small = try EPUBStructureCheckTests.smallBook()
    let fresh = Self.check(small.entries).check()
    #expect(fresh.problems == [])
    let targets = try #require(fresh.targets[Self.one])
    let scan = try #require(fresh.scans[Self.one])
    let intoTwo = try #require(targets.targets.first { $0.path == Self.two })
    #expect(intoTwo.key == "\(Self.two) 0")
    #expect(intoTwo.links.map { scan.links[$0] } == ["two.xhtml#later"])
    // An image is no content document: no key is recorded for it.
    let image = try #require(targets.targets.first { $0.path.hasPrefix("EPUB/images/") })
    #expect(image.key == nil)
    #expect(targets.fits(scan.links))
    #expect(fresh.targets[Self.nav] != nil)

    // Known scans and targets give the same findings and the same targets.
    let again = Self.check(small.entries, known: fresh).check()
    #expect(again.problems == [])
    #expect(again.targets == fresh.targets)
    #expect(again.scans == fresh.scans)
  }

  @Test("links into a file whose key is the recorded one are not checked again")
  func skipped() throws {
    let small = try EPUBStructureCheckTests.smallBook()
    let fresh = Self.check(small.entries).check()
    // A known scan of two without the id, under the same key: the links into it were
    // checked against the same key before, so they are not checked again.
    var known = fresh
    known.scans[Self.two]?.ids.remove("later")
    #expect(Self.check(small.entries, known: known).check().problems == [])
    // Under a new key they are, from one document and from the navigation.
    let changed = Self.check(small.entries, version: [Self.two: 1], known: known).check()
    #expect(
      changed.problems == [
        "\(Self.nav): 'text/two.xhtml#later' leads to no element with that id",
        "\(Self.one): 'two.xhtml#later' leads to no element with that id",
      ])
    // The targets then carry the new key.
    let intoTwo = changed.targets[Self.one]?.targets.first { $0.path == Self.two }
    #expect(intoTwo?.key == "\(Self.two) 1")
  }

  @Test("a file gone from the container, or recorded without a key, is checked again")
  func checkedAgain() throws {
    let small = try EPUBStructureCheckTests.smallBook()
    let fresh = Self.check(small.entries).check()
    // The image removed: the record says the same key (none), but the file is missing.
    let withoutImage = small.entries.filter { !$0.name.hasPrefix("EPUB/images/") }
    let problems = Self.check(withoutImage, known: fresh).check().problems
    #expect(
      problems.contains {
        $0.hasPrefix("\(Self.one): '../images/")
          && $0.hasSuffix("leads to no file in the container")
      })
    // A record of two without a key (it had none), and two now without the id: checked.
    var known = fresh
    known.scans[Self.two]?.ids.remove("later")
    for (name, record) in known.targets {
      known.targets[name]?.targets = record.targets.map { target in
        var target = target
        if target.path == Self.two { target.key = nil }
        return target
      }
    }
    #expect(
      Self.check(small.entries, known: known).check().problems.contains(
        "\(Self.one): 'two.xhtml#later' leads to no element with that id"))
    // Entries without keys are checked as a fresh check does.
    var unkeyed = EPUBStructureCheck(entries: small.entries, knownScans: known.scans)
    unkeyed.knownTargets = fresh.targets
    #expect(
      unkeyed.check().problems.contains(
        "\(Self.one): 'two.xhtml#later' leads to no element with that id"))
  }

  @Test("a record made for other links is not taken: every link is checked")
  func recordThatDoesNotFit() throws {
    let small = try EPUBStructureCheckTests.smallBook()
    let fresh = Self.check(small.entries).check()
    var known = fresh
    known.scans[Self.two]?.ids.remove("later")
    let count = try #require(fresh.scans[Self.one]?.links.count)
    known.targets[Self.one] = EPUBStructureCheck.LinkTargets(targets: [
      .init(path: Self.two, key: "\(Self.two) 0", links: [count])
    ])
    #expect(known.targets[Self.one]?.fits(try #require(fresh.scans[Self.one]).links) == false)
    #expect(
      Self.check(small.entries, known: known).check().problems.contains(
        "\(Self.one): 'two.xhtml#later' leads to no element with that id"))
  }

  @Test("the targets kept with a document's findings decode to what was stored")
  func factsWithTargetsRoundTrip() throws {
    let small = try EPUBStructureCheckTests.smallBook()
    let fresh = Self.check(small.entries).check()
    for (name, scan) in fresh.scans {
      let facts = EPUBPackager.DocumentFacts(
        holdsMath: false, scan: scan, targets: fresh.targets[name])
      #expect(facts.targets != nil)
      #expect(PackageCache.decodeFacts(PackageCache.encode(facts)) == facts)
      #expect(PackageCache.decodeFacts(Array(PackageCache.encode(facts).dropLast())) == nil)
      var empty = facts
      empty.targets = EPUBStructureCheck.LinkTargets()
      #expect(PackageCache.decodeFacts(PackageCache.encode(empty)) == empty)
    }
  }

  @Test("dcterms:modified is told as the regular expression tells it, for ASCII digits")
  func timestamps() {
    let cases = [
      "2026-12-07T08:30:00Z", "2026-12-07T08:30:00", "2026-12-07 08:30:00Z",
      "2026-12-07T08:30:00+01:00", "26-12-07T08:30:00Z", "2026-12-07T08:30:0aZ", "",
      "2026-12-07T08:30:00Z ", "x2026-12-07T08:30:00Z", "9999-99-99T99:99:99Z",
    ]
    for text in cases {
      let expected = text.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/) != nil
      #expect(EPUBStructureCheck.isTimestamp(text) == expected, "\(text)")
    }
    #expect(!EPUBStructureCheck.isTimestamp("٢٠٢٦-12-07T08:30:00Z"))
  }
}
