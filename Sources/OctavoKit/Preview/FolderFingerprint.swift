import Foundation

/// What a folder's files look like now: each file's path, size, modification time and
/// inode. Two fingerprints differ when a file was added, removed, renamed, replaced or
/// written, which is how `octavo serve` and `octavo watch` notice changes (by polling, which
/// works the same on every system).
public struct FolderFingerprint: Equatable, Sendable {
  struct Stamp: Equatable, Sendable {
    var size: Int64
    var seconds: Int
    var nanoseconds: Int
    var inode: UInt64
  }

  private var stamps: [String: Stamp] = [:]

  /// The number of files seen.
  public var fileCount: Int { stamps.count }

  /// Takes the fingerprint of the files under `folders` (hidden files and folders, such as
  /// editors' swap files, are left out), skipping anything under `excluded`.
  public init(of folders: [URL], excluding excluded: [URL] = []) {
    let skipped = excluded.map { $0.standardizedFileURL.path }
    for folder in folders {
      let root = folder.standardizedFileURL
      guard
        let enumerator = FileManager.default.enumerator(
          at: root, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
      else { continue }
      for case let url as URL in enumerator {
        let path = url.standardizedFileURL.path
        if skipped.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) {
          enumerator.skipDescendants()
          continue
        }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
        stamps[path] = Stamp(
          size: Int64(info.st_size), seconds: Int(info.st_mtim.tv_sec),
          nanoseconds: Int(info.st_mtim.tv_nsec), inode: UInt64(info.st_ino))
      }
    }
  }
}
