--[[
  Reads a key = value configuration file.
  Lines starting with # are comments.
]]
local M = {}

local function trim(s)
  return (s:gsub("^%s+", ""):gsub("%s+$", ""))
end

function M.read(path)
  local file, err = io.open(path, "r")
  if not file then
    return nil, "cannot open " .. path .. ": " .. tostring(err)
  end
  local config = {}
  for line in file:lines() do
    if not line:match("^%s*#") and line:find("=") then
      local key, value = line:match("^([^=]+)=(.*)$")
      config[trim(key)] = tonumber(trim(value)) or trim(value)
    end
  end
  file:close()
  return config
end

return M
