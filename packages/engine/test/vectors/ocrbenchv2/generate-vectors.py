"""Reference values for openbench's OCRBench v2 scorer, computed by upstream's own `evaluate_by_category` as it
runs with its `ocrbenchv2` dependency group installed (TEDS through lxml + APTED, BLEU/METEOR through NLTK):
`rule-scores.jsonl` for the categories scored by rules, `ocr-scores.jsonl` for those scored by the OCR metric (BLEU,
METEOR, token F1, edit distance), `table-scores.jsonl` for the table/chart/document categories (TEDS, and the OCR
metric when no answer's TEDS is above 0).

Run with Debian 12's /usr/bin/python3 (3.11) and, from the repository root:
  - python3-nltk 3.8 with WordNet 3.0 (Debian's wordnet-base laid out under NLTK_DATA, with the missing `lexnames`
    file, by test/vectors/ocr-nlp-generator/layout.sh);
  - python3-lxml running on libxml2 2.14.6 (the version lxml 6.0.2 bundles) and APTED 1.0.3, set up as
    test/fixtures/teds/SOURCE.md describes (`run.sh` sets LD_LIBRARY_PATH):
  git -C /work/.mirror/groq+openbench/repo show HEAD:src/openbench/scorers/ocrbenchv2.py > /tmp/ocrbenchv2_scorer.py
  NLTK_DATA=/tmp/ocrb-nltk PYTHONPATH=/tmp/ocr-teds-apted /tmp/ocr-teds-x2/run.sh \
    packages/engine/test/vectors/ocrbenchv2/generate-vectors.py /tmp/ocrbenchv2_scorer.py
inspect_ai and openbench's grouped metric are replaced by empty stand-ins, which the functions called do not use.
NLTK 3.8's WordNet morphy differs from 3.9.1's in a few words (test/vectors/README.md "OCR NLP"); no row here reaches
that difference.
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
import lxml.etree  # noqa: E402

assert scorer.TEDS_AVAILABLE and lxml.etree.LIBXML_VERSION == (2, 14, 6)

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
    ("text counting en", "5", ["+6"]),
    ("text counting en", "900", ["1_000"]),
    ("text counting en", "3", ["-3", "3.0"]),
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

# (category, prediction, answers, question)
OCR_CASES = [
    ("full-page OCR en", "the quick brown box", ["the quick brown fox"], ""),
    ("full-page OCR en", "The Quick brown fox", ["the quick brown fox"], ""),
    ("full-page OCR en", "the auto is red", ["the car is red"], ""),
    ("full-page OCR en", "TOTAL 12.00", ["SUM 12.00"], ""),
    ("full-page OCR en", "big house", ["large house"], ""),
    ("full-page OCR en", "running dogs quickly ran", ["the dog runs quick"], ""),
    ("full-page OCR en", "a a a a", ["a b a b"], ""),
    ("full-page OCR en", "fox", ["the quick brown fox jumps over the lazy dog"], ""),
    ("full-page OCR en", "completely unrelated words", ["the quick brown fox"], ""),
    ("full-page OCR en", "line one\nline two\tend", ["line one line two end"], ""),
    ("full-page OCR en", "   ", ["x"], ""),
    ("full-page OCR en", "x", ["", "  "], ""),
    ("full-page OCR en", "x", [], ""),
    ("full-page OCR en", "the cat sat", ["the dog sat", "the cat sat down"], ""),
    ("fine-grained text recognition en", "Invoice No. 12345", ["Invoice No 12345"], ""),
    ("fine-grained text recognition en", "Organizations recognized", ["organisation recognition"], ""),
    ("full-page OCR cn", "我们 今天 去 公园", ["我们 明天 去 公园"], ""),
    ("full-page OCR cn", "我们今天去公园", ["我们明天去公园"], ""),
    ("text translation cn", "The weather is nice today", ["The weather is good today"], ""),
    ("handwritten answer extraction cn", "光合作用 需要 阳光", ["光合作用 需要 光"], "简答：植物需要什么？"),
    ("table parsing en", "1 2\n3", ["<table><tr><td>1</td><td>2</td></tr></table>"], ""),
    ("chart parsing en", "year 2020 sales 5", ["<table><tr><td>year</td><td>2020</td></tr><tr><td>sales</td><td>5</td></tr></table>"], ""),
    ("document parsing en", "Title\nSome paragraph text", ["# Title\nSome paragraph text"], ""),
    ("table parsing cn", "", ["<table><tr><td>甲</td></tr></table>"], ""),
]

DOC = "<html><body><table><tr><th>Name</th><th>Qty</th></tr><tr><td>Apple</td><td>3</td></tr><tr><td>Pear</td><td>12</td></tr></table></body></html>"
TABLE_CASES = [
    # A bare <table> is what lxml.html.fromstring returns, so `.//table` finds none in it: TEDS 0 even for an identical
    # answer, and the OCR metric scores the pair.
    ("table parsing en", "<table><tr><td>1</td><td>2</td></tr></table>", ["<table><tr><td>1</td><td>2</td></tr></table>"], ""),
    ("table parsing en", DOC, [DOC], ""),
    ("table parsing en", "Here is the table:\n<table><tr><th>Name</th><th>Qty</th></tr><tr><td>Apple</td><td>3</td></tr><tr><td>Pear</td><td>12</td></tr></table>", [DOC], ""),
    ("table parsing en", "```html\n<table>\n  <tr><th>Name</th><th>Qty</th></tr>\n  <tr><td>Apple</td><td>3</td></tr>\n  <tr><td>Pear</td><td>13</td></tr>\n</table>\n```", [DOC], ""),
    ("table parsing en", "Table:<table><tr><th>Name<th>Qty<tr><td>Apple<td>3<tr><td>Pear</table>", [DOC], ""),
    ("table parsing en", "Table: <table><tr><td colspan=\"2\">Name</td></tr><tr><td>Apple</td><td>3</td></tr></table>", [DOC], ""),
    ("table parsing en", "Table: <table><tr><td colspan=\"1.5\">Name</td></tr></table>", [DOC], ""),
    ("table parsing en", "Name Qty Apple 3 Pear 12", [DOC], ""),
    ("table parsing en", "Name Qty Apple 3 Pear 12", [DOC, "<html><table><tr><td>Name Qty Apple 3 Pear 12</td></tr></table></html>"], ""),
    ("chart parsing en", "x <table><tr><td>year</td><td>2020</td></tr><tr><td>sales</td><td>5</td></tr></table>", ["<html><table><tr><td>year</td><td>2020</td></tr><tr><td>sales</td><td>5.0</td></tr></table></html>"], ""),
    ("table parsing cn", "表格：<table><tr><td>甲</td><td>乙</td></tr></table>", ["<html><table><tr><td>甲</td><td>丙</td></tr></table></html>"], ""),
    ("document parsing en", "# Title\n\nSome paragraph text", ["# Title\nSome paragraph text"], ""),
    ("document parsing cn", "标题 <table><tr><td>1</td></tr></table> 结束", ["<html><body><p>标题</p><table><tr><td>1</td></tr></table></body></html>"], ""),
    ("table parsing en", "", [DOC], ""),
]

assert len(sys.argv) > 1
here = __file__.rsplit("/", 1)[0]


def run(cases, path):
    with open(f"{here}/{path}", "w", encoding="utf-8") as out:
        for category, prediction, answers, question in cases:
            row = {"category": category, "prediction": prediction, "answers": answers}
            if question:
                row["question"] = question
            try:
                row["score"] = scorer.evaluate_by_category(category, prediction.strip(), answers, {"question": question})
            except Exception as error:  # the scorer turns these into a 0 with the message
                row["error"] = str(error)
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


run([(c, p, a, "") for c, p, a in CASES], "rule-scores.jsonl")
run(OCR_CASES, "ocr-scores.jsonl")
run(TABLE_CASES, "table-scores.jsonl")
