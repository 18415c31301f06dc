"""Writes deep-research-vectors.json: what openbench's own deep_research_bench code does (solver, RACE, FACT, scorer,
metrics) when its judges, the model under test, Jina and asyncio.sleep give the scripted answers below. The TypeScript
port (src/tasks/generative/deep-research/) replays every case and must call the same prompts in the same order, sleep
the same delays and produce the same metadata, Score and metric values.

Upstream files are read unmodified from the groq/openbench mirror (bare git) at commit d03922c; only `inspect_ai`,
`google.genai`, `requests` and `openbench.datasets.deep_research_bench` are stand-ins, and the judges' `generate`,
`JinaWebScraper.scrape_url` and the modules' `asyncio.sleep` are replaced by scripted fakes. Python's `sum` in the
RACE and scorer modules is CPython 3.12's (compensated), the version openbench runs on, since Debian has 3.11.

Run: /usr/bin/python3 deep-research-vectors.generator.py /work/.mirror/groq+openbench/repo <original-drb-mirror>
(the second argument: the Ayanami0730/deep_research_bench mirror, bare git, whose data/criteria_data/criteria.jsonl
gives the two criteria rows used, trimmed to three criteria per dimension).
"""
import asyncio
import json
import math
import os
import subprocess
import sys
import tempfile
import types

OPENBENCH, ORIGINAL = sys.argv[1], sys.argv[2]
COMMIT = "d03922ccbbd9004e802c556ef9c2a40ed870659c"
FILES = [
    "src/openbench/utils/deep_research_bench_prompts.py",
    "src/openbench/solvers/deep_research_bench/__init__.py",
    "src/openbench/solvers/deep_research_bench/deep_research_bench.py",
    "src/openbench/solvers/deep_research_bench/deep_research_bench_race.py",
    "src/openbench/solvers/deep_research_bench/deep_research_bench_fact.py",
    "src/openbench/scorers/deep_research_bench.py",
]


def git_show(repo, commit, path):
    return subprocess.check_output(["git", "-C", repo, "show", f"{commit}:{path}"], text=True)


root = tempfile.mkdtemp()
for path in FILES:
    target = os.path.join(root, path[len("src/"):])
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w", encoding="utf-8") as out:
        out.write(git_show(OPENBENCH, COMMIT, path))
for package in ["openbench", "openbench/utils", "openbench/solvers", "openbench/scorers"]:
    open(os.path.join(root, package, "__init__.py"), "a").close()
sys.path.insert(0, root)


def module(name, **attrs):
    mod = types.ModuleType(name)
    mod.__dict__.update(attrs)
    sys.modules[name] = mod
    return mod


identity_decorator = lambda *a, **k: (a[0] if a and callable(a[0]) and not k else (lambda f: f))


class Score:
    def __init__(self, value, answer=None, explanation=None, metadata=None):
        self.value, self.answer, self.explanation, self.metadata = value, answer, explanation, metadata


class ChatMessageUser:
    def __init__(self, content):
        self.content = content
        self.role = "user"


module("inspect_ai")
module("inspect_ai.solver", solver=identity_decorator, TaskState=object, Generate=object)
module("inspect_ai.model", ChatMessageUser=ChatMessageUser)
module("inspect_ai.scorer", scorer=identity_decorator, metric=identity_decorator, Score=Score, Target=object,
       Metric=object, SampleScore=object, Value=object)
google = module("google")
genai_types = module("google.genai.types", GenerateContentConfig=lambda **k: None, ThinkingConfig=lambda **k: None)
google.genai = module("google.genai", Client=lambda **k: None, types=genai_types)
module("requests")
DATASETS = {"reference": [], "criteria": []}
module("openbench.datasets")
module("openbench.datasets.deep_research_bench", get_criteria=lambda: DATASETS["criteria"],
       get_reference_clean=lambda: DATASETS["reference"])
os.environ["GEMINI_API_KEY"] = "test"
os.environ["JINA_API_KEY"] = "test"

from openbench.solvers.deep_research_bench import deep_research_bench as solver_mod  # noqa: E402
from openbench.solvers.deep_research_bench import deep_research_bench_race as race_mod  # noqa: E402
from openbench.solvers.deep_research_bench import deep_research_bench_fact as fact_mod  # noqa: E402
from openbench.scorers import deep_research_bench as scorer_mod  # noqa: E402


def sum312(iterable, start=0):
    """CPython 3.12's sum(): ints exactly, floats with Neumaier compensation added once at the end."""
    items = list(iterable)
    if all(type(x) is int for x in items):
        total = start
        for x in items:
            total += x
        return total
    total, c = float(start), 0.0
    for x in items:
        x = float(x)
        t = total + x
        if abs(total) >= abs(x):
            c += (total - t) + x
        else:
            c += (x - t) + total
        total = t
    return total + c if c and math.isfinite(c) else total


race_mod.sum = sum312
scorer_mod.sum = sum312

# ---- scripted world ----------------------------------------------------------------------------------------------
WORLD = {}


def pop(kind):
    script = WORLD[kind]
    if not script:
        raise AssertionError(f"{kind} script exhausted in case {WORLD['name']}")
    item = script.pop(0)
    if isinstance(item, dict) and "raise" in item:
        raise Exception(item["raise"])
    return item


async def race_generate(self, user_prompt, system_prompt=""):
    WORLD["calls"].append(["race", user_prompt])
    return pop("race")


async def fact_generate(self, user_prompt, system_prompt=""):
    WORLD["calls"].append(["fact", user_prompt])
    return pop("fact")


async def scrape_url(self, url):
    # Jina is asked for f"https://r.jina.ai/{url}": the URL as str() prints it (a judge may give a number).
    WORLD["calls"].append(["scrape", str(url)])
    return pop("scrape")


async def fake_sleep(seconds):
    WORLD["sleeps"].append(seconds)
    if WORLD.get("sleep_raises"):
        raise Exception(WORLD["sleep_raises"])


race_mod.RACEEvaluatorLLM.generate = race_generate
fact_mod.FACTEvaluatorLLM.generate = fact_generate
fact_mod.JinaWebScraper.scrape_url = scrape_url
race_mod.asyncio = types.SimpleNamespace(sleep=fake_sleep)
fact_mod.asyncio = types.SimpleNamespace(sleep=fake_sleep)
race_mod.print = lambda *a, **k: None

async def generate(state):
    if state.messages is WORLD["original_messages"]:
        completion = WORLD["completion"]
    else:
        WORLD["calls"].append(["model", state.messages[0].content])
        completion = pop("model")
    return types.SimpleNamespace(output=types.SimpleNamespace(completion=completion))


def load_criteria():
    rows = [json.loads(line) for line in git_show(ORIGINAL, "HEAD", "data/criteria_data/criteria.jsonl").splitlines() if line.strip()]
    zh = rows[0]
    en = next(r for r in rows if not any("\u4e00" <= ch <= "\u9fff" for ch in r["prompt"]))
    for row in (zh, en):
        row["criterions"] = {dim: items[:3] for dim, items in row["criterions"].items()}
    return en, zh


CRITERIA_EN, CRITERIA_ZH = load_criteria()
DIMS = ["comprehensiveness", "insight", "instruction_following", "readability"]


def race_answer(criteria, scores, wrap="fence"):
    """A judge's RACE answer scoring every criterion; scores[dim] is a list of (s1, s2) pairs."""
    out = {}
    for dim in DIMS:
        out[dim] = [
            {"criterion": c["criterion"], "analysis": "Article 1 is more specific.", "article_1_score": s1, "article_2_score": s2}
            for c, (s1, s2) in zip(criteria["criterions"][dim], scores[dim])
        ]
    body = json.dumps(out, ensure_ascii=False, indent=2)
    return f"Here is my evaluation.\n```json\n{body}\n```\nDone." if wrap == "fence" else body


CLEAN_EN = ("Japan's elderly population will peak around 2042. Consumption by older households is shifting toward "
            "health care, housing adaptations and food delivery, while clothing spending declines.")
CLEAN_ZH = "中国社会阶层可以分为九个等级。中产阶层的收入主要来自工资性收入，财产性收入占比较低。" * 3
REFERENCE = "A reference article about the elderly in Japan, with projections to 2050 and spending by category."


def even_scores(s1, s2):
    return {dim: [(s1, s2)] * 3 for dim in DIMS}


CASES = []


def case(name, completion, *, language="en", criteria=CRITERIA_EN, reference=REFERENCE, race=(), fact=(), model=(),
         scrape=(), sleep_raises=None, prompt=None, provider_citations=(), provider_annotations=()):
    CASES.append(dict(name=name, completion=completion, language=language, criteria=criteria, reference=reference,
                      provider_citations=list(provider_citations), provider_annotations=list(provider_annotations),
                      race=list(race), fact=list(fact), model=list(model), scrape=list(scrape),
                      sleep_raises=sleep_raises, prompt=prompt or (criteria or CRITERIA_EN)["prompt"]))


def ok_scrape(url, title="Title", content="Page content."):
    return {"url": url, "title": title, "description": "Desc", "content": content, "publish_time": "unknown"}


def bad_scrape(url, status=404):
    return {"url": url, "content": "", "error": f"Jina AI Reader Failed for {url}: {status}"}


ARTICLE_EN = (
    "# Japan's elderly\n\nBy 2040 Japan will have 39 million people aged 65+ "
    "([IPSS projections](https://www.ipss.go.jp/pp-zenkoku/e/zenkoku_e2023/pp2023e_Summary.pdf)). "
    "Food spending stays stable [2]. See https://www.stat.go.jp/english/data/kakei/ and "
    "(https://www.meti.go.jp/report) or [local file](./notes.md) and [dup](https://www.stat.go.jp/english/data/kakei/).\n"
)
CITATIONS_EN = [
    {"fact": "By 2040 Japan will have 39 million people aged 65+ ([IPSS](https://www.ipss.go.jp/x))", "ref_idx": "0",
     "url": "https://www.ipss.go.jp/pp-zenkoku/e/zenkoku_e2023/pp2023e_Summary.pdf"},
    {"fact": "Food spending stays stable", "ref_idx": "2", "url": "https://www.stat.go.jp/english/data/kakei/"},
    {"fact": "Food spending of the elderly is stable", "ref_idx": "2", "url": "https://www.stat.go.jp/english/data/kakei/"},
]
IPSS = CITATIONS_EN[0]["url"]
KAKEI = CITATIONS_EN[1]["url"]

case("en_full_pipeline", ARTICLE_EN,
     race=[CLEAN_EN, race_answer(CRITERIA_EN, {"comprehensiveness": [(8, 6), (7.5, 7), (6, 8)], "insight": [(7, 5), (6, 6), (9, 4)],
                                               "instruction_following": [(8, 8), (7, 6), (5, 5)], "readability": [(6, 7), (8, 6), (7, 7)]})],
     fact=["```json\n" + json.dumps(CITATIONS_EN) + "\n```", "[1]",
           '[{"idx": 1, "result": "supported"}]', '```json\n[{"idx": 1, "result": "unsupported"}]\n```'],
     scrape=[bad_scrape(IPSS, 500), bad_scrape(IPSS, 502), ok_scrape(IPSS), ok_scrape(KAKEI)])

case("zh_fuzzy_criteria", "中国中产阶层约有4亿人[1]。\n\n参考文献\n1. https://www.stats.gov.cn/sj/（国家统计局）", language="zh",
     criteria=CRITERIA_ZH, reference="参考文章：中国九个阶层的收入与财务状况。",
     race=[CLEAN_ZH, json.dumps({
         "readability": [{"criterion": CRITERIA_ZH["criterions"]["readability"][0]["criterion"], "article_1_score": "7.5", "article_2_score": 6}],
         "comprehensiveness": [
             {"criterion": "  " + CRITERIA_ZH["criterions"]["comprehensiveness"][0]["criterion"] + " ", "article_1_score": 8, "article_2_score": 7},
             {"criterion": CRITERIA_ZH["criterions"]["comprehensiveness"][1]["criterion"][:4], "target_score": 6, "article_2_score": 5},
             {"criterion": "完全无关的标准", "article_1_score": 9, "article_2_score": "abc"},
             {"criterion": "另一条无关的标准", "article_1_score": 4}],
         "insight": [{"criterion": "X", "article_1_score": 5, "article_2_score": 5}, "not a dict", {"criterion": "", "article_1_score": 3, "article_2_score": 3}],
         "instruction_following": [{"criterion": CRITERIA_ZH["criterions"]["instruction_following"][1]["criterion"].upper(), "article_1_score": True, "article_2_score": [1]}],
         "extra_dimension": [{"criterion": "x", "article_1_score": 1, "article_2_score": 1}],
     }, ensure_ascii=False)],
     fact=['[{"fact": "中国中产阶层约有4亿人", "ref_idx": "1", "url": "https://www.stats.gov.cn/sj/"}]',
           '[{"idx": 1, "result": "unknown"}]'],
     scrape=[ok_scrape("https://www.stats.gov.cn/sj/", "国家统计局", "")])

case("race_clean_fails", "Short article with no links at all.",
     race=["too short", "", {"raise": "Failed to generate content with evaluator: 503 UNAVAILABLE"}, "x" * 99 + " ", "   " + "y" * 60 + "   "],
     fact=["[]"])

LONG_ARTICLE = ("Japan ages fast. 😀 " * 20 + "Spending shifts!\x1fHousing matters? " + "Food delivery grows. " * 15 + "\nEnd of article.")
case("race_token_limit_chunks", LONG_ARTICLE,
     race=[{"raise": "Failed to generate content with evaluator: 400 INVALID_ARGUMENT. The input token count (1200000) exceeds the maximum number of TOKENS allowed, which must be LESS THAN 1048576."},
           race_answer(CRITERIA_EN, even_scores(6, 6))],
     model=["  " + CLEAN_EN + "  ", "too short"],
     fact=['{"facts": []}'] * 3)

case("race_chunk_model_throws", "Tokens. " * 40,
     race=[{"raise": "tokens: prompt must be less than 1000"}, race_answer(CRITERIA_EN, even_scores(2, 8), wrap="plain")],
     model=[{"raise": "model failed"}, CLEAN_EN],
     fact=["", "", ""])

MISSING_DIM = json.dumps({"comprehensiveness": [], "insight": [], "readability": []})
case("race_score_retries_exhausted", "An article. " * 20,
     race=[CLEAN_EN, "no json here", MISSING_DIM, {"raise": "Failed to generate content with evaluator: 429"}, "```json\n{broken\n```",
           "null", "42", '"comprehensiveness insight"', "[1, 2]", "¡" + "é" * 300 + "😀" * 300 + "tail"],
     fact=["[]"])

case("race_score_last_call_throws", "An article. " * 20,
     race=[CLEAN_EN] + ["{}"] * 8 + ["", {"raise": "boom"}],
     fact=["[]"])

case("race_score_list_output", "An article. " * 20,
     race=[CLEAN_EN, "   " + json.dumps(DIMS) + "  "],
     fact=["[]"])

case("race_score_string_output", "An article. " * 20,
     race=[CLEAN_EN, json.dumps("comprehensiveness, insight, instruction_following, readability")],
     fact=["[]"])

case("race_nan_and_infinity", "An article. " * 20,
     race=[CLEAN_EN, '{"comprehensiveness": [{"criterion": "%s", "article_1_score": NaN, "article_2_score": 5}],'
                     ' "insight": [{"criterion": "%s", "article_1_score": Infinity, "article_2_score": 1}],'
                     ' "instruction_following": [{"criterion": "%s", "article_1_score": -Infinity, "article_2_score": 1}],'
                     ' "readability": [{"criterion": "%s", "article_1_score": 1e308, "article_2_score": 1e308}]}' % tuple(
                         CRITERIA_EN["criterions"][d][0]["criterion"] for d in DIMS)],
     fact=["[]"])

case("race_keyword_fallback", "An article. " * 20,
     race=[CLEAN_EN, "{'comprehensiveness': [{\"criterion\": \"%s\", \"article_1_score\": ٧.5, \"article_2_score\": 6,},],\n"
                     "'insight': [{\"criterion\": \"Novel\", \"article_1_score\": 8, \"article_2_score\": 2.}], "
                     "instruction_following readability article_1_score article_2_score" % CRITERIA_EN["criterions"]["comprehensiveness"][0]["criterion"]],
     fact=["[]"])

C0 = {d: CRITERIA_EN["criterions"][d][0]["criterion"] for d in DIMS}
case("race_int_overflow", "An article. " * 20,
     race=[CLEAN_EN, '{"comprehensiveness": [{"criterion": "%s", "article_1_score": 1%s, "article_2_score": 1}], '
                     '"insight": [], "instruction_following": [], "readability": []}' % (C0["comprehensiveness"], "0" * 400)],
     fact=["[]"])
case("race_duplicate_keys_null_scores", "An article. " * 20,
     race=[CLEAN_EN, '{"insight": [{"criterion": "%s", "article_1_score": 9, "article_2_score": 1}], "comprehensiveness": [], '
                     '"instruction_following": [{"criterion": "%s", "article_1_score": null, "target_score": "8", "article_2_score": 2},'
                     ' {"criterion": "%s", "article_1_score": 6, "article_2_score": null}], "readability": [{"criterion": "%s", "article_1_score": 1e400, "article_2_score": 3}],'
                     ' "insight": [{"criterion": "%s", "article_1_score": 4, "article_2_score": 6}]}' % (
                         C0["insight"], C0["instruction_following"], CRITERIA_EN["criterions"]["instruction_following"][1]["criterion"].lower(),
                         C0["readability"], C0["insight"])],
     fact=["[]"])

case("race_zero_totals", "An article. " * 20,
     race=[CLEAN_EN, race_answer(CRITERIA_EN, even_scores(0, 0))],
     fact=["[]"])

case("race_no_reference", "An article. " * 20, reference=None, race=[CLEAN_EN], fact=["[]"])
case("race_no_criteria", "An article. " * 20, criteria=None, race=[CLEAN_EN], fact=["[]"])
case("race_empty_criterions", "An article. " * 20, criteria=dict(CRITERIA_EN, criterions={}),
     race=[CLEAN_EN, race_answer(CRITERIA_EN, even_scores(5, 5))], fact=["[]"])
case("empty_completion", "")
case("sleep_raises_solver_error", "An article. " * 20, race=[CLEAN_EN, "not json"], sleep_raises="event loop closed")

# ---- FACT quirks (RACE succeeds quickly in each) ------------------------------------------------------------------
RACE_OK = [CLEAN_EN, race_answer(CRITERIA_EN, even_scores(7, 5))]


def fact_case(name, fact, scrape=(), completion="An article citing https://example.com/a and https://example.com/b. " * 3, language="en"):
    case(name, completion, race=RACE_OK, fact=fact, scrape=scrape, language=language)


case("provider_citations_only", "",
     provider_citations=["https://p.example/1", "https://p.example/1"],
     provider_annotations=[{"url": "https://p.example/1", "title": "P one"}, {"url": "https://p.example/2"}],
     race=RACE_OK, fact=["[]"])
fact_case("fact_extraction_bad_json", ["not json", "\ufeff[]", '[\n  {"fact": "é😀 [a](b)",\n  }\n]'])
fact_case("fact_extraction_unterminated", ["[{", "[{", '[{"fact": "é😀'])
fact_case("fact_extraction_empty", ["", "", ""])
fact_case("fact_extraction_error_key", ['{"error": {"code": 5, "why": "model refused"}}'])
fact_case("fact_extraction_dict_fact_key", ['{"factual": 1}', '{"factual": 1}', '{"factual": 1}'])
fact_case("fact_extraction_strings", ['["https://example.com/a"]'])
fact_case("fact_extraction_escapes", ['[{"fact": "a \\> b \\< c \\+ d \\~ e [x](https://x.y)", "url": "https://example.com/a"}, {"fact": "no url"}, {"fact": "empty url", "url": ""}]',
                                      '[{"idx": 1, "result": "supported"}]'],
          scrape=[ok_scrape("https://example.com/a")])
fact_case("fact_missing_fact_key", ['[{"url": "https://example.com/a"}]'])
fact_case("fact_fact_not_string", ['[{"fact": 5, "url": "https://example.com/a"}]', '[{"fact": 5, "url": "https://example.com/a"}]', '[{"fact": 5, "url": "https://example.com/a"}]'])
fact_case("fact_numeric_urls_group", ['[{"fact": "one", "url": 1}, {"fact": "one again", "url": 1.0}, {"fact": "true", "url": true}, {"fact": "nan", "url": NaN}, {"fact": "nan two", "url": NaN}]',
                                      "[1, 3]", "```[2, 1]```", '[{"idx": 1, "result": "supported"}, {"idx": 2, "result": "supported"}]',
                                      '[{"idx": 2, "result": "unsupported"}, {"idx": 1, "result": "supported"}]'],
          scrape=[ok_scrape("1"), ok_scrape("nan")])
fact_case("fact_unhashable_url", ['[{"fact": "x", "url": ["a"]}]'])
fact_case("fact_dedup_failures", ['[{"fact": "f1", "url": "https://example.com/a"}, {"fact": "f2", "url": "https://example.com/a"}, {"fact": "f3", "url": "https://example.com/a"},'
                                  ' {"fact": "g1", "url": "https://example.com/b"}, {"fact": "g2", "url": "https://example.com/b"},'
                                  ' {"fact": "h1", "url": "https://example.com/c"}, {"fact": "h2", "url": "https://example.com/c"}]',
                                  "nope", {"raise": "judge down"}, "still nope",
                                  "[0, 1]",
                                  "[5, 6]",
                                  '[{"idx": 1, "result": "supported"}, {"idx": 2, "result": "unknown"}, {"idx": 3, "result": "supported"}]',
                                  '[{"idx": 1, "result": "supported"}, {"idx": 2, "result": "unsupported"}]'],
          scrape=[ok_scrape("https://example.com/a"), ok_scrape("https://example.com/b"), ok_scrape("https://example.com/c")])
fact_case("fact_dedup_string_answer", ['[{"fact": "f1", "url": "u"}, {"fact": "f2", "url": "u"}]', '"12"'])
fact_case("fact_dedup_float_index", ['[{"fact": "f1", "url": "u"}, {"fact": "f2", "url": "u"}]', "[1.5]"])
fact_case("fact_dedup_str_index", ['[{"fact": "f1", "url": "u"}, {"fact": "f2", "url": "u"}]', '["1"]'])
fact_case("fact_dedup_int_answer", ['[{"fact": "f1", "url": "u"}, {"fact": "f2", "url": "u"}]', "7"])
fact_case("fact_dedup_duplicates_and_bools", ['[{"fact": "f1", "url": "u"}, {"fact": "f2", "url": "u"}]', "[true, true]",
                                              '[{"idx": 1, "result": "supported"}, {"idx": 2, "result": "supported"}]'],
          scrape=[ok_scrape("u")])
fact_case("fact_validate_failures", ['[{"fact": "a1", "url": "https://a"}, {"fact": "b1", "url": "https://b"}, {"fact": "c1", "url": "https://c"}, {"fact": "d1", "url": "https://d"}]',
                                     "[]", '[{"idx": 1}, {"idx": 2}]', {"raise": "judge down"},
                                     '[{"idx": "1", "result": "supported"}]', '[{"result": "supported"}]', '["x"]',
                                     "{}", '[{"idx": 1, "result": "supported"}]',
                                     '[{"idx": 1.5, "result": "supported"}]'],
          scrape=[bad_scrape("https://a"), bad_scrape("https://a"), bad_scrape("https://a"),
                  {"raise": "connection reset"}, {"raise": "connection reset"}, {"raise": "connection reset"},
                  ok_scrape("https://c"), ok_scrape("https://d")])
fact_case("fact_zh_prompts", ['[{"fact": "事实一", "url": "https://a"}, {"fact": "事实二", "url": "https://a"}]', "[1, 2]",
                              '[{"idx": 1, "result": "supported"}, {"idx": 2, "result": "unsupported"}]'],
          scrape=[ok_scrape("https://a", "标题", "内容")], language="zh")


# ---- run -----------------------------------------------------------------------------------------------------------
def encode(value):
    """JSON-safe: non-finite floats as {"$float": "nan" | "inf" | "-inf"}, floats marked when integral."""
    if isinstance(value, float):
        if math.isnan(value):
            return {"$float": "nan"}
        if math.isinf(value):
            return {"$float": "inf" if value > 0 else "-inf"}
        return value
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    return value


def run_case(spec):
    WORLD.clear()
    WORLD.update(name=spec["name"], calls=[], sleeps=[], completion=spec["completion"], race=list(spec["race"]),
                 fact=list(spec["fact"]), model=list(spec["model"]), scrape=list(spec["scrape"]),
                 sleep_raises=spec["sleep_raises"])
    # Citations a provider reports beside the text reach the solver through the assistant message's metadata.
    WORLD["original_messages"] = [types.SimpleNamespace(role="assistant", metadata={
        "citations": spec["provider_citations"], "annotations": spec["provider_annotations"]})]
    task_id = 7
    DATASETS["reference"] = [] if spec["reference"] is None else [types.SimpleNamespace(metadata={"task_id": task_id}, target=spec["reference"])]
    DATASETS["criteria"] = [] if spec["criteria"] is None else [types.SimpleNamespace(metadata={
        "task_id": task_id, "prompt": spec["criteria"]["prompt"], "dimension_weight": spec["criteria"]["dimension_weight"],
        "criterions": spec["criteria"]["criterions"]})]
    initial = {"task_id": task_id, "topic": "Finance", "language": spec["language"]}
    state = types.SimpleNamespace(input_text=spec["prompt"], metadata=dict(initial), messages=WORLD["original_messages"],
                                  output=types.SimpleNamespace(completion=spec["completion"]), completed=False)
    asyncio.run(solver_mod.deep_research_solver()(state, generate))
    for kind in ("race", "fact", "model", "scrape"):
        assert not WORLD[kind], f"{spec['name']}: unused {kind} answers {WORLD[kind]}"
    set_fields = [[k, v] for k, v in state.metadata.items() if k not in initial]
    score = asyncio.run(scorer_mod.deep_research_scorer()(state, None))
    return {
        "name": spec["name"],
        "input": {"completion": spec["completion"], "prompt": spec["prompt"], "language": spec["language"], "task_id": task_id,
                  "criteria": spec["criteria"], "reference": spec["reference"], "race": spec["race"], "fact": spec["fact"],
                  "model": spec["model"], "scrape": spec["scrape"], "sleep_raises": spec["sleep_raises"],
                  "provider_citations": spec["provider_citations"], "provider_annotations": spec["provider_annotations"]},
        "calls": WORLD["calls"],
        "sleeps_ms": [s * 1000 for s in WORLD["sleeps"]],
        "metadata": encode(set_fields),
        "score": encode({"value": score.value, "answer": score.answer, "explanation": score.explanation, "metadata": score.metadata}),
    }


def run_scorer(metadata, completion):
    state = types.SimpleNamespace(metadata=metadata, output=types.SimpleNamespace(completion=completion))
    score = asyncio.run(scorer_mod.deep_research_scorer()(state, None))
    return {"completion": completion, "metadata": encode(metadata),
            "score": encode({"value": score.value, "answer": score.answer, "explanation": score.explanation, "metadata": score.metadata})}


SCORER_CASES = [
    ({"task_id": 1, "overall_score": 0.0625, "comprehensiveness": 0.0005, "insight": -0.0001, "instruction_following": 1, "readability": 0.9995,
      "total_citations": 8, "valid_citations": 5, "valid_rate": 0.625}, "article"),
    ({"overall_score": 0.5, "total_citations": 0, "valid_rate": 0.5}, ""),
    ({"overall_score": float("nan"), "comprehensiveness": float("inf"), "total_citations": True, "valid_citations": 1, "valid_rate": float("-inf")}, "x"),
    ({"evaluation_error": "", "overall_score": 0.25}, "y"),
    ({"evaluation_error": "Failed to clean article", "overall_score": 0}, ""),
    ({"overall_score": "0.5"}, "z"),
    ({"overall_score": 0.5, "insight": None}, "z"),
    ({"overall_score": 0.5, "total_citations": "3"}, "z"),
    ({"overall_score": 2.5e21, "readability": 1234.56789}, "big"),
    ({}, "empty metadata"),
]


class SampleScore:
    def __init__(self, metadata):
        self.score = Score(0, metadata=metadata)


METRIC_FUNCS = ["comprehensiveness", "insight", "instruction_following", "readability", "overall_score", "total_citations",
                "total_valid_citations", "valid_rate"]


def run_metrics(metadatas):
    scores = [SampleScore(m) for m in metadatas]
    return {"metadatas": encode(metadatas), "values": {name: encode(getattr(scorer_mod, name)()(scores)) for name in METRIC_FUNCS}}


EXTRACT_JSON = [
    "", "   \n", '{"a": 1}', '  {"a": NaN}  ', "{not json}", "Sure!\n```json\n{\"a\": [1, 2]}\n```", "```json```",
    "```json\n{bad}\n``` then ```json\n{\"b\": 2}\n```", "prefix ```json {\"c\": 3} ``` suffix", "[1, 2, 3]", '"just a string"',
    'text {"x": {"y": 1}} more {"z": 2}', 'a {"x": 1} b } c', "{{}", 'noise {"a": 1, } {"b": 2}',
    '{"comprehensiveness": [{"criterion": "A", "article_1_score": 7, "article_2_score": 6}, {"criterion": "B", "article_1_score": 8}],'
    ' "insight": [{"criterion": "C", "article_1_score": ١٢.٥, "article_2_score": 3}]',
    "comprehensiveness article_1_score article_2_score but no entries {",
    "'insight' first: \"criterion\": \"I\", \"article_1_score\": 5, \"article_2_score\": 4; then comprehensiveness: "
    "\"criterion\": \"C\" \"article_1_score\": 9 \"article_2_score\": 1 readability",
    '{"big": ' + "9" * 5000 + "}",
    "\ufeff{\"a\": 1}",
]


def run_extract(text):
    try:
        return {"text": text, "result": race_mod.extract_json_from_markdown(text)}
    except Exception as e:
        return {"text": text, "raises": f"{type(e).__name__}: {e}"}


CITATION_TEXTS = [
    "See [a](https://a.com/x) and [b](http://b.org) and [c](ftp://c) and https://d.net/path?q=1) end",
    "[multi\nline](https://m.com)\u3000https://ws.com/\u00a0x https://cs.com/\x1cy https://zw.com/\u200bz",
    "https://a.com https://a.com (https://paren.com) [](https://empty-title.com) [t](https://t.com/a(b)c)",
    "",
]


def run_citations(text, citations=None, annotations=None):
    """Provider citations and annotations come in through the assistant message's metadata (upstream's method 2)."""
    message = types.SimpleNamespace(role="assistant", metadata={"citations": list(citations or []), "annotations": list(annotations or [])})
    state = types.SimpleNamespace(output=types.SimpleNamespace(metadata=None, choices=None), messages=[message])
    unique, unique_ann = solver_mod.extract_citations_from_state(state, text)
    return {"text": text, "citations": citations or [], "annotations": annotations or [], "embedded": solver_mod.extract_embedded_citations(text),
            "unique": unique, "unique_annotations": unique_ann, "section": solver_mod.format_citation_section(unique, unique_ann)}


JSON_ERROR_TEXTS = [
    "", "   ", "[] []", '[1 2]', '{"a" 1}', '{"a": 1 "b": 2}', '["a\tb"]', '["\\q"]', '["\\u12G4"]', '["\\u1234', '"\\u12', '["\\ud83d\\ude00", "\\u00e9\\"]', "[1,]", '{"a": 1,}',
    "tru", "-", "01", "[\n\n  {\"a\": é}]", "😀😀 x", '{"😀": [1, 2,, 3]}', "NaNa", "[-Infinity, Infinityx]",
    '"unterminated', "\ufeff[]", "{'a': 1}", "[1.]", "1e", '{"a": [}',
]


def json_error(text):
    try:
        json.loads(text)
        return None
    except json.JSONDecodeError as e:
        return str(e)


PROMPTS = []


def prompt_index(text):
    """Calls name their prompt by index into `prompts`: the long RACE prompts recur across cases."""
    if text not in PROMPTS:
        PROMPTS.append(text)
    return PROMPTS.index(text)


CASE_VECTORS = [run_case(spec) for spec in CASES]
for vector in CASE_VECTORS:
    vector["calls"] = [[kind, prompt_index(text)] for kind, text in vector["calls"]]

vectors = {
    "source": f"groq/openbench {COMMIT}",
    "prompts": PROMPTS,
    "cases": CASE_VECTORS,
    "scorer": [run_scorer(m, c) for m, c in SCORER_CASES],
    "metrics": [
        run_metrics([]),
        run_metrics([{}, {}]),
        run_metrics([{"comprehensiveness": 0.1, "insight": 0.2, "instruction_following": 0.3, "readability": 0.4, "overall_score": 0.7,
                      "total_citations": 3, "valid_citations": 1, "valid_rate": 1 / 3},
                     {"comprehensiveness": 0.2, "overall_score": 0.1, "total_citations": 0, "valid_citations": 0, "valid_rate": 0.0},
                     {}, {"overall_score": 0.2, "total_citations": 7, "valid_citations": 7, "valid_rate": 1.0}]),
        run_metrics([{"overall_score": 0.1}] * 10),
    ],
    "extract_json": [run_extract(t) for t in EXTRACT_JSON],
    "citations": [run_citations(t) for t in CITATION_TEXTS] + [
        run_citations("Body https://x.com and https://y.com", citations=["https://y.com", "https://z.com", "https://z.com"],
                      annotations=[{"url": "https://z.com", "title": "Zed"}, {"url": "https://z.com", "title": "Again"}, {"url": ""}, {"title": "no url"}])],
    "json_errors": [{"text": t, "error": json_error(t)} for t in JSON_ERROR_TEXTS],
    "criteria_list": [race_mod.format_criteria_list(CRITERIA_EN), race_mod.format_criteria_list(CRITERIA_ZH)],
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "deep-research-vectors.json"), "w", encoding="utf-8") as out:
    json.dump(vectors, out, ensure_ascii=False, indent=1)
    out.write("\n")
print(f"{len(vectors['cases'])} cases written")
