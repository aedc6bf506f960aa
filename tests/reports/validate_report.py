#!/usr/bin/python3
"""Validates mcusim report JSON files against reports/schema/mcusim.report-1.schema.json.

Usage: validate_report.py SCHEMA REPORT...  Exit 0 when every report is valid,
1 with one line per violation (file, JSON path, message), 77 when the jsonschema
module is missing (Debian: python3-jsonschema, in tools/deps.txt).
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed", file=sys.stderr)
    sys.exit(77)


def main(argv):
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        for error in sorted(validator.iter_errors(report), key=lambda e: list(e.path)):
            where = "/".join(str(p) for p in error.absolute_path)
            print(f"{path}: /{where}: {error.message}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
