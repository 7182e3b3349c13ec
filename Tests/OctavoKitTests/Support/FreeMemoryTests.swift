import Testing

@testable import OctavoKit

/// The allocator's free pages are given back once enough output was written, not after
/// every chapter (trimming walks the whole heap).
@Suite("Free memory", .serialized)
struct FreeMemoryTests {
  @Test("pages are given back once the written bytes reach the threshold, then counted anew")
  func threshold() {
    // Start from a trim, whatever other tests wrote before.
    FreeMemory.release(afterWriting: FreeMemory.threshold)
    let start = FreeMemory.pendingBytes
    let chapter = FreeMemory.threshold / 4
    var trims = 0
    for _ in 0..<8 where FreeMemory.release(afterWriting: chapter) { trims += 1 }
    // Twice the threshold written: two trims, not one per chapter (other suites rendering
    // at the same time add only a few kilobytes).
    #expect(trims >= 2 && trims < 8, "start \(start), trims \(trims)")
    #expect(FreeMemory.release(afterWriting: FreeMemory.threshold))
    #expect(!FreeMemory.release(afterWriting: 1))
    #expect(FreeMemory.pendingBytes < FreeMemory.threshold)
  }
}
