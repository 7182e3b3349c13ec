# A harbour ledger as a data frame.
ledger <- data.frame(
  vessel = c("Marigold", "Sea Lark", "Kestrel"),
  tonnage = c(1250.5, 1000, 640),
  berth = c(3L, NA, 7L),
  stringsAsFactors = FALSE
)

total_tonnage <- function(df) {
  sum(df$tonnage, na.rm = TRUE)
}

berthed <- subset(ledger, !is.na(berth))
cat(sprintf("%d vessels, %d berthed, %.1f t\n",
            nrow(ledger), nrow(berthed), total_tonnage(ledger)))

heaviest <- ledger[which.max(ledger$tonnage), "vessel"]
print(heaviest)
