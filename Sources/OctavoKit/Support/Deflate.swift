internal import CZlib

/// Raw deflate (RFC 1951, no zlib or gzip header) and CRC-32 through zlib: what a zip entry
/// holds. An EPUB document is deflated on the thread that wrote it, as soon as it is
/// written, and only the deflated bytes are kept until the zip file is written
/// (``ZipWriter/addDeflated(_:_:modified:)`` copies them as they are).
///
/// The settings are libzip 1.7's for a deflated entry (level as given, a window of 2^15
/// bytes, memory level 9, the default strategy), so the bytes are those libzip would write.
///
/// This is the only file that talks to zlib.
enum Deflate {
  /// Deflated bytes and what a zip entry records of their content.
  struct Output: Sendable, Equatable {
    /// The raw deflate stream.
    var bytes: [UInt8]
    /// The number of bytes before deflating.
    var size: Int
    /// The CRC-32 of the bytes before deflating.
    var crc: UInt32
    /// Where the deflated bytes wait for the zip when they were moved to a temporary file
    /// (``spill(to:)``); ``bytes`` is then empty.
    var spilled: Spilled? = nil

    /// The number of deflated bytes, in memory or spilled.
    var deflatedCount: Int { spilled?.extent.count ?? bytes.count }

    /// The deflated bytes: ``bytes``, or read back from the temporary file they were
    /// spilled to.
    ///
    /// - Throws: ``OctavoError`` when the temporary file cannot be read.
    func deflatedBytes() throws -> [UInt8] {
      guard let spilled else { return bytes }
      return try spilled.file.bytes(at: spilled.extent)
    }

    /// Moves the deflated bytes to `file` (appended), so memory no longer holds them.
    ///
    /// - Throws: ``OctavoError`` when the file cannot be written (they stay in memory then).
    mutating func spill(to file: SpillFile) throws {
      guard spilled == nil, !bytes.isEmpty else { return }
      spilled = Spilled(file: file, extent: try file.append(bytes))
      bytes = []
    }
  }

  /// Deflated bytes kept in a temporary file: which file, and where in it.
  struct Spilled: Sendable, Equatable {
    /// The temporary file.
    let file: SpillFile
    /// Where the bytes are in it.
    let extent: SpillFile.Extent

    static func == (left: Spilled, right: Spilled) -> Bool {
      left.file === right.file && left.extent == right.extent
    }
  }

  /// The memory level libzip deflates with (zlib's `MAX_MEM_LEVEL`).
  static let memoryLevel: Int32 = 9

  /// `bytes` deflated at `level` (1 to 9), as libzip deflates an entry; `nil` only when zlib
  /// fails (out of memory).
  static func raw(_ bytes: [UInt8], level: Int32) -> Output? {
    var stream = z_stream()
    let started = deflateInit2_(
      &stream, level, Z_DEFLATED, -MAX_WBITS, memoryLevel, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
      Int32(MemoryLayout<z_stream>.size))
    guard started == Z_OK else { return nil }
    defer { deflateEnd(&stream) }
    // deflateBound is enough for one call with Z_FINISH.
    let bound = Int(deflateBound(&stream, uLong(bytes.count)))
    var output = [UInt8](repeating: 0, count: max(bound, 16))
    guard finish(&stream, from: bytes, into: &output, with: deflate) == Z_STREAM_END else {
      return nil
    }
    // A copy at its size: the buffer's capacity is the input's, and it is what memory keeps.
    return Output(
      bytes: Array(output[..<Int(stream.total_out)]), size: bytes.count, crc: crc32(bytes))
  }

  /// A raw deflate stream fed a piece at a time (``add(_:)``), as a document is written in
  /// pieces, so the whole document is never in memory: the bytes are the same as
  /// ``raw(_:level:)`` gives for the pieces joined (zlib's output does not depend on how its
  /// input is split when nothing is flushed before the end), and its CRC-32 the same.
  final class Stream {
    private var stream = z_stream()
    private var started = false
    private var failed = false
    private var output: [UInt8] = []
    private var size = 0
    private var crc: uLong = 0
    /// zlib's output is taken this many bytes at a time.
    private static let chunk = 1 << 16

    /// A stream deflating at `level` (1 to 9) with libzip's settings.
    init(level: Int32) {
      started =
        deflateInit2_(
          &stream, level, Z_DEFLATED, -MAX_WBITS, Deflate.memoryLevel, Z_DEFAULT_STRATEGY,
          ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    deinit { if started { deflateEnd(&stream) } }

    /// Deflates the next piece of the content.
    func add(_ bytes: ArraySlice<UInt8>) {
      guard started, !failed, !bytes.isEmpty else { return }
      size += bytes.count
      bytes.withUnsafeBufferPointer { input in
        crc = CZlib.crc32(crc, input.baseAddress, uInt(input.count))
        failed = step(input, flush: Z_NO_FLUSH) != Z_OK
      }
    }

    /// The content deflated, and its size and CRC-32; `nil` when zlib failed (out of memory).
    func finish() -> Output? {
      guard started, !failed else { return nil }
      let status = step(UnsafeBufferPointer(start: nil, count: 0), flush: Z_FINISH)
      guard status == Z_STREAM_END else { return nil }
      // A copy at its size (`Array(output[...])` would share the buffer, which grew by
      // doubling): it is what memory keeps until the zip is written.
      let bytes = [UInt8](unsafeUninitializedCapacity: output.count) { buffer, count in
        _ = buffer.initialize(from: output)
        count = output.count
      }
      return Output(bytes: bytes, size: size, crc: UInt32(crc))
    }

    /// Runs deflate over `input` with `flush` until it has taken all of it (and, finishing,
    /// until the stream ends), appending what it gives to ``output`` through a buffer of
    /// ``chunk`` bytes.
    private func step(_ input: UnsafeBufferPointer<UInt8>, flush: Int32) -> Int32 {
      stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
      stream.avail_in = uInt(input.count)
      var status = Z_OK
      repeat {
        status = scratch.withUnsafeMutableBufferPointer { buffer in
          stream.next_out = buffer.baseAddress
          stream.avail_out = uInt(buffer.count)
          let status = deflate(&stream, flush)
          output.append(contentsOf: buffer[..<(buffer.count - Int(stream.avail_out))])
          return status
        }
        if status != Z_OK && status != Z_BUF_ERROR { break }
      } while stream.avail_in > 0 || (flush == Z_FINISH && status != Z_STREAM_END)
        || stream.avail_out == 0
      stream.next_in = nil
      return status == Z_BUF_ERROR ? Z_OK : status
    }

    /// Where zlib writes before its output is appended to ``output``.
    private var scratch = [UInt8](repeating: 0, count: chunk)
  }

  /// The bytes `deflated` was made of (read back first when they were spilled); `nil` when
  /// the stream is damaged or cannot be read, or does not give back `deflated.size` bytes.
  static func inflated(_ deflated: Output) -> [UInt8]? {
    if deflated.size == 0 { return [] }
    guard let input = try? deflated.deflatedBytes() else { return nil }
    var stream = z_stream()
    guard
      inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        == Z_OK
    else { return nil }
    defer { inflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: deflated.size)
    guard finish(&stream, from: input, into: &output, with: inflate) == Z_STREAM_END,
      Int(stream.total_out) == deflated.size
    else { return nil }
    return output
  }

  /// Runs `step` (`deflate` or `inflate`) over all of `input` into `output` in one call with
  /// `Z_FINISH`, and returns its status.
  private static func finish(
    _ stream: inout z_stream, from input: [UInt8], into output: inout [UInt8],
    with step: (UnsafeMutablePointer<z_stream>, Int32) -> Int32
  ) -> Int32 {
    input.withUnsafeBufferPointer { input in
      output.withUnsafeMutableBufferPointer { out in
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.avail_in = uInt(input.count)
        stream.next_out = out.baseAddress
        stream.avail_out = uInt(out.count)
        return step(&stream, Z_FINISH)
      }
    }
  }

  /// The CRC-32 of `bytes` (the zip's checksum).
  static func crc32(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBufferPointer { crc32($0[...]) }
  }

  /// The CRC-32 of the bytes in `buffer`, read where they lie.
  static func crc32(_ buffer: Slice<UnsafeBufferPointer<UInt8>>) -> UInt32 {
    let rebased = UnsafeBufferPointer(rebasing: buffer)
    return UInt32(CZlib.crc32(0, rebased.baseAddress, uInt(rebased.count)))
  }
}
