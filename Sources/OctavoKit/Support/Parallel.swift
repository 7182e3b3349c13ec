import Dispatch

/// Runs independent pieces of work on every core.
enum Parallel {
  /// `items.map(body)`, with the calls spread over all cores when `parallel` is true. The
  /// results are in the order of `items`, whatever order the calls finish in. `body` must
  /// touch nothing shared that is not guarded.
  static func map<T: Sendable, R: Sendable>(
    _ items: [T], parallel: Bool = true, _ body: @Sendable (T) -> R
  ) -> [R] {
    guard parallel, items.count > 1 else { return items.map(body) }
    let results = ResultSlots<R>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
      results.store(body(items[index]), at: index)
    }
    return results.values()
  }
}

extension Parallel {
  /// Calls `body` on each element of `items`, in place, with the calls spread over all cores
  /// when `parallel` is true. Each element is touched by one call only.
  static func update<T: Sendable>(
    _ items: inout [T], parallel: Bool = true, _ body: @Sendable (Int, inout T) -> Void
  ) {
    guard parallel, items.count > 1 else {
      for index in items.indices { body(index, &items[index]) }
      return
    }
    items.withUnsafeMutableBufferPointer { buffer in
      let elements = Elements(base: buffer.baseAddress!)
      DispatchQueue.concurrentPerform(iterations: buffer.count) { index in
        body(index, &elements.base[index])
      }
    }
  }

  /// A pointer handed to tasks that each touch a different element.
  private struct Elements<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
  }
}

/// One slot per result, each written by exactly one task: no two tasks touch the same slot,
/// and the slots are read only after every task has finished.
final class ResultSlots<R>: @unchecked Sendable {
  private let slots: UnsafeMutablePointer<R?>
  private let count: Int

  init(count: Int) {
    self.count = count
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil, count: count)
  }

  deinit {
    slots.deinitialize(count: count)
    slots.deallocate()
  }

  func store(_ value: R, at index: Int) { slots[index] = value }

  func values() -> [R] { (0..<count).map { slots[$0]! } }

  subscript(index: Int) -> R { slots[index]! }
}

/// Work started on another thread now, whose result is waited for when it is first needed:
/// a cache file read while the book loads, the print edition written while the EPUB is.
/// Not a `DispatchQueue.concurrentPerform` task, so the work and the caller each keep all
/// cores for their own ``Parallel/map(_:parallel:_:)`` calls.
///
/// Each piece of work gets a serial queue of its own, which Dispatch runs on a thread it
/// adds when its pool is busy, rather than on the global queue, whose pool holds one thread
/// per core: there, with the build's own thread and the print edition's taking both of a
/// two-core machine's, the EPUB's structure check waited for the print edition to finish
/// before it began, and the build then waited for the check.
final class Background<T: Sendable>: @unchecked Sendable {
  private let group = DispatchGroup()
  private var result: T?

  /// Starts `work` on another thread when `parallel` is true; does it now otherwise.
  init(parallel: Bool = true, _ work: @escaping @Sendable () -> T) {
    guard parallel else {
      result = work()
      return
    }
    group.enter()
    DispatchQueue(label: "octavo.background").async {
      self.result = work()
      self.group.leave()
    }
  }

  /// The result, once the work is done (waits for it).
  var value: T {
    group.wait()
    return result!
  }
}
