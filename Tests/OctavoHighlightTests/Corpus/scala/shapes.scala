sealed trait Shape {
  def area: Double
}

case class Circle(r: Double) extends Shape {
  override def area: Double = math.Pi * r * r
}

case class Rect(w: Double, h: Double) extends Shape {
  override def area: Double = w * h
}

object Shapes {
  def describe(shape: Shape): String = shape match {
    case Circle(r) if r > 10 => "a large circle"
    case Circle(_)           => "a circle"
    case Rect(w, h) if w == h => s"a square of side $w"
    case _: Rect              => "a rectangle"
  }

  def main(args: Array[String]): Unit = {
    val shapes = List(Circle(1.5), Rect(2, 2), Rect(2, 3.5))
    shapes.foreach(s => println(describe(s)))
    println(shapes.map(_.area).sum)
  }
}
