import Dispatch
import Foundation
import Testing

@testable import OctavoKit

/// ``Background`` work that no thread has begun when its result is asked for is done by the
/// thread that asks: the EPUB's structure check must not wait for the print edition (or
/// anything else started before it) to leave a thread free.
@Suite("Background work")
struct BackgroundTests {
  @Test("work queued behind busy threads is done by the thread that asks for it")
  func doneByTheAskingThread() {
    // One more piece of work than there are cores, each waiting until the last has
    // started: on a pool of one thread per core, the last would start only once the first
    // had given up waiting, unless the thread asking for it does it.
    let waiting = ProcessInfo.processInfo.activeProcessorCount + 1
    let started = DispatchSemaphore(value: 0)
    let blockers = (0..<waiting).map { _ in
      Background { started.wait(timeout: .now() + 20) == .success }
    }
    let last = Background {
      for _ in 0..<waiting { started.signal() }
      return true
    }
    #expect(last.value)
    let results = blockers.map(\.value)
    #expect(results.allSatisfy { $0 })
  }

  @Test("without parallelism the work is done at once, in order")
  func serial() {
    var order: [Int] = []
    let first = Background(parallel: false) { 1 }
    order.append(first.value)
    let second = Background(parallel: false) { 2 }
    order.append(second.value)
    #expect(order == [1, 2])
  }
}
