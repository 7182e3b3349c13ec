-- A harbour ledger.
local Ledger = {}
Ledger.__index = Ledger

function Ledger.new(opened)
  local self = setmetatable({}, Ledger)
  self.opened = opened or os.date("%Y-%m-%d")
  self.entries = {}
  return self
end

function Ledger:record(vessel, tonnage, berth)
  assert(tonnage > 0, "tonnage must be positive")
  table.insert(self.entries, { vessel = vessel, tonnage = tonnage, berth = berth })
  return self
end

function Ledger:total()
  local sum = 0
  for _, e in ipairs(self.entries) do
    sum = sum + e.tonnage
  end
  return sum
end

local ledger = Ledger.new()
ledger:record("Marigold", 1250.5, 3):record('Sea Lark', 0x3E8)
print(string.format("%d vessels, %.1f t", #ledger.entries, ledger:total()))
return Ledger
