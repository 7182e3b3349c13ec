import Foundation
import Testing

@testable import OctavoKit

/// The timestamps Octavo reads and writes without Foundation's formatters give what those
/// formatters give, and the rest are left to them.
@Suite struct ISOTimestampTests {
  /// What Foundation's ISO 8601 formatter reads, as `MetadataDecoder.parseTimestamp` asked it
  /// before the plain-Swift path.
  static func foundationParse(_ text: String) -> Date? {
    let iso = ISO8601DateFormatter()
    iso.formatOptions = [.withInternetDateTime]
    if let date = iso.date(from: text) { return date }
    iso.formatOptions = [.withFullDate]
    return text.count == 10 ? iso.date(from: text) : nil
  }

  static func foundationFormat(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }

  @Test(arguments: [
    "2026-11-29", "2026-11-29T00:00:00Z", "2026-11-29T09:30:00Z", "2024-02-29T23:59:59Z",
    "2000-02-29", "1600-01-01", "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z", "2026-11-29T09:30:00+05:30", "2026-11-29T09:30:00-08:00",
    "2026-01-01T00:30:00+01:00", "2026-12-31T23:30:00-14:00", "2026-11-29T09:30:00+00:00",
    "1899-12-31", "1700-03-01T12:00:00Z",
  ])
  func readsAsFoundationDoes(text: String) throws {
    let ours = try #require(ISOTimestamp.parse(text), "\(text) is not read")
    #expect(ours == Self.foundationParse(text))
    #expect(MetadataDecoder.parseTimestamp(text) == ours)
  }

  /// Invalid dates and times and the forms left to Foundation are not read here; what
  /// `parseTimestamp` makes of them is Foundation's answer.
  @Test(arguments: [
    "", "2026", "2026-11", "2026-13-01", "2026-00-10", "2026-02-29", "2100-02-29", "2026-04-31",
    "2026-11-29T24:00:00Z", "2026-11-29T09:60:00Z", "2026-11-29T09:30:60Z", "2026-11-29T09:30Z",
    "2026-11-29 09:30:00 +0530", "2026-11-29t09:30:00z", "2026-11-29T09:30:00.250Z",
    "2026-11-29T09:30:00+0530", "2026-11-29T09:30:00+15:00", "1582-10-10", "0001-01-01",
    "10000-01-01", "+2026-11-29", "2026-1-29", "2026-11-29T09:30:00", "２０２６-11-29",
  ])
  func leavesTheRestToFoundation(text: String) {
    #expect(ISOTimestamp.parse(text) == nil)
  }

  /// A thousand random instants from 1600 to 9999, written in every form read here, read
  /// back as Foundation reads them, and written as Foundation writes them.
  @Test func agreesWithFoundationOnRandomInstants() throws {
    var random = SplitMix64(seed: 20_261_206)
    let first = ISOTimestamp.daysSinceEpoch(year: 1600, month: 1, day: 1) * 86_400
    let last = ISOTimestamp.daysSinceEpoch(year: 9999, month: 12, day: 31) * 86_400 + 86_399
    for _ in 0..<1000 {
      let seconds = Int.random(in: first...last, using: &random)
      let date = Date(timeIntervalSince1970: Double(seconds))
      let written = try #require(ISOTimestamp.format(date))
      #expect(written == Self.foundationFormat(date))
      #expect(ISOTimestamp.parse(written) == date)
      #expect(
        Self.foundationParse(String(written.prefix(10)))
          == ISOTimestamp.parse(String(written.prefix(10))))
      let minutes = Int.random(in: -14 * 60...14 * 60, using: &random)
      let sign = minutes < 0 ? "-" : "+"
      let zone = String(format: "%@%02d:%02d", sign, abs(minutes) / 60, abs(minutes) % 60)
      let zoned = String(written.dropLast()) + zone
      if let ours = ISOTimestamp.parse(zoned) {
        #expect(ours == Self.foundationParse(zoned), "\(zoned)")
        #expect(ours == Date(timeIntervalSince1970: Double(seconds - minutes * 60)))
      }
    }
  }

  /// A date that is not a whole second, or out of the years, is written by Foundation.
  @Test func leavesOtherDatesToFoundation() {
    #expect(ISOTimestamp.format(Date(timeIntervalSince1970: 0.5)) == nil)
    #expect(ISOTimestamp.format(Date(timeIntervalSince1970: -12_000_000_000)) == nil)
    #expect(ISOTimestamp.format(Date(timeIntervalSince1970: 1e15)) == nil)
    let odd = Date(timeIntervalSince1970: 1_764_408_600.75)
    #expect(PackageDocument.timestamp(odd) == Self.foundationFormat(odd))
  }
}
