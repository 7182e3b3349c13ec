// Dates: the `datetime` values of `<time>`, `<ins>` and `<del>` HTML and EPUBCheck accept.

// MARK: - Dates and times

extension HTMLSanitizer {
  /// Whether `value` is a valid date, time, date-time, month, year, week or duration string
  /// for `<time>`, in the forms both HTML and EPUBCheck accept.
  static func isDateTime(_ value: String) -> Bool {
    let text = trimmed(value)
    var scanner = DateScanner(text)
    if scanner.time(), scanner.atEnd { return true }
    scanner = DateScanner(text)
    if scanner.yearlessDate(), scanner.atEnd { return true }
    scanner = DateScanner(text)
    if scanner.dateTime() { return true }
    return isDuration(text)
  }

  /// Whether `text` is an ISO 8601 duration (`P1DT2H`) or a list of components (`1H 30M`).
  static func isDuration(_ text: String) -> Bool {
    var scanner = DateScanner(text)
    guard scanner.take("P") else { return scanner.durationComponents() }
    var components = 0
    if scanner.number() != nil {
      guard scanner.take("D") else { return false }
      components += 1
    }
    if scanner.take("T") {
      var timeComponents = 0
      for unit: Character in ["H", "M"] where scanner.peekNumber(followedBy: unit) {
        _ = scanner.number()
        _ = scanner.take(unit)
        timeComponents += 1
      }
      if scanner.number() != nil {
        if scanner.take(".") { guard scanner.number(maxDigits: 3) != nil else { return false } }
        guard scanner.take("S") else { return false }
        timeComponents += 1
      }
      guard timeComponents > 0 else { return false }
      components += timeComponents
    }
    return components > 0 && scanner.atEnd
  }

  /// Reads the parts of date and time strings.
  struct DateScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var atEnd: Bool { index == bytes.count }

    /// Consumes `character` if it is next.
    mutating func take(_ character: Character) -> Bool {
      guard let ascii = character.asciiValue, index < bytes.count, bytes[index] == ascii else {
        return false
      }
      index += 1
      return true
    }

    /// Reads between `minDigits` and `maxDigits` digits.
    mutating func number(minDigits: Int = 1, maxDigits: Int = 18) -> Int? {
      var end = index
      while end < bytes.count, end - index < maxDigits, isASCIIDigit(bytes[end]) { end += 1 }
      guard end - index >= minDigits else { return nil }
      let value = bytes[index..<end].reduce(0) { $0 * 10 + Int($1 - 0x30) }
      index = end
      return value
    }

    /// Whether digits followed by `unit` come next.
    func peekNumber(followedBy unit: Character) -> Bool {
      var end = index
      while end < bytes.count, isASCIIDigit(bytes[end]) { end += 1 }
      return end > index && end < bytes.count && bytes[end] == unit.asciiValue
    }

    /// Reads exactly two digits within `range`.
    mutating func twoDigits(in range: ClosedRange<Int>) -> Bool {
      let start = index
      guard let value = number(minDigits: 2, maxDigits: 2), range.contains(value) else {
        index = start
        return false
      }
      return true
    }

    /// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.sss`.
    mutating func time() -> Bool {
      guard twoDigits(in: 0...23), take(":"), twoDigits(in: 0...59) else { return false }
      if take(":") {
        guard twoDigits(in: 0...59) else { return false }
        if take(".") { return number(minDigits: 1, maxDigits: 3) != nil }
      }
      return true
    }

    /// `Z`, `+HH:MM`, `-HHMM`, …
    mutating func timeZone() -> Bool {
      if take("Z") { return true }
      guard take("+") || take("-"), twoDigits(in: 0...23) else { return false }
      _ = take(":")
      return twoDigits(in: 0...59)
    }

    /// Components like `1W 2D 3H 4M 5.5S`, to the end.
    mutating func durationComponents() -> Bool {
      var components = 0
      while true {
        while take(" ") {}
        if atEnd { return components > 0 }
        guard number() != nil else { return false }
        var fraction = false
        if take(".") {
          guard number(maxDigits: 3) != nil else { return false }
          fraction = true
        }
        while take(" ") {}
        if take("S") || (!fraction && (take("W") || take("D") || take("H") || take("M"))) {
          components += 1
        } else {
          return false
        }
      }
    }

    /// `MM-DD` or `--MM-DD`.
    mutating func yearlessDate() -> Bool {
      if take("-") { guard take("-") else { return false } }
      return twoDigits(in: 1...12) && take("-") && twoDigits(in: 1...31)
    }

    /// A year, month, week, date, or date and time with an optional time zone, to the end.
    mutating func dateTime() -> Bool {
      let yearStart = index
      guard let year = number(minDigits: 4, maxDigits: 9), year > 0 else { return false }
      if atEnd { return index - yearStart == 4 }
      guard take("-") else { return false }
      if take("W") { return twoDigits(in: 1...53) && atEnd }
      let monthStart = index
      guard twoDigits(in: 1...12) else { return false }
      let month = bytes[monthStart..<index].reduce(0) { $0 * 10 + Int($1 - 0x30) }
      if atEnd { return true }
      guard take("-"), let day = number(minDigits: 2, maxDigits: 2),
        (1...DateScanner.days(in: month, of: year)).contains(day)
      else { return false }
      if atEnd { return true }
      guard take("T") || take(" "), time() else { return false }
      if atEnd { return true }
      return timeZone() && atEnd
    }

    static func days(in month: Int, of year: Int) -> Int {
      switch month {
      case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
      case 4, 6, 9, 11: 30
      default: 31
      }
    }
  }
}
