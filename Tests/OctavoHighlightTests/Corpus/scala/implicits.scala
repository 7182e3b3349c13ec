trait Show[A] {
  def show(a: A): String
}

object Show {
  def apply[A](implicit s: Show[A]): Show[A] = s

  implicit val intShow: Show[Int] = (a: Int) => s"Int($a)"
  implicit val stringShow: Show[String] = (a: String) => "\"" + a + "\""

  implicit def listShow[A: Show]: Show[List[A]] =
    (as: List[A]) => as.map(Show[A].show).mkString("[", ", ", "]")
}

object Demo {
  implicit class ShowOps[A: Show](a: A) {
    def show: String = Show[A].show(a)
  }

  def main(args: Array[String]): Unit = {
    println(42.show)
    println(List("quay", "fog").show)
    val pairs = for {
      x <- 1 to 3
      y <- 'a' to 'b'
    } yield (x, y)
    println(pairs)
  }
}
