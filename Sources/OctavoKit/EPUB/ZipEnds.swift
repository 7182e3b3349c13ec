import Foundation

/// The parts of a zip file ``EPUBStructureCheck`` reads, by their offsets in the file: its
/// first bytes (the first local header and the `mimetype` entry) and its end (the central
/// directory and the end record). The finished EPUB is not read into memory whole to check it.
struct ZipEnds: Sendable {
  /// The size of the whole file.
  let count: Int
  /// The file's first bytes.
  private let head: [UInt8]
  /// The file's last bytes, from ``tailStart``.
  private let tail: [UInt8]
  private let tailStart: Int

  /// How many bytes of the start are read: the first local header of `mimetype`, its name
  /// and its content, with room to spare.
  static let headLength = 128

  /// The whole of a zip file held in memory.
  init(_ whole: [UInt8]) {
    count = whole.count
    head = whole
    tail = []
    tailStart = whole.count
  }

  /// The first bytes and the end of the zip file at `path`: the last 64 KiB and 22 bytes (the
  /// end record and the longest comment), and from the start of the central directory when
  /// the end record places it before them. `nil` when the file cannot be read.
  init?(path: String) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { return nil }
    let size = Int(info.st_size)
    func read(_ offset: Int, _ length: Int) -> [UInt8]? {
      var bytes = [UInt8](repeating: 0, count: length)
      let done = bytes.withUnsafeMutableBytes { buffer -> Int in
        var done = 0
        while done < length {
          let got = pread(
            descriptor, buffer.baseAddress! + done, length - done, off_t(offset + done))
          if got < 0, errno == EINTR { continue }
          guard got > 0 else { break }
          done += got
        }
        return done
      }
      return done == length ? bytes : nil
    }
    var start = max(0, size - 22 - 0xFFFF)
    guard let head = read(0, min(size, Self.headLength)), var tail = read(start, size - start)
    else { return nil }
    // The end record gives where the central directory starts; read from there if earlier.
    var end = tail.count - 22
    while end >= 0 {
      if tail[end] == 0x50, tail[end + 1] == 0x4B, tail[end + 2] == 0x05, tail[end + 3] == 0x06 {
        break
      }
      end -= 1
    }
    if end >= 0 {
      let directory =
        Int(tail[end + 16]) | Int(tail[end + 17]) << 8 | Int(tail[end + 18]) << 16
        | Int(tail[end + 19]) << 24
      if directory < start, directory >= 0 {
        guard let more = read(directory, start - directory) else { return nil }
        tail = more + tail
        start = directory
      }
    }
    count = size
    self.head = head
    self.tail = tail
    tailStart = start
  }

  /// The byte at `offset`; 0 for a byte that was not read (the check then finds the
  /// structure damaged).
  subscript(offset: Int) -> UInt8 {
    if offset >= tailStart, offset - tailStart < tail.count { return tail[offset - tailStart] }
    if offset >= 0, offset < head.count { return head[offset] }
    return 0
  }

  /// The bytes at `range`.
  subscript(range: Range<Int>) -> [UInt8] { range.map { self[$0] } }
}
