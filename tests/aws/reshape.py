#!/usr/bin/env python3
"""tests/aws/reshape.py DIR OUT KIND: the UpdateAnswer inputs of
DIR/answers as the AWS CLI would print them back after the push.

KIND get-answer: one file per question, OUT/QUESTION.json, each a
GetAnswer output.  KIND list-answers: one file OUT/list.json holding the
ListAnswers output in pages of two answers, concatenated as paginated
output is (summaries carry no notes).  Every field written is checked
against the output shape of the botocore service model."""
import json
import os
import sys

import botocore.session

MODEL = botocore.session.get_session().get_service_model("wellarchitected")
WORKLOAD = "0123456789abcdef0123456789abcdef"
ARN = "arn:aws:wellarchitected:eu-west-1:111122223333:lens/00000000-1111-2222-3333-444444444444"


def conform(shape, value, path):
    """Every key of value is a member of shape, with the model's type."""
    kinds = {"string": str, "boolean": bool, "integer": int, "list": list,
             "structure": dict, "map": dict}
    if not isinstance(value, kinds[shape.type_name]):
        sys.exit(f"{path}: not a {shape.type_name}")
    if shape.type_name == "structure":
        for k, v in value.items():
            if k not in shape.members:
                sys.exit(f"{path}.{k}: not in the model's {shape.name}")
            conform(shape.members[k], v, f"{path}.{k}")
    elif shape.type_name == "list":
        for i, v in enumerate(value):
            conform(shape.member, v, f"{path}[{i}]")


def answer(inp, full):
    choices = []
    for cid, upd in inp.get("ChoiceUpdates", {}).items():
        c = {"ChoiceId": cid, "Status": upd["Status"]}
        if "Reason" in upd:
            c["Reason"] = upd["Reason"]
        if full and "Notes" in upd:
            c["Notes"] = upd["Notes"]
        choices.append(c)
    a = {"QuestionId": inp["QuestionId"], "PillarId": "p",
         "SelectedChoices": inp.get("SelectedChoices", []),
         "ChoiceAnswers" if full else "ChoiceAnswerSummaries": choices,
         "IsApplicable": inp.get("IsApplicable", True), "Risk": "UNANSWERED"}
    if full:
        a["Notes"] = inp.get("Notes", "")
    if "Reason" in inp:
        a["Reason"] = inp["Reason"]
    return a


def main(top, out, kind):
    os.makedirs(out, exist_ok=True)
    d = os.path.join(top, "answers")
    inputs = [json.load(open(os.path.join(d, n), encoding="utf-8")) for n in sorted(os.listdir(d))]
    op = MODEL.operation_model("GetAnswer" if kind == "get-answer" else "ListAnswers")
    if kind == "get-answer":
        for inp in inputs:
            doc = {"WorkloadId": WORKLOAD, "LensAlias": ARN, "LensArn": ARN,
                   "Answer": answer(inp, True)}
            conform(op.output_shape, doc, "GetAnswer")
            with open(os.path.join(out, inp["QuestionId"] + ".json"), "w", encoding="utf-8") as f:
                json.dump(doc, f, indent=4, ensure_ascii=False)
        return
    with open(os.path.join(out, "list.json"), "w", encoding="utf-8") as f:
        for page in range(0, len(inputs), 2):
            doc = {"WorkloadId": WORKLOAD, "LensAlias": ARN, "LensArn": ARN,
                   "AnswerSummaries": [answer(i, False) for i in inputs[page:page + 2]]}
            if page + 2 < len(inputs):
                doc["NextToken"] = f"page{page + 2}"
            conform(op.output_shape, doc, "ListAnswers")
            json.dump(doc, f, indent=4)
            f.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
