"""A 50-operation OpenAPI document for the load benchmarks: the built-in document's operations
repeated under new operationIds and paths (copy k of `charge` is `charge-k` at `<path>/k`), each
copy's links pointing at the same copy of their target (or copy 0 when that copy does not exist).

    konaplate openapi | python3 bench/page/fifty.py > fifty.json
"""

import json
import sys

COUNT = 50

doc = json.load(sys.stdin)
built_in = list(doc["paths"].items())


def renamed(operation_id, copy):
    exists = copy * len(built_in) + index_of[operation_id] < COUNT
    return f"{operation_id}-{copy if exists else 0}"


index_of = {}
for i, (_, item) in enumerate(built_in):
    for operation in item.values():
        if isinstance(operation, dict) and "operationId" in operation:
            index_of[operation["operationId"]] = i

paths = {}
for i in range(COUNT):
    copy, (path, item) = i // len(built_in), built_in[i % len(built_in)]
    item = json.loads(json.dumps(item))
    for operation in item.values():
        if not isinstance(operation, dict) or "operationId" not in operation:
            continue
        operation["operationId"] = renamed(operation["operationId"], copy)
        for response in operation.get("responses", {}).values():
            for link in response.get("links", {}).values() if isinstance(response, dict) else []:
                if "operationId" in link:
                    link["operationId"] = renamed(link["operationId"], copy)
    paths[f"{path}/{copy}"] = item
doc["paths"] = paths
json.dump(doc, sys.stdout)
