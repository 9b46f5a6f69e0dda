"""Writes N signed charge requests, one a line, for wrk (scripts/bench-server.sh).

The signatures come from Python's hmac, independently of konaplate, and are made just before
the run so X-KM-Tran-Time is inside the sandbox's 5-minute window. Each request has its own
sequenceId, so every one is a valid, successful charge the first time it is sent.
"""
import base64, hashlib, hmac, os, sys, time
from datetime import datetime, timezone

count, secret, out = int(sys.argv[1]), os.environ["KONAPLATE_SECRET_KEY"].encode(), sys.argv[2]
now = datetime.now(timezone.utc)
token_time, tran_time = now.strftime("%Y%m%d%H%M%S") + f"{now.microsecond // 1000:03d}", now.strftime("%Y%m%d%H%M%S")
# One request a line: correlation id, tran-token, body (tab-separated); charge.lua adds the rest.
with open(out, "w") as f:
    f.write(tran_time + "\n")
    for i in range(count):
        body = ('{"sequenceId":"BENCH-%d-%d","userId":7000000000000000001,"amount":1,'
                '"oneTimeToken":"1111222233334444","dcvv":"123","merchantId":"123456789012345"}') % (os.getpid(), i)
        mac = base64.b64encode(hmac.new(secret, body.encode(), hashlib.sha256).digest()).decode()
        correlation = now.strftime("%y%m%d%H%M%S") + "-%07x" % (i % 0xFFFFFFF)
        f.write(f"{correlation}\tKMV1:{token_time}:{mac}\t{body}\n")
