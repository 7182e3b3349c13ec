import Foundation

/// The rule `octavo new` and `octavo import` share for the folder they write a manuscript
/// into: it may not exist yet, or be an empty folder; anything else is refused.
enum NewFolder {
  /// Throws ``OctavoError`` when `folder` is a file or a folder that holds anything.
  static func requireNewOrEmpty(_ folder: URL) throws {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: folder.path, isDirectory: &isDirectory) else { return }
    guard isDirectory.boolValue else {
      throw OctavoError(.cannotWrite, path: folder.path, detail: "a file of that name exists")
    }
    let entries = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
    guard entries.isEmpty else {
      throw OctavoError(
        .folderNotEmpty, path: folder.path,
        detail:
          "\(entries.count) item\(entries.count == 1 ? "" : "s") in it; choose a new or empty folder"
      )
    }
  }
}
