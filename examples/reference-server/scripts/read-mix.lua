-- Read mix: the profile, the journal's latest page, the practice sessions, a monthly report (one in four each).
local token = os.getenv("CESIZEN_TOKEN")
local n = 0
request = function()
  n = n + 1
  local headers = { ["authorization"] = "Bearer " .. token, ["content-type"] = "application/json" }
  local k = n % 4
  if k == 0 then
    return wrk.format("GET", "/api/v1/me", headers)
  elseif k == 1 then
    return wrk.format("GET", "/api/v1/journal-entries?limit=20", headers)
  elseif k == 2 then
    return wrk.format("GET", "/api/v1/practice-sessions?limit=20", headers)
  else
    return wrk.format("POST", "/api/v1/reports/emotions", headers,
      '{"period":{"type":"month","year":2025,"month":3}}')
  end
end
