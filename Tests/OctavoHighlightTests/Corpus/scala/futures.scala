import scala.concurrent.{Await, Future}
import scala.concurrent.ExecutionContext.Implicits.global
import scala.concurrent.duration._
import scala.util.{Failure, Success}

object Fetch {
  def chapter(id: Int): Future[String] = Future {
    Thread.sleep(100L)
    if (id < 0) throw new IllegalArgumentException("negative id")
    s"chapter $id"
  }

  def main(args: Array[String]): Unit = {
    val all = Future.sequence((1 to 3).map(chapter))
    all.onComplete {
      case Success(titles) => println(titles.mkString(", "))
      case Failure(error)  => println(s"failed: ${error.getMessage}")
    }
    val result = Await.result(all, 2.seconds)
    println(result.length)
  }
}
