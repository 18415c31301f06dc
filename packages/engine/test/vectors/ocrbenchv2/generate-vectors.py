"""Reference values for the rule-based part of openbench's OCRBench v2 scorer (every category whose score needs
neither NLTK nor lxml/apted), computed by upstream's own `evaluate_by_category`.

Run with Debian's /usr/bin/python3 (3.11) from the repository root:
  git -C /work/.mirror/groq+openbench/repo show HEAD:src/openbench/scorers/ocrbenchv2.py > /tmp/ocrbenchv2_scorer.py
  /usr/bin/python3 packages/engine/test/vectors/ocrbenchv2/generate-vectors.py /tmp/ocrbenchv2_scorer.py \
    > packages/engine/test/vectors/ocrbenchv2/rule-scores.jsonl
inspect_ai and openbench's grouped metric are replaced by empty modules: the functions called here use neither.
"""
import json
import sys
import types

for name in ("inspect_ai", "inspect_ai.scorer", "inspect_ai.solver", "openbench", "openbench.metrics", "openbench.metrics.grouped"):
    sys.modules[name] = types.ModuleType(name)
def _anything(*args, **kwargs):
    return lambda fn: fn


sys.modules["inspect_ai.scorer"].Score = None
sys.modules["inspect_ai.scorer"].accuracy = sys.modules["inspect_ai.scorer"].scorer = _anything
sys.modules["inspect_ai.solver"].TaskState = None
sys.modules["openbench.metrics.grouped"].grouped = _anything

source = open(sys.argv[1], encoding="utf-8").read()
scorer = types.ModuleType("ocrbenchv2_scorer")
exec(compile(source, "ocrbenchv2.py", "exec"), scorer.__dict__)
assert not scorer.TEDS_AVAILABLE

CASES = [
    # VQA: short answers by substring, long ones by ANLS; case-insensitive; newlines become spaces.
    ("APP agent en", "The button says SUBMIT", ["submit"]),
    ("ASCII art classification en", "a cat", ["dog", "Cat"]),
    ("math QA en", "42", ["4"]),
    ("reasoning VQA en", "no", ["yes"]),
    ("science QA en", "the quick brown fox jumps over the dog", ["the quick brown fox jumps over the lazy dog"]),
    ("document classification en", "completely different text here now", ["the quick brown fox jumps over the lazy dog"]),
    ("cognition VQA en", "one two three four five", ["one two three four five", "x"]),
    ("diagram QA en", "  line one\nline two ", ["Line one line two"]),
    ("text recognition en", "", ["abc"]),
    ("text recognition en", "ΣΟΦΟΣ", ["σοφος"]),
    ("VQA with position en", "The total is 12.00", ["12.00"]),
    ("cognition VQA en", "résumé café naïve über straße", ["resume cafe naive uber strasse"]),
    # Chinese VQA: spaces removed, comma count decides.
    ("cognition VQA cn", "答案 是 北京", ["北京"]),
    ("reasoning VQA cn", "甲,乙,丙,丁", ["甲,乙,丙,戊"]),
    ("reasoning VQA cn", "上海", ["北京"]),
    ("cognition VQA cn", "a,b,c,d,e", ["a,b,c,d,x", "q"]),
    # Counting.
    ("text counting en", "There are 7 words.", ["8"]),
    ("text counting en", "I count 3", ["8"]),
    ("text counting en", "nine", ["10"]),
    ("text counting en", "none visible", ["2"]),
    ("text counting en", "16", ["8"]),
    ("text counting en", "0", ["5"]),
    ("text counting en", "5", ["0", "x", "6"]),
    ("text counting en", "no digits here", ["3"]),
    ("text counting en", "٣ items", ["3"]),
    ("text counting en", "5", [" 5 "]),
    # Formulas.
    ("formula recognition en", "```latex\nx^{2}+y_{1}\n```", ["x^2+y_1"]),
    ("formula recognition en", "\\frac{a}{b} + \\alpha", ["\\frac{a}{b}+\\alpha"]),
    ("formula recognition en", "\\overset{n}{\\sum} x", ["nsum x"]),
    ("formula recognition en", "E = mc^2", ["F = ma"]),
    ("formula recognition en", "", ["x"]),
    ("formula recognition en", "a \\, b \\; c", ["a b c"]),
    ("formula recognition en", "\\mathrm{d} x", ["d x"]),
    ("formula recognition cn", "\\text{速度} = 5", ["速度=5"]),
    ("formula recognition cn", "v = \\text{距离}", ["\\text{距离}"]),
    ("formula recognition cn", "abc", ["xyz"]),
    # Key information extraction.
    ("key information extraction en", '```json\n{"total": "12.00", "date": "2020-01-01"}\n```', ['{"total": "12.00", "date": "2020-01-01"}']),
    ("key information extraction en", 'Here: {"total": "12.00", "date": "2021"} done', ['{"total": "12.00", "date": "2020-01-01"}']),
    ("key information extraction en", "{'total': ['12.00', 'x'], 'extra': 1}", ["{'total': ['12.00'], 'date': '2020'}"]),
    ("key information mapping en", "total is 12.00 on 2020", ['{"total": "12.00", "date": "2020-01-01"}']),
    ("key information mapping en", "12.00 on 2020-01-01", ['{"total": 12.00, "date": "2020-01-01"}']),
    ("key information extraction cn", '{"公司": "某 某\\n公司"}', ['{"公司": "某某 公司"}']),
    ("key information extraction en", "anything", ["not a dict at all"]),
    ("key information extraction en", "contains not a dict at all", ["not a dict at all"]),
    ("key information extraction en", "[1, 2]", ['{"a": "1"}']),
    ("key information extraction en", '{"a": "1"}', ["[1, 2]"]),
    ("key information extraction en", "garbage", ["[1, 2]"]),
    ("key information extraction en", "garbage", ["{}"]),
    ("key information extraction en", '{"A": "x"}', ['{"a": "x"}']),
    ("key information extraction en", "{'a': True, 'b': None}", ['{"a": true, "b": null}']),
    ("key information extraction en", "{'a': 'True', 'b': 'None'}", ['{"a": true, "b": null}']),
    ("key information extraction en", "{}", ['{"a": "x"}']),
    ("key information extraction en", '{"a": []}', ['{"a": []}']),
    ("key information extraction en", "{'a': 1.0}", ['{"a": 1.0}']),
    # Grounding and spotting: the first four numbers as a box.
    ("text grounding en", "[10, 10, 20, 20]", ["10", "10", "20", "20"]),
    ("text grounding en", "(12, 10, 22, 20)", ["10", "10", "20", "20"]),
    ("text grounding en", "[10, 10, 30, 20]", ["10", "10", "20", "20"]),
    ("text grounding en", "[0, 0, 5, 5]", ["10", "10", "20", "20"]),
    ("text grounding en", "[10, 10, 20]", ["10", "10", "20", "20"]),
    ("text grounding en", "[5, 5, 5, 5]", ["5", "5", "5", "5"]),
    ("text spotting en", "word at 100,200,150,260 and more 1 2", ["100 200 150 250"]),
    ("text spotting en", "no box", ["1 2 3 4"]),
    # Handwritten answers (multiple choice; essays go to the OCR metric).
    ("handwritten answer extraction cn", "答案是A、B、D", ["ABD"]),
    ("handwritten answer extraction cn", "A和B和D", ["ABD"]),
    ("handwritten answer extraction cn", "A, D", ["ABD"]),
    ("handwritten answer extraction cn", "选C", ["C"]),
    ("handwritten answer extraction cn", "选C", [""]),
    ("handwritten answer extraction cn", "B. D", ["BD"]),
    # Default rule (categories outside every set).
    ("some other category", "There is no answer here", ["<no answer>"]),
    ("some other category", "Paris", ["<No Answer>"]),
    ("some other category", "  Paris  ", ["paris"]),
    ("some other category", "Rome", ["paris", "<no answer>"]),
    ("some other category", "N/A", ["x", "<no answer>"]),
    ("", "x", ["y"]),
]

for category, prediction, answers in CASES:
    question = ""
    row = {"category": category, "prediction": prediction, "answers": answers}
    try:
        row["score"] = scorer.evaluate_by_category(category, prediction.strip(), answers, {"question": question})
    except Exception as error:  # the scorer turns these into a 0 with the message
        row["error"] = str(error)
    print(json.dumps(row, ensure_ascii=False))
