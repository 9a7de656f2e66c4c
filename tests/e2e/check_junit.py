"""Reads a pytest --junitxml report and fails unless every test passed and none was skipped.

Usage: python3 check_junit.py REPORT.xml
Prints "N passed, N failed, N errors, N skipped"; exit 0 only when failed = errors = skipped = 0
and at least one test ran (an empty suite proves nothing).
"""

import sys
import xml.etree.ElementTree as ET


def main() -> int:
    root = ET.parse(sys.argv[1]).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    total = sum(int(s.get("tests", 0)) for s in suites)
    failed = sum(int(s.get("failures", 0)) for s in suites)
    errors = sum(int(s.get("errors", 0)) for s in suites)
    skipped = sum(int(s.get("skipped", 0)) for s in suites)
    passed = total - failed - errors - skipped
    print(f"{passed} passed, {failed} failed, {errors} errors, {skipped} skipped")
    for case in root.iter("testcase"):
        for outcome in ("skipped", "failure", "error"):
            node = case.find(outcome)
            if node is not None:
                print(f"  {outcome}: {case.get('classname')}::{case.get('name')}: {node.get('message', '')[:300]}")
    if total == 0:
        print("no tests ran")
        return 1
    return 0 if failed == errors == skipped == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
