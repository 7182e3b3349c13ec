/// Hands out names no earlier call has had (`notes`, `notes-2`, `notes-3`…), in amortized
/// constant time per name: each base remembers the next suffix to try, so a base asked for
/// the thousandth time does not probe `-2`, `-3`… from the start again.
///
/// Used for heading, note and chapter ids and for the file names of images.
struct UniqueNames {
  private var used: Set<String>
  private var nextSuffix: [String: Int] = [:]
  /// Names that must not be handed out although nobody has them yet (ids of the forms
  /// Octavo generates); a base for which this holds gets `-id` added first.
  private let isReserved: @Sendable (String) -> Bool

  init(_ used: Set<String> = [], reserved: @escaping @Sendable (String) -> Bool = { _ in false }) {
    self.used = used
    self.isReserved = reserved
  }

  /// Whether `name` has been handed out (or was given at the start).
  func contains(_ name: String) -> Bool { used.contains(name) }

  /// Marks `name` as taken without handing it out.
  mutating func insert(_ name: String) { used.insert(name) }

  /// Marks every name in `names` as taken.
  mutating func formUnion<S: Sequence>(_ names: S) where S.Element == String {
    used.formUnion(names)
  }

  /// `base` when it is free, else `base-N` with the smallest N ≥ 2 not tried for this base
  /// before; `suffix` goes after the number (a file extension).
  mutating func make(_ base: String, suffix: String = "") -> String {
    var base = base
    if isReserved(base + suffix) { base += "-id" }
    if used.insert(base + suffix).inserted { return base + suffix }
    var counter = nextSuffix[base + "\u{0}" + suffix] ?? 2
    var candidate = "\(base)-\(counter)\(suffix)"
    while used.contains(candidate) || isReserved(candidate) {
      counter += 1
      candidate = "\(base)-\(counter)\(suffix)"
    }
    nextSuffix[base + "\u{0}" + suffix] = counter + 1
    used.insert(candidate)
    return candidate
  }
}
