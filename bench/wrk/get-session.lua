-- wrk script for bench/run.sh. Each request carries a cookie picked at random among BENCH_TOKENS
-- sessions made by the script (lookups all over the table, not one cached row); and, when
-- BENCH_CLIENTS > 0, a client address of its own (many rate-limit counters instead of one row).
--   BENCH_COOKIE_NAME   the session cookie's name
--   BENCH_TOKEN_PREFIX  tokens are PREFIX .. the number, zero-padded to 43 characters in all
--   BENCH_TOKENS        how many such tokens exist (numbered 1..N)
--   BENCH_CLIENTS       0 to 65536: X-Forwarded-For from that many IPv6 documentation addresses
--                       (2001:db8::/32), each in a /64 of its own, as the rate limit counts IPv6
--                       clients; the server must trust 127.0.0.1 as a proxy for it to count
local cookie_name = os.getenv("BENCH_COOKIE_NAME") or ""
local prefix = os.getenv("BENCH_TOKEN_PREFIX") or ""
local tokens = tonumber(os.getenv("BENCH_TOKENS") or "0")
local clients = tonumber(os.getenv("BENCH_CLIENTS") or "0")
local format = "%s=%s%0" .. (43 - #prefix) .. "d"

function init(args)
  -- Each wrk thread has a Lua state of its own: seed each one differently.
  local address = tonumber(tostring({}):match("0x(%x+)") or "0", 16)
  math.randomseed(os.time() + address % 1000003)
end

function request()
  local headers = {}
  headers["Cookie"] = string.format(format, cookie_name, prefix, math.random(tokens))
  if clients > 0 then
    headers["X-Forwarded-For"] = string.format("2001:db8:0:%x::1", math.random(clients) - 1)
  end
  return wrk.format("GET", nil, headers)
end
