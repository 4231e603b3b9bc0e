-- Runs an Argo CD health script as Argo CD does: the resource as the global `obj` (JSON null becomes nil,
-- as in Argo CD's conversion of the object), the table the script returns printed back as JSON.
-- Usage: lua5.1 argocd-harness.lua HEALTH_SCRIPT OBJECT_JSON
local cjson = require("cjson")

local function without_nulls(value)
  if value == cjson.null then
    return nil
  end
  if type(value) == "table" then
    for key, inner in pairs(value) do
      value[key] = without_nulls(inner)
    end
  end
  return value
end

local file = assert(io.open(arg[2], "r"))
local text = file:read("*a")
file:close()
obj = without_nulls(cjson.decode(text))

local health = assert(loadfile(arg[1]))()
io.write(cjson.encode({ status = health.status, message = health.message or "" }))
