import Foundation
import Testing

/// The `octavo` executable allocates through jemalloc, not the C library's malloc
/// (Package.swift, `CJemalloc`; docs/performance.md, "jemalloc").
@Suite struct AllocatorTests {
  /// jemalloc prints its statistics at exit when `MALLOC_CONF` asks it to; glibc's malloc
  /// ignores the variable. So the statistics on standard error show which allocator served
  /// the process, whatever the dynamic linker's search order.
  @Test func octavoRunsOnJemalloc() throws {
    let run = try runProcess(
      TestPaths.octavo, ["--version"], environment: ["MALLOC_CONF": "stats_print:true"])
    #expect(run.status == 0)
    #expect(run.stderr.contains("Begin jemalloc statistics"))
    #expect(run.stderr.contains("End jemalloc statistics"))
  }
}
