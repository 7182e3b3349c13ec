import Foundation

/// Reads whole files straight into byte arrays.
enum FileBytes {
  /// The bytes of the regular file at `path`, read into an array of its size (no `Data` in
  /// between, so the bytes are copied once, from the kernel); nil when it cannot be opened
  /// or read, or is not a regular file.
  static func read(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
    let size = Int(info.st_size)
    var failed = false
    var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
      while count < size {
        let got = Foundation.read(descriptor, buffer.baseAddress! + count, size - count)
        if got < 0, errno == EINTR { continue }
        guard got > 0 else {
          failed = got < 0
          return
        }
        count += got
      }
    }
    guard !failed else { return nil }
    // A file that grew since `fstat` is read to its end.
    let atEnd: Bool = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { chunk in
      while true {
        let got = Foundation.read(descriptor, chunk.baseAddress!, chunk.count)
        if got < 0, errno == EINTR { continue }
        guard got > 0 else { return got == 0 }
        bytes += chunk[..<got]
      }
    }
    guard atEnd else { return nil }
    return bytes
  }

  /// Runs `body` on the first `count` bytes of the open file `descriptor`, read into pages
  /// of their own (an anonymous mapping, not the allocator's) that go back to the system as
  /// soon as `body` returns: a cache table of megabytes read to find its entries does not
  /// leave its pages dirty in the allocator for the rest of the build. Nil when the file
  /// cannot be read or holds fewer bytes.
  static func withBytes<T>(
    of descriptor: Int32, count: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T?
  ) -> T? {
    guard count > 0 else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
    guard
      let pages = mmap(nil, count, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
      pages != MAP_FAILED
    else { return nil }
    defer { munmap(pages, count) }
    var done = 0
    while done < count {
      let got = pread(descriptor, pages + done, count - done, off_t(done))
      if got < 0, errno == EINTR { continue }
      guard got > 0 else { return nil }
      done += got
    }
    return body(UnsafeBufferPointer(start: pages.assumingMemoryBound(to: UInt8.self), count: count))
  }
}
