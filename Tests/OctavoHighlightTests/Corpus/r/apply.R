chapters <- list(
  quay = c(3200, 12),
  fog = c(2750, 9),
  ledger = c(4100, 15)
)

words <- sapply(chapters, `[`, 1)
pages <- sapply(chapters, function(x) x[[2]])

ratio <- words / pages
names(ratio) <- toupper(names(ratio))

m <- matrix(1:6, nrow = 2, byrow = TRUE)
col_sums <- apply(m, 2, sum)

repeat {
  n <- sample(1:10, 1)
  if (n > 7) break
}
switch("fog", quay = "first", fog = "second", "other")
print(list(ratio = ratio, sums = col_sums, inf = Inf, nan = NaN, last = n))
