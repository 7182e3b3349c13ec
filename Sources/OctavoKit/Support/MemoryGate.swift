import Foundation

/// Lets work through while the memory it is expected to take, added up over the work under
/// way, stays within a limit: large chapters are rendered one at a time, small ones beside
/// them. Work that would go over waits for work under way to finish; work alone always goes
/// through, however large.
final class MemoryGate: @unchecked Sendable {
  /// The weight that may be under way at once.
  let limit: Int
  private let condition = NSCondition()
  private var underWay = 0

  init(limit: Int) {
    self.limit = limit
  }

  /// Runs `body` once `weight` fits beside the work under way.
  func run<T>(weight: Int, _ body: () throws -> T) rethrows -> T {
    condition.lock()
    while underWay > 0, underWay + weight > limit { condition.wait() }
    underWay += weight
    condition.unlock()
    defer {
      condition.lock()
      underWay -= weight
      condition.broadcast()
      condition.unlock()
    }
    return try body()
  }
}
