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

  /// The bytes `deflated` was made of; `nil` when the stream is damaged or does not give
  /// back `deflated.size` bytes.
  static func inflated(_ deflated: Output) -> [UInt8]? {
    if deflated.size == 0 { return [] }
    var stream = z_stream()
    guard
      inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        == Z_OK
    else { return nil }
    defer { inflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: deflated.size)
    guard finish(&stream, from: deflated.bytes, into: &output, with: inflate) == Z_STREAM_END,
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
    bytes.withUnsafeBufferPointer { buffer in
      UInt32(CZlib.crc32(0, buffer.baseAddress, uInt(buffer.count)))
    }
  }
}
