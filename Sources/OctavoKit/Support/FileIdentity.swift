import Foundation

/// What `stat` says of a chapter file, as the summary cache records it next to the SHA-1 of
/// the text it read, so that the next build can take an unchanged chapter's summary without
/// reading and hashing its text again (``SummaryCache/digest(path:identity:)``).
///
/// The identity is the device, inode, size, modification time and status-change time (both
/// to the nanosecond), as git's index keeps them. An editor's save, `cp`, `rsync`, a checkout
/// or an unpacked archive gives a new inode or a new modification time; `touch -r` and
/// `rsync -t`, which set the modification time back, still change the status-change time,
/// which no program can set; so do `chmod` and a rename over the file. An edit made in the
/// same clock tick as the identity was taken would leave every field as it was (a
/// file system stamps times in ticks of a few milliseconds, some in whole seconds): an
/// identity is therefore recorded only when both times are ``settledAge`` seconds older than
/// the moment it was taken (``isSettled``); a file changed more recently than that, or dated
/// in the future, is read and hashed on every build until it is.
struct FileIdentity: Equatable, Sendable {
  var device: UInt64
  var inode: UInt64
  var size: UInt64
  var modified: timespec
  var changed: timespec
  /// Whether both times were at least ``settledAge`` seconds in the past when the identity
  /// was taken.
  var isSettled: Bool

  /// How old a file's times must be for its identity to stand for its text.
  static let settledAge = 2

  /// The identity of the regular file at `path` (through symbolic links, as it is read), or
  /// nil when there is none to be had.
  init?(path: String) {
    var info = stat()
    guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
    size = UInt64(info.st_size)
    modified = info.st_mtim
    changed = info.st_ctim
    let limit = Int(now.tv_sec) - Self.settledAge
    isSettled = Int(modified.tv_sec) < limit && Int(changed.tv_sec) < limit
  }

  static func == (lhs: FileIdentity, rhs: FileIdentity) -> Bool {
    lhs.fields == rhs.fields
  }

  /// The fields compared and recorded (``isSettled`` is not one of them).
  var fields: [UInt64] {
    [
      device, inode, size,
      UInt64(bitPattern: Int64(modified.tv_sec)), UInt64(bitPattern: Int64(modified.tv_nsec)),
      UInt64(bitPattern: Int64(changed.tv_sec)), UInt64(bitPattern: Int64(changed.tv_nsec)),
    ]
  }
}
