/// Eight bytes read as one word, for scans that pass over text that holds none of the bytes
/// they look for.
enum ByteWord {
  /// The eight bytes at `pointer` (any alignment), the first in the lowest byte.
  @inline(__always)
  static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
    UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
  }

  /// Whether one of the eight bytes of `word` is `byte`: exactly, by a zero byte found in
  /// their difference.
  @inline(__always)
  static func holds(_ word: UInt64, _ byte: UInt8) -> Bool {
    let difference = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
    return (difference &- 0x0101_0101_0101_0101) & ~difference & 0x8080_8080_8080_8080 != 0
  }
}
