package org.octavo.text

/** Words of a string, without punctuation. */
fun String.words(): List<String> =
    split(Regex("\\s+")).map { it.trim(',', '.', ';', '!') }.filter { it.isNotEmpty() }

val String.isTitleCase: Boolean
    get() = words().all { it.first().isUpperCase() }

object Hyphenator {
    private const val MIN_LENGTH = 6
    private val vowels = setOf('a', 'e', 'i', 'o', 'u')

    fun hyphenate(word: String): String {
        if (word.length < MIN_LENGTH) return word
        val middle = word.length / 2
        val split = (middle until word.length).firstOrNull { word[it] in vowels } ?: middle
        return word.substring(0, split + 1) + "\u00AD" + word.substring(split + 1)
    }
}

fun main() {
    val text = """
        The quick brown fox
        jumps over the lazy dog.
    """.trimIndent()
    println(text.words().map(Hyphenator::hyphenate))
    println("Harbour Lights".isTitleCase)
}
