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

  /// The sweeps jemalloc's statistics count for the dirty pages of all arenas merged: each
  /// pass that gave an arena's unused pages back to the system.
  static func dirtySweeps(_ statistics: String) -> Int? {
    // "decaying:  time  npages  sweeps  madvises  purged", then "   dirty:  N/A  457  1  5  23";
    // the first such block is the merged arenas'.
    let lines = statistics.split(separator: "\n")
    guard let heading = lines.firstIndex(where: { $0.hasPrefix("decaying:") }),
      heading + 1 < lines.count
    else { return nil }
    let fields = lines[heading + 1].split(separator: " ")
    guard fields.first == "dirty:", fields.count >= 4 else { return nil }
    return Int(fields[3])
  }

  /// A clean build gives the pages loading freed back before it renders
  /// (`FreeMemory.purge()`, jemalloc's `arena.<all>.purge`): jemalloc would otherwise keep
  /// them for ten seconds, longer than the build, and count no sweep but the one it makes
  /// at start-up (`--version` shows it).
  @Test func cleanBuildGivesPagesBack() throws {
    let environment = ["MALLOC_CONF": "stats_print:true"]
    let start = try runProcess(TestPaths.octavo, ["--version"], environment: environment)
    let output = FileManager.default.temporaryDirectory.appending(
      path: "octavo-purge-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    let build = try runProcess(
      TestPaths.octavo,
      [
        "build", TestPaths.sampleManuscript.path, "--styles", TestPaths.styles.path,
        "--output", output.path, "--no-cache",
      ], environment: environment)
    #expect(build.status == 0, "\(build.stderr.suffix(500))")
    let atStart = try #require(Self.dirtySweeps(start.stderr))
    let afterBuild = try #require(Self.dirtySweeps(build.stderr))
    #expect(afterBuild > atStart, "sweeps: \(atStart) at start-up, \(afterBuild) after a build")
  }
}
