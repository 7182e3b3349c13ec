import Foundation

/// A ledger of entries kept by the harbour master.
struct Ledger: Codable {
  var entries: [Entry] = []
  let opened: Date

  struct Entry: Codable, Hashable {
    var vessel: String
    var tonnage: Double
    var berth: Int?
  }

  mutating func record(_ vessel: String, tonnage: Double, berth: Int? = nil) {
    entries.append(Entry(vessel: vessel, tonnage: tonnage, berth: berth))
  }

  var totalTonnage: Double {
    entries.reduce(0) { $0 + $1.tonnage }
  }

  func summary() -> String {
    let berthed = entries.filter { $0.berth != nil }.count
    return "\(entries.count) vessels, \(berthed) berthed, \(totalTonnage) t"
  }
}

var ledger = Ledger(opened: Date())
ledger.record("Marigold", tonnage: 1_250.5, berth: 3)
ledger.record("Sea Lark", tonnage: 0x3E8)
print(ledger.summary())
