# Word frequencies of a text file.
word_freq <- function(path, top = 10L) {
  if (!file.exists(path)) {
    stop("no such file: ", path)
  }
  text <- tolower(readLines(path, warn = FALSE))
  words <- unlist(strsplit(text, "[^a-z']+"))
  words <- words[nchar(words) > 0]
  counts <- sort(table(words), decreasing = TRUE)
  head(counts, top)
}

safe_freq <- function(path) {
  tryCatch(
    word_freq(path),
    error = function(e) {
      warning(conditionMessage(e))
      NULL
    }
  )
}

result <- safe_freq("chapter1.txt")
if (is.null(result)) print("nothing") else print(result)
squares <- vapply(1:5, function(i) i^2, numeric(1))
print(squares)
