import kotlinx.coroutines.*
import kotlinx.coroutines.flow.*

suspend fun fetchChapter(id: Int): String {
    delay(100L)
    return "chapter $id"
}

fun chapters(count: Int): Flow<String> = flow {
    for (i in 1..count) {
        emit(fetchChapter(i))
    }
}

fun main() = runBlocking {
    val start = System.currentTimeMillis()
    val jobs = (1..3).map { id ->
        async(Dispatchers.Default) { fetchChapter(id) }
    }
    println(jobs.awaitAll().joinToString(", "))

    chapters(4)
        .filter { !it.endsWith("3") }
        .map { it.uppercase() }
        .collect { println(it) }

    val elapsed = System.currentTimeMillis() - start
    println("took ${elapsed}ms")
}
