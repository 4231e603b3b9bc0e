-- Argo CD health of a SentinelOneIdentityIntake (argocd-cm key
-- resource.customizations.health.s1identity.dev_SentinelOneIdentityIntake). Argo CD runs it with the
-- object as the global `obj` and reads back {status, message}. It reads the operator's kstatus
-- conditions, and only those written for the current generation: an older status describes a spec
-- that no longer exists.
local health = { status = "Progressing", message = "waiting for the operator to report this generation" }

local function condition(conditions, kind)
  for _, c in ipairs(conditions) do
    if c.type == kind then
      return c
    end
  end
  return nil
end

local function explained(c)
  if c.message ~= nil and c.message ~= "" then
    return (c.reason or c.type) .. ": " .. c.message
  end
  return c.reason or c.type
end

local status = obj.status
if status == nil or status.conditions == nil or status.observedGeneration == nil then
  return health
end
if obj.metadata.generation ~= nil and status.observedGeneration < obj.metadata.generation then
  return health
end

-- Stalled first: a pod problem can leave Ready True from an older pod while the new one fails.
local stalled = condition(status.conditions, "Stalled")
if stalled ~= nil and stalled.status == "True" then
  return { status = "Degraded", message = explained(stalled) }
end

-- Suspended only once the collector confirms it stopped polling; until then the change is in progress.
local suspended = condition(status.conditions, "Suspended")
if obj.spec ~= nil and obj.spec.suspend == true then
  if suspended ~= nil and suspended.status == "True" then
    return { status = "Suspended", message = explained(suspended) }
  end
  health.message = "waiting for the collector to stop polling"
  return health
end

local ready = condition(status.conditions, "Ready")
if ready ~= nil and ready.status == "True" then
  return { status = "Healthy", message = explained(ready) }
end
if ready ~= nil then
  health.message = explained(ready)
end
return health
