"""
Writes chartqapro-vectors.json: openbench's own ChartQAPro scorer functions run on the inputs below. Run with a
CPython 3.11+ from the repository root, the openbench checkout as the first argument:
    python3 packages/engine/test/vectors/chartqapro/chartqapro-vectors.generator.py /path/to/openbench
It loads src/openbench/scorers/chartqapro.py unmodified except that its inspect_ai/openbench imports are replaced
by minimal stand-ins (the helpers under test do not use them), and calls its functions directly.
"""
import ast
import asyncio
import json
import sys
import types
from pathlib import Path

root = Path(sys.argv[1])
source = (root / "src/openbench/scorers/chartqapro.py").read_text()
source = source.replace("from inspect_ai.scorer import Score, accuracy, scorer, stderr", "")
source = source.replace("from inspect_ai.solver import TaskState", "TaskState = object")
source = source.replace("from openbench.metrics.chartqapro import chartqapro_metrics", "").replace("from __future__ import annotations", "")
stub = """
class Score:
    def __init__(self, value, answer=None, explanation=None, metadata=None):
        self.value, self.answer, self.explanation, self.metadata = value, answer, explanation, metadata
def accuracy(): return None
def stderr(): return None
def chartqapro_metrics(): return None
def scorer(metrics):
    return lambda f: f
"""
module = types.ModuleType("chartqapro_scorer")
exec(compile(stub + source, "chartqapro.py", "exec"), module.__dict__)
m = module


def safe(fn, *args, **kwargs):
    try:
        return {"value": fn(*args, **kwargs)}
    except Exception as e:  # the TS port must raise where Python raises
        return {"error": type(e).__name__}


LITERALS = [
    "[1, 2]", "['a', 'b']", "[1.5, '2%', None, True, False]", "[]", "[1,]", "(1, 2)", "42", "'x'", "[1e400, -0.0, 1e16, 1e-05, 0.1]",
    "[0x1F, 0o17, 0b101, 1_000, 1_000.5, .5, 5., 1.e3]", "[2j, -2j, 1+2j, -1.5-0j, (1-2j)]", "[b'ab', b\"it's\", rb'\\x00', b'\\n']",
    "['a' 'b', 'c' \"d\"]", "[r'\\d', '\\d', '\\x41\\u00e9\\U0001F600', '\\101', 'tab\\tend']", "['''tri\nple''']", "[[1, [2]], (3,), {4: 'x'}, {5}]",
    "[set(), ()]", "[{1: 'a', 1.0: 'b', True: 'c'}]", "[{'k': [1]}]", "[--1]", "[-True]", "[1 + 2]", "[1+2j+3j]", "[x]", "[1] + [2]", "[f'x']",
    "[1 2]", "[012]", "[00]", "[1_]", "[1__0]", "[0x]", "['unterminated]", "  [1]", "\n[1]", "\n  [1]", "[1]  # c", "[1]\n", "[1]\n2", "[1,\n 2]",
    "[1, \\\n 2]", "[...]", "[Ellipsis]", "[None, 'None']", "[\"it's\", 'say \"hi\"', 'both \\' and \"']", "['\\x4']",
    "[1_000_000, 10 ** 2]", "[1, 'a', [2, 'b']]", "['é', '日本']", "['  padded  ', \"'q'\"]", "[1.0, 2.50, 100.0, 3.14159]",
    "[-5, +5, -0, -0.0]", "[1e3j, 1.5e-7]", "[0, 00, 0_0]", "[[]]", "{1: 2}", "[{[1]: 2}]", "[{[1]}]", "[u'x', U'y', R'z', Rb'w', bR'v']", "[br'a', ur'a']",
    "[1if 1 else 2]", "[1.real]", "[1j.imag]", "['a'\n'b']", "([1, 2])", "[(1)]", "[(1,)]", "[1, 2][0]", "[not 1]", "[1 < 2]", "[lambda: 1]",
]
PARSE = [{"input": text, "output": safe(m.parse_to_list, text)} for text in LITERALS]

FIX_INPUTS = [
    "[12, 13]", "[a b, c]", "[1.5, 2]", "[Canada, United States]", "['USA', 'UK']", "[2019, 2020]", "not a list", "[1], [2]", "[]", "[ x ]",
    "[it's, fine]", "[U.S., U.K.]", "[50%, 25%]", "[$5, $6]", "[-5, 6]", "[Apple Inc, 'Banana']", "[é, ü]", "[a,b,c]", "[a\nb]", "  [a, b]  ",
    "[3.5 million, 2 billion]", "[True, None]", "[_x, y_]", "[1e3, 2]", "[0x10, 08]",
]
FIX = []
for text in FIX_INPUTS:
    result = safe(m.fix_list_format, text)
    if "value" in result:
        value = result["value"]
        result = {"value": value if isinstance(value, str) else None, "str": str(value), "is_text": isinstance(value, str)}
    FIX.append({"input": text, "output": result})

RELAXED = [
    ("12", "12", None, False), ("12", "12.5", None, False), ("100", "105", None, False), ("100", "105.1", None, False), ("0", "0", None, False),
    ("0", "0.01", None, False), ("50%", "50", None, False), ("50", "51%", None, False), ("-10", "-10.4", None, False), ("inf", "inf", None, False),
    ("nan", "nan", None, False), ("1e3", "1000", None, False), ("1_000", "1000", None, False), ("Canada", "canada", None, False), ("Canada", "Canda", None, False),
    ("United States", "United Kingdom", None, False), ("abc", "xyz", None, False), ("abcd", "abce", None, False), ("ab", "ac", None, False), ("", "", None, False),
    ("unanswerable", "Unanswerable", None, False), ("a", "A", None, True), ("a", "b", None, True), ("True", "true ", None, True), ("2019", "2019", ["YES"], False),
    ("2019", "2020", ["YES"], False), ("2019", "2020", ["NO"], False), ("2019", "2020", ["yes"], False), ("[2019, 2020]", "[2019, 2021]", ["YES"], False),
    ("[2019, 2020]", "[2019, 2021]", ["NO", "YES"], False), ("[2019, 2020]", "['2019', '2020']", [], False), ("[Canada, USA]", "['Canada', 'USA']", None, False),
    ("[Canada, USA]", "['Canada']", None, False), ("[Canada, USA]", "['Canada', 'USA', 'UK']", None, False), ("[12, 13]", "[12.1, 13.9]", None, False),
    ("[a, b]", "[a, b]", None, True), ("[a, b]", "['a', 'b']", None, True), ("['a', 'b']", "['b', 'a']", None, True), ("Canada", "['Canada']", None, False),
    ("Canada", "[]", None, False), ("[]", "[]", None, False), ("[1.5, 2]", "[1.5, 2.0]", None, False), ("[a b, c]", "['ab', 'c']", None, False),
    ("5", "[5, 6]", None, False), ("[5, 6]", "5", None, False), ("3.5 million", "3.5 Million", None, False), ("1,000", "1000", None, False),
    ("Yes", "No", ["NO", "NO"], False), ("42", "[1, 2] [0]", None, False), ("x", "x", [None], False),
]
REL = [{"target": t, "prediction": p, "year_flags": y, "exact": e, "output": safe(m.relaxed_correctness_chartqapro, t, p, 0.05, y, e)} for t, p, y, e in RELAXED]

SINGLES = [("12", "12.6"), ("12", "12.61"), (" 7% ", "7"), ("abc", "ABC"), ("kitten", "sitting"), ("日本語", "日本"), ("0.0", "-0"), ("1e-5", "0.00001")]
SINGLE = [{"target": t, "prediction": p, "output": safe(m.evaluate_single_answer, t, p, 0.05)} for t, p in SINGLES]
ANLS = [{"prediction": p, "gold": g, "output": safe(m.anls_score, p, g, 0.5)} for p, g in [("abc", ["abd", "xyz"]), ("", [""]), ("a", ["b"]), (" Paris ", ["paris"]), ("ab", ["abcd"]), ("abc", ["abcdef"])]]

DIRECT = ["b", "b) Germany", "B: text", "  C ) x", "d.", "e) no", "12", "['a', 'b']", "a)", "\n a\u00a0) spaced"]
COT = [
    "Looking at the chart, the value is 12. The answer is 15.",
    "Step 1: compute.\nThe answer is: 42",
    "Reasoning...\nThe answer is \"Canada\".",
    "So the answer is b) Germany.",
    "Therefore, Answer: 3.5 million",
    "I think the answer is unanswerable",
    "First line.\nThe highest is \"Canada\" with 51%.",
    "Thinking.\nThe value is estimated to be around 45.",
    "Thinking.\nThe share is around 30%.",
    "Thinking.\nThe largest are Canada with 51%",
    "No conclusion here\njust 42.",
    "Several lines\nThe answers are 2019 and 2020.",
    "the answer is\n42",
    "The answer is 3.14 exactly.",
    "The Answer is 7",
    "answer: true",
    "The  answer is x",
    "Final: the sector is big. It is 12",
    "X is y is z.",
]
EXTRACT = [{"strategy": "direct", "text": t, "output": safe(m.extract_final_answer, t, "direct")} for t in DIRECT]
EXTRACT += [{"strategy": "cot", "text": t, "output": safe(m.extract_final_answer, t, "cot")} for t in COT]


class State:
    def __init__(self, completion, metadata):
        self.output = types.SimpleNamespace(completion=completion)
        self.metadata = metadata
        self.sample_id = "s"


SCORES_IN = [
    ("Factoid", ["NO"], "12", "12.4."), ("Factoid", ["NO"], "Canada", "canada\n"), ("Multi Choice", ["NO"], "b", "B"), ("Multi Choice", ["NO"], "b", "b) x"),
    ("Fact Checking", ["NO"], "True", "false"), ("Hypothetical", ["YES"], "2020", "2020.0"), ("Conversational", ["NO", "YES"], "2019", "2019"),
    ("Conversational", ["YES", "NO"], "2019", "2020"), ("Conversational", [], "[a, b]", "['a', 'b']"), ("Factoid", ["NO"], "[1, 2]", "[1]"),
    ("Factoid", [None], "x", "x"), ("Factoid", ["NO"], "1", "[0x" + "f" * 4000 + "]"), ("Factoid", ["NO"], ".5.", "0.5"),
    ("Factoid", ["NO"], "unanswerable", ""),
]
SCORES = []
for qtype, flags, target, completion in SCORES_IN:
    score = asyncio.run(m.chartqapro_scorer()(State(completion, {"question_type": qtype, "year_flags": flags, "num_questions": 1}), target))
    SCORES.append({"question_type": qtype, "year_flags": flags, "target": target, "completion": completion,
                   "value": score.value, "explanation": score.explanation if not score.explanation.startswith("Error") else "Error"})

out = {
    "_source": "groq/openbench d03922ccbbd9004e802c556ef9c2a40ed870659c src/openbench/scorers/chartqapro.py, run by chartqapro-vectors.generator.py on CPython "
    + sys.version.split()[0],
    "parse_to_list": PARSE, "fix_list_format": FIX, "relaxed_correctness": REL, "evaluate_single_answer": SINGLE, "anls_score": ANLS,
    "extract_final_answer": EXTRACT, "scorer": SCORES,
}
Path(__file__).with_name("chartqapro-vectors.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
