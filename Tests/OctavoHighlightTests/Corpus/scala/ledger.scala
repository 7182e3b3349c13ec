package harbour

import scala.collection.mutable

final case class Entry(vessel: String, tonnage: Double, berth: Option[Int] = None)

class Ledger {
  private val entries = mutable.ArrayBuffer.empty[Entry]

  def record(vessel: String, tonnage: Double, berth: Option[Int] = None): this.type = {
    require(tonnage > 0, s"tonnage must be positive for $vessel")
    entries += Entry(vessel, tonnage, berth)
    this
  }

  def total: Double = entries.map(_.tonnage).sum

  def summary: String = {
    val berthed = entries.count(_.berth.isDefined)
    f"${entries.size} vessels, $berthed berthed, $total%.1f t"
  }
}

object Main extends App {
  val ledger = new Ledger
  ledger.record("Marigold", 1250.5, Some(3)).record("Sea Lark", 1000)
  println(ledger.summary)
}
