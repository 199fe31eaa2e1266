-- Write mix: journal entry creation (server-generated ids), each sealed under the user's data key.
local token = os.getenv("CESIZEN_TOKEN")
local body = '{"kind":"momentary_emotion","emotion":{"base":"fear","nuance":"worry"},"intensity":6,' ..
  '"valence":-0.4,"contextTags":["work"],"note":"Deadline tomorrow, breathing helped.",' ..
  '"recordedAt":"2025-03-14T21:30:00Z"}'
request = function()
  return wrk.format("POST", "/api/v1/journal-entries",
    { ["authorization"] = "Bearer " .. token, ["content-type"] = "application/json" }, body)
end
