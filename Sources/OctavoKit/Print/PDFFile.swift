/// A PDF file's objects, found through its classic cross-reference table.
struct PDFFile {
  struct Reference: Hashable {
    var number: Int
    var generation: Int
  }

  let bytes: [UInt8]
  private(set) var offsets: [Int: Int] = [:]
  private(set) var trailer: [String: PDFValue] = [:]

  init?(_ bytes: [UInt8]) {
    self.bytes = bytes
    guard bytes.starts(with: Array("%PDF-".utf8)),
      let start = Self.lastStartXref(in: bytes)
    else { return nil }
    var section: Int? = start
    var seen: Set<Int> = []
    // Each section's trailer may name an older one (`/Prev`); the newest entry wins.
    while let offset = section, seen.insert(offset).inserted, seen.count < 64 {
      guard let (entries, trailer) = Self.xrefSection(bytes, at: offset) else { return nil }
      for (number, position) in entries where offsets[number] == nil {
        offsets[number] = position
      }
      if self.trailer.isEmpty { self.trailer = trailer }
      if case .number(let previous) = trailer["Prev"] ?? .other, previous.isFinite,
        previous >= 0, previous < Double(bytes.count)
      {
        section = Int(previous)
      } else {
        section = nil
      }
    }
    guard !offsets.isEmpty else { return nil }
  }

  /// The object `reference` points to, or nil when it is missing or unreadable.
  func object(_ reference: Reference) -> PDFValue? {
    guard let offset = offsets[reference.number], offset < bytes.count else { return nil }
    var reader = PDFReader(bytes: bytes, position: offset)
    guard case .number(let number) = reader.value(), Int(exactly: number) == reference.number,
      case .number = reader.value(), reader.keyword() == "obj"
    else { return nil }
    return reader.value()
  }

  /// `value` itself, or the object it refers to.
  func resolve(_ value: PDFValue) -> PDFValue? {
    if let reference = value.reference { return object(reference) }
    return value
  }

  /// Numbers the leaves of the page tree at `node` in order, from 1; false on a malformed
  /// tree (a node met twice, or nesting deeper than any printer writes).
  func collectPages(
    _ node: Reference, into order: inout [Reference: Int], visited: inout Set<Reference>,
    depth: Int
  ) -> Bool {
    guard depth < 64, visited.insert(node).inserted, let dictionary = object(node)?.dictionary
    else { return false }
    if dictionary["Type"]?.name == "Page" {
      order[node] = order.count + 1
      return true
    }
    for kid in dictionary["Kids"].flatMap({ resolve($0)?.array }) ?? [] {
      guard let reference = kid.reference,
        collectPages(reference, into: &order, visited: &visited, depth: depth + 1)
      else { return false }
    }
    return true
  }

  /// Calls `visit` with each key and value of the name tree at `node`; a node met twice is
  /// read once.
  func walkNameTree(
    _ node: Reference, seen: inout Set<Reference>, depth: Int,
    _ visit: (String, PDFValue) -> Void
  ) {
    guard depth < 32, seen.insert(node).inserted, let dictionary = object(node)?.dictionary
    else { return }
    if let names = dictionary["Names"].flatMap({ resolve($0)?.array }) {
      var index = 0
      while index + 1 < names.count {
        if case .string(let key) = names[index] { visit(key, names[index + 1]) }
        index += 2
      }
    }
    for kid in dictionary["Kids"].flatMap({ resolve($0)?.array }) ?? [] {
      if let reference = kid.reference {
        walkNameTree(reference, seen: &seen, depth: depth + 1, visit)
      }
    }
  }

  /// The offset after the last `startxref`.
  private static func lastStartXref(in bytes: [UInt8]) -> Int? {
    let keyword = Array("startxref".utf8)
    guard let found = bytes.suffix(2048).ranges(of: keyword).last else { return nil }
    var reader = PDFReader(bytes: bytes, position: found.upperBound)
    guard case .number(let offset) = reader.value(), offset >= 0, offset < Double(bytes.count)
    else { return nil }
    return Int(offset)
  }

  /// The entries (object number to offset) and trailer of the table at `offset`; nil when
  /// there is no classic table there (an xref stream).
  private static func xrefSection(_ bytes: [UInt8], at offset: Int)
    -> ([(Int, Int)], [String: PDFValue])?
  {
    var reader = PDFReader(bytes: bytes, position: offset)
    guard reader.keyword() == "xref" else { return nil }
    var entries: [(Int, Int)] = []
    while true {
      let mark = reader.position
      if reader.keyword() == "trailer" { break }
      reader.position = mark
      guard case .number(let first) = reader.value(), case .number(let count) = reader.value(),
        let start = Int(exactly: first), let total = Int(exactly: count), start >= 0,
        total >= 0, total < 10_000_000
      else { return nil }
      for number in start..<start + total {
        guard case .number(let position) = reader.value(), case .number = reader.value()
        else { return nil }
        let kind = reader.keyword()
        if kind == "n", let position = Int(exactly: position) {
          entries.append((number, position))
        } else if kind != "f" {
          return nil
        }
      }
    }
    guard let trailer = reader.value()?.dictionary else { return nil }
    return (entries, trailer)
  }
}
