object WordCount {
  def count(text: String): Map[String, Int] =
    text
      .toLowerCase
      .split("\\W+")
      .filter(_.nonEmpty)
      .groupBy(identity)
      .view
      .mapValues(_.length)
      .toMap

  def top(counts: Map[String, Int], n: Int = 10): Seq[(String, Int)] =
    counts.toSeq.sortBy { case (word, c) => (-c, word) }.take(n)

  def main(args: Array[String]): Unit = {
    val text = """The fog came in at dawn,
                 |and with it the Marigold.""".stripMargin
    val counts = count(text)
    for ((word, c) <- top(counts)) {
      println(f"$word%-10s $c%3d")
    }
    var total = 0L
    counts.values.foreach(total += _)
    println(s"total: $total, distinct: ${counts.size}")
  }
}
