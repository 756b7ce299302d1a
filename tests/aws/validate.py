#!/usr/bin/env python3
"""tests/aws/validate.py DIR: every input `walens export --format aws` wrote
into DIR, checked against the Well-Architected service model that botocore
ships (offline).

botocore's own ParamValidator catches unknown fields, wrong types, missing
required fields and values under their minimum; it does not check enums,
maxima or patterns, so a walk over the same shapes adds those.  Prints one
line per problem and exits 1 when there is any."""
import json
import os
import re
import sys

import botocore.session
from botocore.validate import ParamValidator

MODEL = botocore.session.get_session().get_service_model("wellarchitected")
problems = []


def walk(shape, value, path):
    """Enums, maxima and patterns, which ParamValidator leaves out."""
    meta = shape.metadata
    if shape.type_name == "string" and isinstance(value, str):
        if "enum" in meta and value not in meta["enum"]:
            problems.append(f"{path}: '{value}' is not one of {meta['enum']}")
        if "max" in meta and len(value) > meta["max"]:
            problems.append(f"{path}: {len(value)} characters, at most {meta['max']}")
        if "pattern" in meta and not re.fullmatch(meta["pattern"], value):
            problems.append(f"{path}: '{value}' does not match {meta['pattern']}")
    elif shape.type_name == "structure" and isinstance(value, dict):
        for k, v in value.items():
            if k in shape.members:
                walk(shape.members[k], v, f"{path}.{k}")
    elif shape.type_name == "list" and isinstance(value, list):
        if "max" in meta and len(value) > meta["max"]:
            problems.append(f"{path}: {len(value)} items, at most {meta['max']}")
        for i, v in enumerate(value):
            walk(shape.member, v, f"{path}[{i}]")
    elif shape.type_name == "map" and isinstance(value, dict):
        for k, v in value.items():
            walk(shape.key, k, f"{path} key")
            walk(shape.value, v, f"{path}[{k}]")


def check(operation, params, name):
    shape = MODEL.operation_model(operation).input_shape
    report = ParamValidator().validate(params, shape)
    if report.has_errors():
        for line in report.generate_report().splitlines():
            problems.append(f"{name}: {operation}: {line}")
    walk(shape, params, f"{name}: {operation}")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(top):
    seen = 0
    lens = os.path.join(top, "lens.json")
    with open(lens, encoding="utf-8") as f:
        text = f.read()
    check("ImportLens", {"JSONString": text, "ClientRequestToken": "t"}, "lens.json")
    seen += 1
    if os.path.exists(os.path.join(top, "workload.json")):
        check("CreateWorkload", load(os.path.join(top, "workload.json")), "workload.json")
        seen += 1
    for sub, op in (("answers", "UpdateAnswer"), ("milestones", "CreateMilestone")):
        d = os.path.join(top, sub)
        for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            check(op, load(os.path.join(d, name)), f"{sub}/{name}")
            seen += 1
    for p in problems:
        print(p)
    print(f"{seen} inputs checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
