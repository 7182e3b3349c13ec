local function producer(words)
  return coroutine.wrap(function()
    for _, word in ipairs(words) do
      coroutine.yield(word:upper())
    end
  end)
end

local function count_letters(gen)
  local counts = {}
  for word in gen do
    for letter in word:gmatch("%a") do
      counts[letter] = (counts[letter] or 0) + 1
    end
  end
  return counts
end

local counts = count_letters(producer({ "quay", "fog", "ledger" }))
local keys = {}
for k in pairs(counts) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do
  print(k, counts[k])
end
local long = [[a long
string]]
print(#long, nil == false, true and 1 or 2)
