import Foundation

/// The ISO 8601 timestamps nearly every book uses (`2026-11-29`, `2026-11-29T09:30:00Z`,
/// `…+05:30`) read and written in plain Swift.
///
/// Foundation's date formatters load ICU's calendar, time-zone and locale data: about 6 MiB
/// of a build's resident memory and a few milliseconds, for one timestamp in `book.yaml`. These
/// functions handle the strict forms, from 1600 to 9999 in the Gregorian calendar, and return
/// nil for anything else, which the callers then give to Foundation as before; for every
/// string and date they handle they give what Foundation gives (`ISOTimestampTests`).
enum ISOTimestamp {
  /// The years handled: the Gregorian calendar throughout (Foundation's Gregorian calendar
  /// is the Julian one before October 1582) and four digits.
  static let years = 1600...9999

  /// The instant `text` names when it is `YYYY-MM-DD` (midnight UTC) or
  /// `YYYY-MM-DDThh:mm:ss` followed by `Z` or `±hh:mm`; nil for any other text, an invalid
  /// date or time, or a year outside ``years``.
  static func parse(_ text: String) -> Date? {
    var text = text
    return text.withUTF8 { bytes -> Date? in
      func number(at start: Int, digits: Int) -> Int? {
        guard start + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<start + digits] {
          guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
          value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
      }
      func byte(_ index: Int, is character: Unicode.Scalar) -> Bool {
        index < bytes.count && bytes[index] == UInt8(ascii: character)
      }
      guard bytes.count == 10 || bytes.count == 20 || bytes.count == 25,
        let year = number(at: 0, digits: 4), byte(4, is: "-"),
        let month = number(at: 5, digits: 2), byte(7, is: "-"),
        let day = number(at: 8, digits: 2),
        years.contains(year), (1...12).contains(month),
        (1...daysIn(month: month, year: year)).contains(day)
      else { return nil }
      var seconds = daysSinceEpoch(year: year, month: month, day: day) * 86_400
      if bytes.count == 10 { return Date(timeIntervalSince1970: Double(seconds)) }
      guard byte(10, is: "T"), let hour = number(at: 11, digits: 2), byte(13, is: ":"),
        let minute = number(at: 14, digits: 2), byte(16, is: ":"),
        let second = number(at: 17, digits: 2), hour < 24, minute < 60, second < 60
      else { return nil }
      seconds += hour * 3600 + minute * 60 + second
      if bytes.count == 20 {
        return byte(19, is: "Z") ? Date(timeIntervalSince1970: Double(seconds)) : nil
      }
      let sign = byte(19, is: "+") ? 1 : byte(19, is: "-") ? -1 : 0
      guard sign != 0, let zoneHours = number(at: 20, digits: 2), byte(22, is: ":"),
        let zoneMinutes = number(at: 23, digits: 2), zoneHours <= 14, zoneMinutes < 60
      else { return nil }
      seconds -= sign * (zoneHours * 3600 + zoneMinutes * 60)
      return Date(timeIntervalSince1970: Double(seconds))
    }
  }

  /// `date` as `YYYY-MM-DDThh:mm:ssZ` (UTC), or nil when it is not a whole second or its year
  /// is outside ``years``.
  static func format(_ date: Date) -> String? {
    let interval = date.timeIntervalSince1970
    guard interval.rounded(.down) == interval, abs(interval) < 1e12 else { return nil }
    let total = Int(interval)
    let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
    let secondOfDay = total - days * 86_400
    let (year, month, day) = civil(daysSinceEpoch: days)
    guard years.contains(year) else { return nil }
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(year)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600))"
      + ":\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
  }

  /// The days in `month` (1–12) of `year`, in the Gregorian calendar.
  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  static func isLeap(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  /// The days from 1970-01-01 to a Gregorian date (negative before it).
  static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
    // Counted in years that start on 1 March, so that the leap day ends a year; 400
    // Gregorian years are 146,097 days, and 719,468 days run from 0000-03-01 to 1970-01-01.
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let monthFromMarch = (month + 9) % 12
    let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The Gregorian date `days` after 1970-01-01: the inverse of
  /// ``daysSinceEpoch(year:month:day:)``.
  static func civil(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthFromMarch = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
    let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }
}
