-- wrk script: each thread pre-formats its own share of the pre-signed requests
-- (make-requests.py) at init, so request() allocates nothing and Lua's garbage collector never
-- pauses the load generator mid-run (which would show up as false latency).
local prefix = os.getenv("KP_PREFIX") or ""
local path = prefix .. "/api/v1/recharges/by-bank-accounts/no-hce"
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  local nthreads = tonumber(os.getenv("KP_THREADS") or "1")
  local lines = io.lines(os.getenv("KP_REQUESTS"))
  local tran_time = lines()
  requests, index = {}, 0
  local n = 0
  for line in lines do
    if n % nthreads == id then
      local correlation, token, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
      requests[#requests + 1] = wrk.format("POST", path, {
        ["Content-Type"] = "application/json",
        ["X-KM-User-AspId"] = "KPSANDBOX000001",
        ["X-KM-Correlation-Id"] = correlation,
        ["X-KM-Access-Key"] = "kp_sandbox_access_key_000000000000000000",
        ["X-KM-Tran-Token"] = token,
        ["X-KM-Tran-Time"] = tran_time,
        ["X-KM-Time-Zone"] = "UTC",
      }, body)
    end
    n = n + 1
  end
  if #requests == 0 then error("no requests loaded") end
  collectgarbage()
  collectgarbage("stop")
end

function request()
  index = index % #requests + 1
  return requests[index]
end
