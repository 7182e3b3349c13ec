import Dispatch
import Foundation

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
/// Work that no thread has begun by the time its result is asked for is done by the thread
/// that asks, rather than waited for: Dispatch's pool holds one thread per core, and on a
/// two-core machine, with the build's own thread and the print edition's taking both, the
/// EPUB's structure check (started while the zip is written) began only once the print
/// edition was done, while the build's thread, its zip written, sat waiting for it.
final class Background<T: Sendable>: @unchecked Sendable {
  private let group = DispatchGroup()
  private let lock = NSLock()
  /// The work, until a thread takes it to do it.
  private var work: (@Sendable () -> T)?
  private var result: T?

  /// Starts `work` on another thread when `parallel` is true; does it now otherwise.
  init(parallel: Bool = true, _ work: @escaping @Sendable () -> T) {
    guard parallel else {
      result = work()
      return
    }
    self.work = work
    group.enter()
    DispatchQueue.global().async { self.runUnlessTaken() }
  }

  /// The work, taken so that no other thread does it; nil when one has.
  private func take() -> (@Sendable () -> T)? {
    lock.lock()
    defer { lock.unlock() }
    let taken = work
    work = nil
    return taken
  }

  /// Does the work on this thread, unless another thread has taken it.
  private func runUnlessTaken() {
    guard let work = take() else { return }
    result = work()
    group.leave()
  }

  /// The result, once the work is done: done now, on this thread, when no thread has begun
  /// it yet, else waited for.
  var value: T {
    runUnlessTaken()
    group.wait()
    return result!
  }
}
