import Dispatch
import Foundation
import Testing

@testable import OctavoKit

/// ``Background``: work started on another thread, done by the caller when no worker began it.
@Suite struct BackgroundTests {
  /// A flag the busy workers watch.
  final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    func raise() { lock.withLock { raised = true } }
    var isRaised: Bool { lock.withLock { raised } }
  }

  @Test func everyWorkRunsOnceWithItsResult() {
    let runs = ResultSlots<Int>(count: 200)
    let counter = NSLock()
    nonisolated(unsafe) var count = 0
    let backgrounds = (0..<200).map { index in
      Background {
        counter.withLock { count += 1 }
        return index * index
      }
    }
    for (index, background) in backgrounds.enumerated() {
      runs.store(background.value, at: index)
      // Asked twice, the work is not done twice.
      #expect(background.value == index * index)
    }
    #expect(runs.values() == (0..<200).map { $0 * $0 })
    #expect(counter.withLock { count } == 200)
  }

  @Test func notParallelRunsAtOnce() {
    let caller = pthread_self()
    let background = Background(parallel: false) { pthread_self() }
    #expect(pthread_equal(background.value, caller) != 0)
  }

  /// With every Dispatch worker busy (as while the print edition is written on all cores),
  /// the result is not waited for: the caller does the work.
  @Test func callerDoesTheWorkWhenEveryWorkerIsBusy() {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let release = Flag()
    let busy = DispatchGroup()
    let done = DispatchGroup()
    for _ in 0..<cores {
      busy.enter()
      done.enter()
      DispatchQueue.global().async {
        busy.leave()
        // Spinning (not sleeping) keeps the worker counted as running; ten seconds at most.
        let end = Date().addingTimeInterval(10)
        while !release.isRaised, Date() < end {}
        done.leave()
      }
    }
    busy.wait()
    let started = Date()
    let background = Background { 42 }
    let value = background.value
    // Before: the work waited for a spinning worker to give up, ten seconds. (Who does it is
    // not asserted: a worker the other tests' waits made Dispatch add may take it too.)
    let waited = Date().timeIntervalSince(started)
    release.raise()
    done.wait()
    #expect(value == 42)
    #expect(waited < 5)
  }
}
