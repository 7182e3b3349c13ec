-- A double-ended queue.
local Deque = {}

function Deque.new()
  return { first = 0, last = -1, items = {} }
end

function Deque.push_back(q, value)
  q.last = q.last + 1
  q.items[q.last] = value
end

function Deque.pop_front(q)
  if q.first > q.last then return nil end
  local value = q.items[q.first]
  q.items[q.first] = nil
  q.first = q.first + 1
  return value
end

function Deque.size(q)
  return q.last - q.first + 1
end

local q = Deque.new()
for i = 1, 5 do Deque.push_back(q, i * i) end
while Deque.size(q) > 0 do
  io.write(Deque.pop_front(q), " ")
end
print()
