set.seed(42)
heights <- rnorm(200, mean = 4.1, sd = 0.6)

summary_stats <- function(x) {
  list(
    mean = mean(x),
    median = median(x),
    sd = sd(x),
    range = range(x)
  )
}

s <- summary_stats(heights)
str(s)

# A simple linear model of height against hour.
hour <- seq(0, 23.9, length.out = 200)
fit <- lm(heights ~ sin(2 * pi * hour / 12.42))
print(coef(fit))
if (summary(fit)$r.squared < 0.1) {
  message("weak tidal signal")
} else {
  message("tidal signal found")
}
