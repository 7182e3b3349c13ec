library(ggplot2)

tides <- read.csv("tides.csv", header = TRUE)
tides$time <- as.POSIXct(tides$time, tz = "UTC")

p <- ggplot(tides, aes(x = time, y = height)) +
  geom_line(colour = "steelblue", linewidth = 0.8) +
  geom_hline(yintercept = mean(tides$height), linetype = "dashed") +
  labs(title = "Tide heights", x = NULL, y = "Height (m)") +
  theme_minimal(base_size = 11)

ggsave("tides.pdf", p, width = 148, height = 105, units = "mm")

high <- tides[tides$height > quantile(tides$height, 0.9), ]
for (i in seq_len(nrow(high))) {
  cat(format(high$time[i], "%H:%M"), high$height[i], "\n")
}
