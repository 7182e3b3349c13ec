local Player = {}
Player.__index = Player

local SPEED = 120
local GRAVITY = 9.81 * 60

function Player.new(x, y)
  return setmetatable({ x = x, y = y, vy = 0, onGround = false }, Player)
end

function Player:update(dt, input)
  if input.left then
    self.x = self.x - SPEED * dt
  elseif input.right then
    self.x = self.x + SPEED * dt
  end
  if input.jump and self.onGround then
    self.vy = -300
    self.onGround = false
  end
  self.vy = self.vy + GRAVITY * dt
  self.y = self.y + self.vy * dt
  if self.y >= 400 then
    self.y, self.vy, self.onGround = 400, 0, true
  end
end

return Player
