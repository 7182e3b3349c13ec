class Html {
    private val parts = StringBuilder()
    private var depth = 0

    fun tag(name: String, vararg attributes: Pair<String, String>, body: Html.() -> Unit) {
        val attrs = attributes.joinToString("") { (k, v) -> " $k=\"$v\"" }
        parts.append("  ".repeat(depth)).append("<$name$attrs>\n")
        depth++
        body()
        depth--
        parts.append("  ".repeat(depth)).append("</$name>\n")
    }

    fun text(value: String) {
        parts.append("  ".repeat(depth)).append(value).append('\n')
    }

    override fun toString() = parts.toString()
}

fun html(build: Html.() -> Unit): Html = Html().apply(build)

fun main() {
    val page = html {
        tag("section", "class" to "chapter") {
            tag("h1") { text("The Harbour") }
            tag("p") { text("Fog came in at dawn.") }
        }
    }
    print(page)
}
