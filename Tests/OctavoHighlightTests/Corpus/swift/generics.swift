/// A fixed-size ring buffer.
public struct RingBuffer<Element> {
  private var storage: [Element?]
  private var head = 0
  private var count = 0

  public init(capacity: Int) {
    precondition(capacity > 0, "capacity must be positive")
    storage = Array(repeating: nil, count: capacity)
  }

  public mutating func push(_ element: Element) {
    storage[(head + count) % storage.count] = element
    if count == storage.count {
      head = (head + 1) % storage.count
    } else {
      count += 1
    }
  }

  public mutating func pop() -> Element? {
    guard count > 0 else { return nil }
    defer { head = (head + 1) % storage.count; count -= 1 }
    return storage[head]
  }

  public var isEmpty: Bool { count == 0 }
}

#if DEBUG
var buffer = RingBuffer<String>(capacity: 2)
buffer.push("a"); buffer.push("b"); buffer.push("c")
assert(buffer.pop() == "b")
#endif
