import Foundation

extension EPUBStructureCheck {
  /// The ids of one content document, held compactly: their UTF-8 bytes one after another in
  /// one buffer, and an open-addressed table of their positions for exact lookups.
  ///
  /// A `Set<String>` holds each id longer than 15 bytes (`chapter-01-fnref-1234`) in a heap
  /// object of its own, about 80 bytes an id with the table; a book of 100,000 notes has
  /// 200,000 such ids, kept from the scan of each document to the end of the build (links
  /// from other documents are checked against them, and the package cache stores them).
  /// Here an id takes its bytes, 4 bytes for where it ends and at most 16 of table.
  ///
  /// It answers as a `Set<String>` does: an id that is not ASCII is also kept as a string
  /// (``others``) and looked up there, where Swift's string equality holds two canonically
  /// equivalent spellings (`é`, `e` + U+0301) for the same id; ASCII ids, equal only when
  /// their bytes are, are looked up in the table.
  struct IDSet: Sendable, Equatable, CustomStringConvertible {
    /// The ids' UTF-8 bytes, one after another, in the order they were inserted.
    private var bytes: [UInt8] = []
    /// Where each id ends in ``bytes`` (it starts where the one before ends).
    private var ends: [UInt32] = []
    /// The table of the ASCII ids: 0 for an empty slot, else the position in ``ends`` of
    /// the id there, plus 1. Its size is a power of two, at least twice the number of ids.
    private var slots: [UInt32] = []
    /// The ids that are not ASCII.
    private var others: Set<String> = []

    /// An empty set.
    init() {}

    /// The set of `ids`.
    init<S: Sequence>(_ ids: S) where S.Element == String {
      for id in ids { insert(id) }
    }

    /// The number of ids.
    var count: Int { ends.count }

    /// Whether the set holds no id.
    var isEmpty: Bool { ends.isEmpty }

    /// The ids, in the order they were first inserted.
    var elements: [String] { ends.indices.map(element) }

    /// Calls `body` with each id, in the order they were first inserted (one string at a
    /// time, not all at once).
    func forEach(_ body: (String) throws -> Void) rethrows {
      for index in ends.indices { try body(element(index)) }
    }

    /// The ids, sorted.
    func sorted() -> [String] { elements.sorted() }

    var description: String { elements.description }

    /// Whether the set holds `id`.
    func contains(_ id: String) -> Bool {
      Self.withBytes(id) { key in Self.isASCII(key) ? find(key).found : others.contains(id) }
    }

    /// Inserts `id`; returns whether it was not there yet.
    @discardableResult
    mutating func insert(_ id: String) -> Bool {
      Self.withBytes(id) { insert(bytes: $0, id) }
    }

    /// Inserts the id whose UTF-8 bytes are `key` (`id`, when given, is the same id as a
    /// string; one is made only for an id that is not ASCII).
    private mutating func insert(bytes key: UnsafeBufferPointer<UInt8>, _ id: String? = nil)
      -> Bool
    {
      if !Self.isASCII(key) {
        guard others.insert(id ?? String(decoding: key, as: UTF8.self)).inserted else {
          return false
        }
        bytes.append(contentsOf: key)
        ends.append(UInt32(bytes.count))
        return true
      }
      if (ends.count + 1) * 2 > slots.count { grow() }
      let (found, slot) = find(key)
      if found { return false }
      bytes.append(contentsOf: key)
      ends.append(UInt32(bytes.count))
      slots[slot] = UInt32(ends.count)
      return true
    }

    /// The ids' UTF-8 bytes in the order they were first inserted, each followed by a zero
    /// byte (which no id holds: XML allows no U+0000), as ``init(joined:)`` reads them.
    var joined: [UInt8] {
      var result: [UInt8] = []
      result.reserveCapacity(bytes.count + ends.count)
      var start = 0
      for end in ends {
        result.append(contentsOf: bytes[start..<Int(end)])
        result.append(0)
        start = Int(end)
      }
      return result
    }

    /// The set of the ids in `joined` (``joined``: each id followed by a zero byte), read
    /// without making a string of each; `nil` when the bytes do not end with a zero byte.
    init?(joined: [UInt8]) {
      guard joined.last ?? 0 == 0 else { return nil }
      let count = joined.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
      var size = 16
      while size < (count + 1) * 2 { size *= 2 }
      slots = [UInt32](repeating: 0, count: size)
      bytes.reserveCapacity(joined.count - count)
      ends.reserveCapacity(count)
      joined.withUnsafeBufferPointer { all in
        var start = 0
        for index in all.indices where all[index] == 0 {
          insert(bytes: UnsafeBufferPointer(rebasing: all[start..<index]))
          start = index + 1
        }
      }
    }

    /// Removes `id`, when the set holds it (the set is made again without it).
    mutating func remove(_ id: String) {
      guard contains(id) else { return }
      self = IDSet(elements.filter { $0 != id })
    }

    static func == (left: IDSet, right: IDSet) -> Bool {
      guard left.count == right.count else { return false }
      // The same ids inserted in the same order (a known scan passed on as it was decoded:
      // the same buffers, compared at once) are the same set.
      if left.ends == right.ends, left.bytes == right.bytes, left.others == right.others {
        return true
      }
      return left.others == right.others
        && left.ends.indices.allSatisfy { index in
          left.withElement(index) { !isASCII($0) || right.find($0).found }
        }
    }

    // MARK: - The table

    /// The id at `index`, as a string.
    private func element(_ index: Int) -> String {
      withElement(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the bytes of the id at `index`.
    private func withElement<Result>(
      _ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
      let start = index == 0 ? 0 : Int(ends[index - 1])
      return bytes.withUnsafeBufferPointer { all in
        body(UnsafeBufferPointer(rebasing: all[start..<Int(ends[index])]))
      }
    }

    /// Whether the id `key` is in the table, and its slot (or the empty slot it would take).
    /// The table must have an empty slot.
    private func find(_ key: UnsafeBufferPointer<UInt8>) -> (found: Bool, slot: Int) {
      guard !slots.isEmpty else { return (false, 0) }
      let mask = slots.count - 1
      var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
      return bytes.withUnsafeBufferPointer { all in
        while true {
          let entry = Int(slots[slot])
          if entry == 0 { return (false, slot) }
          let start = entry == 1 ? 0 : Int(ends[entry - 2])
          let end = Int(ends[entry - 1])
          if end - start == key.count,
            key.isEmpty || memcmp(all.baseAddress! + start, key.baseAddress!, key.count) == 0
          {
            return (true, slot)
          }
          slot = (slot + 1) & mask
        }
      }
    }

    /// Doubles the table (16 slots at first) and places every ASCII id again.
    private mutating func grow() {
      slots = [UInt32](repeating: 0, count: max(16, slots.count * 2))
      let mask = slots.count - 1
      for index in ends.indices where withElement(index, Self.isASCII) {
        var slot = withElement(index) { Int(truncatingIfNeeded: Self.hash($0)) } & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = UInt32(index + 1)
      }
    }

    /// Whether every byte of `key` is ASCII.
    private static func isASCII(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
      key.allSatisfy { $0 < 0x80 }
    }

    /// FNV-1a over the bytes, its high bits folded into the low ones the table uses.
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      for byte in key { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
      return hash ^ (hash >> 29)
    }

    /// Calls `body` with the UTF-8 bytes of `text`.
    private static func withBytes<Result>(
      _ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
      if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
      var copy = text
      return copy.withUTF8(body)
    }
  }
}
