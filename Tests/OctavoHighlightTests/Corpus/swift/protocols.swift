protocol Shape {
  var area: Double { get }
  func scaled(by factor: Double) -> Self
}

struct Circle: Shape {
  var radius: Double
  var area: Double { .pi * radius * radius }
  func scaled(by factor: Double) -> Circle { Circle(radius: radius * factor) }
}

struct Rectangle: Shape {
  var width, height: Double
  var area: Double { width * height }
  func scaled(by factor: Double) -> Rectangle {
    Rectangle(width: width * factor, height: height * factor)
  }
}

extension Array where Element: Shape {
  /// The largest shape, or nil for an empty array.
  var largest: Element? { self.max { $0.area < $1.area } }
}

let shapes: [any Shape] = [Circle(radius: 2), Rectangle(width: 3, height: 4.5)]
for shape in shapes where shape.area > 10 {
  print(type(of: shape), String(format: "%.2f", shape.area))
}
