import Foundation

/// `SOURCE_DATE_EPOCH`, read as the reproducible-builds specification asks.
extension ManuscriptLoader {
  /// The latest `SOURCE_DATE_EPOCH` an EPUB timestamp can write: 9999-12-31T23:59:59Z.
  static let latestEpoch = 253_402_300_799

  /// `SOURCE_DATE_EPOCH` read as the reproducible-builds specification asks (a whole number of
  /// seconds since 1970, ASCII digits only); anything else is an error naming the variable.
  /// An empty value is ignored, as the specification allows.
  mutating func sourceDateEpoch(_ value: String) -> Int? {
    let text = value.trimmingCharacters(in: .whitespaces)
    if text.isEmpty { return nil }
    guard text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
      diagnostics.append(
        Diagnostic(
          .error, .badEnvironment,
          "SOURCE_DATE_EPOCH '\(value)' is not a whole number of seconds since 1970-01-01", at: nil)
      )
      return nil
    }
    guard text.utf8.count <= 12, let seconds = Int(text), seconds <= Self.latestEpoch else {
      diagnostics.append(
        Diagnostic(
          .error, .badEnvironment,
          "SOURCE_DATE_EPOCH '\(value)' is after 9999-12-31T23:59:59Z (\(Self.latestEpoch)), the last time an EPUB can date",
          at: nil))
      return nil
    }
    return seconds
  }
}
