sealed class Result<out T> {
    data class Success<T>(val value: T) : Result<T>()
    data class Failure(val error: Throwable) : Result<Nothing>()
    object Loading : Result<Nothing>()
}

fun <T> Result<T>.describe(): String = when (this) {
    is Result.Success -> "ok: $value"
    is Result.Failure -> "failed: ${error.message}"
    Result.Loading -> "loading"
}

inline fun <T> attempt(block: () -> T): Result<T> =
    try {
        Result.Success(block())
    } catch (e: Exception) {
        Result.Failure(e)
    }

fun main() {
    val results = listOf(attempt { 42 }, attempt { error("no tide table") }, Result.Loading)
    results.forEach { println(it.describe()) }
    val count = results.count { it is Result.Success<*> }
    println("successes: $count of ${results.size}")
}
