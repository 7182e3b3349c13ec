import Foundation
import Testing

@testable import OctavoKit

/// The cache tables' file (``CacheTableFile``): a build that changes a few entries appends a
/// change instead of writing the table again; whatever it holds, the file reads as the
/// entries the last build kept, and a file cut short or damaged anywhere is a miss.
@Suite("Cache table file")
struct CacheTableFileTests {
  static let magic = Array("OCTAVO-TEST-CACHE\n".utf8)
  static let format = "test-cache 1"

  /// A folder of its own for each test, removed by the caller.
  static func folder() -> URL {
    let url = FileManager.default.temporaryDirectory.appending(
      path: "octavo-table-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func table(_ file: URL) -> CacheTable {
    CacheTable(file: file, magic: magic, format: format)
  }

  static func entries(_ file: URL) -> [String: [UInt8]]? {
    CacheTableFile.read(file, magic: magic, format: format)
  }

  /// Commits `entries` through a table read from `file`.
  static func commit(_ entries: [String: [UInt8]], to file: URL) {
    let table = table(file)
    for (key, value) in entries { table.keep(value, for: key) }
    table.commit()
  }

  static func size(_ file: URL) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: file.path)[.size]) as? Int) ?? -1
  }

  static func inode(_ file: URL) -> UInt64 {
    var info = stat()
    return stat(file.path, &info) == 0 ? UInt64(info.st_ino) : 0
  }

  /// A hundred entries of 2,000 bytes each.
  static let base: [String: [UInt8]] = Dictionary(
    uniqueKeysWithValues: (0..<100).map {
      ("key \($0)", [UInt8](repeating: UInt8($0), count: 2_000))
    })

  @Test(
    "a changed entry is appended, a dropped one removed, and the file reads as the kept entries")
  func appends() {
    let folder = Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appending(path: "t.cache")
    Self.commit(Self.base, to: file)
    #expect(Self.entries(file) == Self.base)
    let whole = [UInt8](FileManager.default.contents(atPath: file.path)!)
    let inode = Self.inode(file)
    var next = Self.base
    next["key 5"] = [1, 2, 3]
    next["new"] = Array("new entry".utf8)
    next["key 7"] = nil
    Self.commit(next, to: file)
    // The same file, its first bytes untouched, a change at its end.
    let grown = [UInt8](FileManager.default.contents(atPath: file.path)!)
    #expect(Self.inode(file) == inode)
    #expect(grown.count > whole.count && grown.count < whole.count + 200)
    #expect(Array(grown[..<whole.count]) == whole)
    #expect(Self.entries(file) == next)
    // A build that keeps what it read writes nothing.
    Self.commit(next, to: file)
    #expect(Self.size(file) == grown.count)
    // A table with nothing stored is written whole, and then no change as large as the
    // table is appended; a table whose entries mostly shrank (the file would hold more
    // replaced bytes than a quarter of the live ones) is written whole too.
    let empty = folder.appending(path: "e.cache")
    Self.commit([:], to: empty)
    let emptySize = Self.size(empty)
    Self.commit(Self.base, to: empty)
    #expect(Self.entries(empty) == Self.base)
    #expect(Self.size(empty) == whole.count)
    #expect(emptySize < 100)
    var most = Self.base
    for index in 0..<60 { most["key \(index)"] = [UInt8(index)] }
    Self.commit(most, to: empty)
    #expect(Self.entries(empty) == most)
    let fresh = folder.appending(path: "f.cache")
    Self.commit(most, to: fresh)
    #expect(Self.size(empty) == Self.size(fresh))
  }

  @Test("an entry waiting in a spill file is written as its head and its bytes")
  func spilledEntries() throws {
    let folder = Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appending(path: "table.cache")
    let spill = try #require(SpillFile(in: folder))
    let body = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let table = Self.table(file)
    table.keep(head: [1, 2, 3], spilled: try spill.append(body), in: spill, for: "spilled")
    table.keep([9], for: "plain")
    // A later keep of either kind replaces the earlier one.
    table.keep(head: [7], spilled: try spill.append([5, 5]), in: spill, for: "replaced")
    table.keep([8], for: "replaced")
    table.keep([6], for: "respilled")
    table.keep(head: [], spilled: try spill.append([4]), in: spill, for: "respilled")
    table.commit()
    let read = try #require(Self.entries(file))
    #expect(
      read == ["spilled": [1, 2, 3] + body, "plain": [9], "replaced": [8], "respilled": [4]])
  }

  @Test("a file cut anywhere in a change, or with a byte changed in it, is a miss")
  func damagedChange() throws {
    let folder = Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appending(path: "t.cache")
    Self.commit(Self.base, to: file)
    let before = Self.size(file)
    var next = Self.base
    next["key 1"] = Array("changed".utf8)
    Self.commit(next, to: file)
    let bytes = [UInt8](FileManager.default.contents(atPath: file.path)!)
    #expect(bytes.count > before)
    for cut in before + 1..<bytes.count {
      try Data(bytes[..<cut]).write(to: file)
      #expect(Self.entries(file) == nil, "cut at \(cut)")
    }
    for flipped in before..<bytes.count {
      var damaged = bytes
      damaged[flipped] ^= 0x20
      try Data(damaged).write(to: file)
      #expect(Self.entries(file) == nil, "byte \(flipped) changed")
    }
    // Cut at the end of the base table, the file is the table before the change.
    try Data(bytes[..<before]).write(to: file)
    #expect(Self.entries(file) == Self.base)
    // Cut inside the base table: a miss; a build then writes the table whole.
    try Data(bytes[..<(before / 2)]).write(to: file)
    #expect(Self.entries(file) == nil)
    Self.commit(next, to: file)
    #expect(Self.entries(file) == next)
    #expect(Self.size(file) < before + 100)
  }

  @Test("a change cut short by a killed build is never read, and the next build writes anew")
  func killedAppend() throws {
    let folder = Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appending(path: "t.cache")
    Self.commit(Self.base, to: file)
    let whole = [UInt8](FileManager.default.contents(atPath: file.path)!)
    var next = Self.base
    next["key 9"] = [9]
    let change = CacheTableFile.Change.encode(removing: [], setting: ["key 9": [9]])
    // What a build killed half-way through its append leaves.
    try Data(whole + change[..<(change.count / 2)]).write(to: file)
    let table = Self.table(file)
    #expect(table.stored("key 0") == nil)
    for (key, value) in next { table.keep(value, for: key) }
    table.commit()
    #expect(Self.entries(file) == next)
  }

  @Test("a file replaced since it was read is written whole, not appended to")
  func replaced() throws {
    let folder = Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appending(path: "t.cache")
    Self.commit(Self.base, to: file)
    let table = Self.table(file)
    // Read (a table reads its file on another thread, at the latest when first asked).
    #expect(table.stored("key 0") == Self.base["key 0"])
    // Another build writes the file in the meantime.
    Self.commit(["other": [1]], to: file)
    var next = Self.base
    next["key 3"] = [3]
    for (key, value) in next { table.keep(value, for: key) }
    table.commit()
    #expect(Self.entries(file) == next)
    let fresh = folder.appending(path: "fresh.cache")
    Self.commit(next, to: fresh)
    #expect(
      FileManager.default.contents(atPath: file.path)
        == FileManager.default.contents(atPath: fresh.path))
  }

  /// A hundred entries of `size` bytes each.
  static func entries(of size: Int) -> [String: [UInt8]] {
    Dictionary(
      uniqueKeysWithValues: (0..<100).map {
        ("key \($0)", [UInt8](repeating: UInt8($0), count: size))
      })
  }

  @Test(
    "changes that outweigh the live entries are folded into a table written whole",
    arguments: [2_000, CacheTableFile.leftInFile + 1_000])
  func compacts(size: Int) throws {
    let folder = Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appending(path: "t.cache")
    let base = Self.entries(of: size)
    Self.commit(base, to: file)
    let whole = Self.size(file)
    var entries = base
    var sizes: [Int] = []
    for round in 0..<40 {
      for index in 0..<10 {
        entries["key \((round * 10 + index) % 100)"] = [UInt8](
          repeating: UInt8(round % 7), count: size + round % 3)
      }
      Self.commit(entries, to: file)
      #expect(Self.entries(file) == entries)
      sizes.append(Self.size(file))
    }
    // The file grew a change at a time, then was written again at the size of its entries.
    #expect(sizes.max()! <= whole + whole / 4 + 70_000)
    let drop = try #require(sizes.indices.dropLast().first { sizes[$0 + 1] < sizes[$0] })
    #expect(sizes[drop + 1] <= whole + 1_000)
  }

  @Test(
    "large entries stay in the file: read from it, kept as read, and copied into a table written anew"
  )
  func entriesLeftInFile() throws {
    let folder = Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appending(path: "t.cache")
    let large = CacheTableFile.leftInFile
    var base: [String: [UInt8]] = [:]
    for index in 0..<20 {
      base["large \(index)"] = (0..<large + index).map { UInt8(truncatingIfNeeded: $0 &* index) }
      base["small \(index)"] = [UInt8(index)]
    }
    Self.commit(base, to: file)
    // Read: the large entries are where they are in the file, the small ones in memory.
    let contents = try #require(
      CacheTableFile.readContents(file, magic: Self.magic, format: Self.format))
    #expect(
      contents.entries["large 3"]
        == .inFile(
          SpillFile.Extent(
            offset: try #require(Self.offset(of: base["large 3"]!, in: file)), count: large + 3)))
    #expect(contents.entries["small 3"] == .bytes([3]))
    // Kept as read, one changed: the change is appended, and the file reads as kept.
    let table = Self.table(file)
    #expect(table.stored("large 7") == base["large 7"])
    for key in base.keys { table.keepStored(key) }
    table.keepStored("absent")
    var next = base
    next["large 5"] = [UInt8](repeating: 5, count: large * 2)
    table.keep(next["large 5"]!, for: "large 5")
    let inode = Self.inode(file)
    let size = Self.size(file)
    table.commit()
    #expect(Self.inode(file) == inode)
    #expect(Self.size(file) > size + large * 2 && Self.size(file) < size + large * 2 + 200)
    let appended = Self.entries(file)
    #expect(appended == next, "\(appended?.keys.sorted() ?? [])")
    // Read again, the changed entry is found in the change; kept as read while another
    // build replaces the file, the table is written whole from the file it read.
    let again = Self.table(file)
    #expect(again.stored("large 5") == next["large 5"])
    for key in next.keys { again.keepStored(key) }
    again.keep([100], for: "small 1")
    next["small 1"] = [100]
    Self.commit(["other": [9]], to: file)
    again.commit()
    let written = Self.entries(file)
    #expect(written == next, "\(written?.keys.sorted() ?? [])")
    let fresh = folder.appending(path: "fresh.cache")
    Self.commit(next, to: fresh)
    #expect(
      FileManager.default.contents(atPath: file.path)
        == FileManager.default.contents(atPath: fresh.path))
  }

  /// Where `bytes` first occur in `file`.
  static func offset(of bytes: [UInt8], in file: URL) -> Int? {
    let whole = [UInt8](FileManager.default.contents(atPath: file.path) ?? Data())
    return whole.indices.first { whole[$0...].starts(with: bytes) }
  }
}
