/// SHA-1 (FIPS 180-4), used only to derive name-based UUIDs (RFC 9562, version 5).
/// Not for security.
enum SHA1 {
  /// The digest of `message`.
  static func hash(_ message: [UInt8]) -> [UInt8] {
    message.withUnsafeBufferPointer { hash($0) }
  }

  /// The digest of a string's UTF-8 bytes, read in place (a chapter's text is hashed on every
  /// load, so it is not copied into an array first).
  static func hash(utf8 text: String) -> [UInt8] {
    var text = text
    return text.withUTF8 { hash($0) }
  }

  /// The digest of the bytes in `message`: whole 64-byte blocks are read where they lie, and
  /// only the last one or two blocks, with the padding, are copied.
  static func hash(_ message: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var state: (UInt32, UInt32, UInt32, UInt32, UInt32) = (
      0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0
    )
    let whole = message.count / 64 * 64
    if let base = message.baseAddress {
      var offset = 0
      while offset < whole {
        compress(base + offset, &state)
        offset += 64
      }
    }
    // The rest of the message, 0x80, zeros, and the length in bits: one or two blocks.
    var tail = [UInt8](repeating: 0, count: 128)
    let rest = message.count - whole
    for index in 0..<rest { tail[index] = message[whole + index] }
    tail[rest] = 0x80
    let tailLength = rest < 56 ? 64 : 128
    let bitLength = UInt64(message.count) &* 8
    for index in 0..<8 {
      tail[tailLength - 1 - index] = UInt8(truncatingIfNeeded: bitLength >> UInt64(index * 8))
    }
    tail.withUnsafeBufferPointer { buffer in
      var offset = 0
      while offset < tailLength {
        compress(buffer.baseAddress! + offset, &state)
        offset += 64
      }
    }
    var digest: [UInt8] = []
    digest.reserveCapacity(20)
    for value in [state.0, state.1, state.2, state.3, state.4] {
      for shift in stride(from: 24, through: 0, by: -8) {
        digest.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
      }
    }
    return digest
  }

  /// One 64-byte block folded into the state (FIPS 180-4, 6.1.2), with the message schedule
  /// kept in a 16-word window on the stack.
  @inline(__always)
  private static func compress(
    _ block: UnsafePointer<UInt8>, _ state: inout (UInt32, UInt32, UInt32, UInt32, UInt32)
  ) {
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { w in
      for i in 0..<16 {
        let j = i * 4
        w[i] =
          UInt32(block[j]) << 24 | UInt32(block[j + 1]) << 16 | UInt32(block[j + 2]) << 8
          | UInt32(block[j + 3])
      }
      var (a, b, c, d, e) = state
      // The schedule's word i: the block's own for the first 16, then from the window.
      @inline(__always) func word(_ i: Int) -> UInt32 {
        if i < 16 { return w[i] }
        let x = w[(i - 3) & 15] ^ w[(i - 8) & 15] ^ w[(i - 14) & 15] ^ w[i & 15]
        let value = x << 1 | x >> 31
        w[i & 15] = value
        return value
      }
      @inline(__always) func round(_ f: UInt32, _ k: UInt32, _ word: UInt32) {
        let temp = (a << 5 | a >> 27) &+ f &+ e &+ k &+ word
        e = d
        d = c
        c = b << 30 | b >> 2
        b = a
        a = temp
      }
      for i in 0..<20 { round((b & c) | (~b & d), 0x5A82_7999, word(i)) }
      for i in 20..<40 { round(b ^ c ^ d, 0x6ED9_EBA1, word(i)) }
      for i in 40..<60 { round((b & c) | (b & d) | (c & d), 0x8F1B_BCDC, word(i)) }
      for i in 60..<80 { round(b ^ c ^ d, 0xCA62_C1D6, word(i)) }
      state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e)
    }
  }
}

/// Name-based UUIDs (version 5), so a book without an identifier gets the same one on
/// every build.
enum UUIDv5 {
  /// Octavo's namespace for book identifiers (itself a v5 UUID of "octavo.book" in the URL
  /// namespace).
  static let namespace: [UInt8] = uuidBytes(
    name: "octavo.book",
    namespace: [
      0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
      0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
    ])

  static func uuidBytes(name: String, namespace: [UInt8]) -> [UInt8] {
    var bytes = Array(SHA1.hash(namespace + Array(name.utf8)).prefix(16))
    bytes[6] = (bytes[6] & 0x0F) | 0x50
    bytes[8] = (bytes[8] & 0x3F) | 0x80
    return bytes
  }

  /// The UUID for `name` in Octavo's namespace, as `xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx`.
  static func make(name: String) -> String {
    let hex = uuidBytes(name: name, namespace: namespace).map { byte in
      let s = String(byte, radix: 16)
      return s.count == 1 ? "0" + s : s
    }
    return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]]
      .map { $0.joined() }.joined(separator: "-")
  }
}
