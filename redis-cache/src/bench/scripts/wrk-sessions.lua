-- One HTTP session per wrk thread (each thread has one connection, -t N -c N): the first response's JSESSIONID is kept
-- and sent with every later request, so each request reads and updates an existing session.
local cookie = nil

request = function()
  if cookie then
    return wrk.format("GET", nil, { ["Cookie"] = cookie })
  end
  return wrk.format("GET")
end

response = function(status, headers, body)
  if status ~= 200 then
    errors_seen = (errors_seen or 0) + 1
  end
  local set = headers["Set-Cookie"]
  if set and not cookie then
    local pair = set:match("(JSESSIONID=[^;]+)")
    if pair then cookie = pair end
  end
end
