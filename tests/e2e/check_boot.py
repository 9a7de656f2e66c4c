"""Boot check of a generated project, run inside the test chroot while uvicorn serves it.

Usage: python3 check_boot.py BASE_URL PROJECT_DIR
Waits for the server, then checks that /docs answers 200, that /health answers 200, and that
/openapi.json serves exactly the paths and methods written in PROJECT_DIR/openapi.yaml, which must
not repeat a key anywhere (YAML loaders keep the last of two equal keys, which hid two entities
with the same route).
Exit 0 when all hold; otherwise prints what differs and exits 1.
"""

import json
import sys
import time
import urllib.error
import urllib.request

import yaml

HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            fetch(url)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            if time.monotonic() > deadline:
                sys.exit(f"server did not answer at {url} within {seconds:.0f}s: {error}")
            time.sleep(0.2)


class StrictLoader(yaml.SafeLoader):
    """A SafeLoader that refuses a mapping with two equal keys instead of keeping the last."""


def _strict_mapping(loader: StrictLoader, node: yaml.MappingNode) -> dict:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _strict_mapping)


def operations(spec: dict) -> dict[str, set[str]]:
    paths = spec.get("paths") or {}
    return {path: {m for m in item if m in HTTP_METHODS} for path, item in paths.items()}


def main() -> int:
    base, project = sys.argv[1].rstrip("/"), sys.argv[2]
    wait_for(base + "/docs", 40)
    problems = []

    status, _ = fetch(base + "/docs")
    if status != 200:
        problems.append(f"GET /docs answered {status}, expected 200")
    status, _ = fetch(base + "/health")
    if status != 200:
        problems.append(f"GET /health answered {status}, expected 200")

    status, body = fetch(base + "/openapi.json")
    if status != 200:
        problems.append(f"GET /openapi.json answered {status}, expected 200")
    else:
        served = operations(json.loads(body))
        with open(f"{project}/openapi.yaml", encoding="utf-8") as f:
            try:
                written = operations(yaml.load(f, Loader=StrictLoader))  # noqa: S506 (a SafeLoader)
            except yaml.YAMLError as error:
                print(f"openapi.yaml: {error}")
                return 1
        for path in sorted(served.keys() - written.keys()):
            problems.append(f"served but not in openapi.yaml: {path}")
        for path in sorted(written.keys() - served.keys()):
            problems.append(f"in openapi.yaml but not served: {path}")
        for path in sorted(served.keys() & written.keys()):
            if served[path] != written[path]:
                problems.append(f"{path}: served methods {sorted(served[path])}, openapi.yaml has {sorted(written[path])}")
        if not problems:
            print(f"{len(served)} paths match openapi.yaml")

    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
