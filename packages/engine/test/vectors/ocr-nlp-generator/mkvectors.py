"""Writes ../ocr-nlp.jsonl: reference values from real NLTK for the BLEU / METEOR / Porter / WordNet ports.

Run with Debian 12's python3-nltk (3.8) and wordnet-base (WordNet 3.0), see ../README.md ("OCR NLP"); WordNet's
_morphy is replaced by 3.9's (below), the one change between 3.8 and 3.9.1 that reaches these functions:
  NLTK_DATA=<dir with corpora/wordnet> /usr/bin/python3 mkvectors.py > ../ocr-nlp.jsonl
Rows (field "fn"):
  stem     {word, expected}                      PorterStemmer().stem(word)
  synonyms {word, expected: sorted names}        lemma names of wordnet.synsets(word) without "_", kept only when
                                                 name == name.lower() (what METEOR can match; see mkwordnet.py)
  log      {x, expected}                         math.log(x) (glibc), x as BLEU forms it: int / int and 0.1 / int
  pow      {x, y, expected}                      x ** y (glibc pow), x as METEOR forms it: chunks / matches
  score    {references, hypothesis, bleu, meteor} sentence_bleu(..., smoothing_function=SmoothingFunction().method1)
                                                 and meteor_score(references, hypothesis) with NLTK's defaults
Hypotheses are references perturbed at random (seeded): WordNet synonyms, inflections, case, OCR-like character
errors, deletions, insertions, swaps; ocrbenchv2 tokenizes with str.split(), as done here.
"""
import json, random, re, sys
from nltk.corpus import wordnet as wn
from nltk.stem.porter import PorterStemmer
from nltk.translate.bleu_score import sentence_bleu, SmoothingFunction
from nltk.translate.meteor_score import meteor_score

from nltk.corpus.reader.wordnet import WordNetCorpusReader


def morphy_3_9(self, form, pos, check_exceptions=True):
    """NLTK 3.9's _morphy (nltk/nltk#3225, in 3.9.1 which openbench locks), in place of Debian 3.8's recursive one:
    the form plus its exception-list bases, or else one pass of the detachment rules, filtered by the index."""
    exceptions = self._exception_map[pos]
    if check_exceptions and form in exceptions:
        candidates = exceptions[form]
    else:
        candidates = [form[: -len(old)] + new for old, new in self.MORPHOLOGICAL_SUBSTITUTIONS[pos] if form.endswith(old)]
    found = []
    for f in [form] + candidates:
        if f in self._lemma_pos_offset_map and pos in self._lemma_pos_offset_map[f] and f not in found:
            found.append(f)
    return found


WordNetCorpusReader._morphy = morphy_3_9
assert wn.synsets("catss") == [] and wn.synsets("cats") != []

rng = random.Random(20261206)
stemmer = PorterStemmer()
method1 = SmoothingFunction().method1
out = sys.stdout

def emit(row):
    out.write(json.dumps(row, ensure_ascii=False) + "\n")

TEXT = open("/usr/share/common-licenses/GPL-3", encoding="utf-8").read() + open("/usr/share/common-licenses/Apache-2.0", encoding="utf-8").read()
sentences = [s.split() for s in re.split(r"(?<=[.;:])\s+", TEXT) if 3 <= len(s.split()) <= 40]
vocab = sorted({w for s in sentences for w in s})
lemmas = sorted(wn._lemma_pos_offset_map)

# Porter: every vocabulary word, a slice of WordNet lemmas and their inflections, the irregular forms and oddities.
stem_words = list(vocab) + rng.sample(lemmas, 800)
for w in rng.sample(lemmas, 300):
    stem_words += [w + "s", w + "ed", w + "ing", w + "ly", w + "ness", w + "ational", w + "alli", w + "logi", w + "ies"]
stem_words += ["sky", "skies", "dying", "lying", "tying", "news", "innings", "outings", "cannings", "howe", "proceed",
               "exceed", "succeed", "Skies", "DYING", "ies", "tied", "cried", "ied", "y", "by", "yy", "syzygy", "a", "ab",
               "abc", "😀😀", "x😀😀", "caféing", "naïvely", "ÉCOLES", "İstanbul", "ΣΊΣΥΦΟΣ", "hopping", "hoping", "filing",
               "falling", "fizzed", "agreed", "feed", "bled", "sing", "generalization", "oscillators", "12.00", "3rd", "$5",
               "analogies", "archaeology", "controllable", "rolling", "electricalli", "fulli", "hopefulli"]
for w in dict.fromkeys(stem_words):
    emit({"fn": "stem", "word": w, "expected": stemmer.stem(w)})

def synonyms(word):
    names = set(l.name() for s in wn.synsets(word) for l in s.lemmas() if l.name().find("_") < 0)
    return sorted(n for n in names if n == n.lower())

# WordNet: stems (what METEOR asks), plain words, inflected and exception forms, capitals, misses.
syn_words = [stemmer.stem(w.lower()) for w in vocab] + [w.lower() for w in vocab] + rng.sample(lemmas, 800)
syn_words += [f for p in "nvar" for f in rng.sample(sorted(wn._exception_map[p]), min(100, len(wn._exception_map[p])))]
syn_words += [w + suf for w in rng.sample(lemmas, 150) for suf in ("s", "es", "ed", "ing", "er", "est", "ies", "men")]
syn_words += ["Car", "AUTO", "larg", "big", "sum", "total", "geese", "better", "best", "ran", "children", "mice",
              "axes", "aardwolves", "abaci", "churches", "dogs", "hardrock", "xyzzy", "", "a_b", "new_york", "12.00",
              "catss", "possesses", "iss", "tablessss", "boxesful", "glasses", "ramesses"]
for w in dict.fromkeys(syn_words):
    emit({"fn": "synonyms", "word": w, "expected": synonyms(w)})

def synonym_of(word):
    names = [l.name() for s in wn.synsets(word) for l in s.lemmas() if "_" not in l.name() and l.name().lower() != word.lower()]
    return rng.choice(names) if names else word

def perturb(tokens):
    hyp = list(tokens)
    for _ in range(rng.randint(0, 4)):
        if not hyp:
            break
        k = rng.randrange(len(hyp))
        op = rng.choice(["syn", "syn", "syn", "infl", "case", "ocr", "del", "ins", "swap", "dup"])
        w = hyp[k]
        if op == "syn":
            hyp[k] = synonym_of(w)
        elif op == "infl":
            hyp[k] = w + rng.choice(["s", "es", "ed", "ing", "ly", "er"])
        elif op == "case":
            hyp[k] = rng.choice([w.upper(), w.capitalize(), w.lower()])
        elif op == "ocr" and w:
            i = rng.randrange(len(w))
            hyp[k] = w[:i] + rng.choice("Il1O0rnmcoe.,") + w[i + 1:]
        elif op == "del":
            del hyp[k]
        elif op == "ins":
            hyp.insert(k, rng.choice(vocab))
        elif op == "swap" and k + 1 < len(hyp):
            hyp[k], hyp[k + 1] = hyp[k + 1], hyp[k]
        elif op == "dup":
            hyp.insert(k, w)
    return hyp

def score_row(kind, refs, hyp):
    refs = [r for r in refs]
    row = {"fn": "score", "kind": kind, "references": refs, "hypothesis": hyp}
    row["bleu"] = sentence_bleu(refs, hyp, smoothing_function=method1) if hyp else None
    row["meteor"] = meteor_score(refs, hyp)
    emit(row)

import math
for _ in range(1000):
    b = rng.randint(1, 400)
    x = rng.choice([rng.randint(1, b) / b, 0.1 / b, rng.random() * 10 ** rng.randint(-30, 30)])
    emit({"fn": "log", "x": x, "expected": math.log(x)})
for _ in range(600):
    m = rng.randint(1, 300)
    x = rng.randint(1, m) / m
    y = rng.choice([3.0, 3.0, 2.0, 0.5, 1.7, rng.random() * 6])
    emit({"fn": "pow", "x": x, "y": y, "expected": x ** y})
for s in [rng.choice(sentences) for _ in range(700)]:
    score_row("perturbed", [s], perturb(s))
for s in [rng.choice(sentences) for _ in range(100)]:
    score_row("short", [s[:rng.randint(1, 4)]], perturb(s[:rng.randint(1, 4)]))
for s in [rng.choice(sentences) for _ in range(60)]:
    score_row("multi_reference", [s, perturb(s), perturb(s)], perturb(s))
for s in [rng.choice(sentences) for _ in range(40)]:
    score_row("unrelated", [s], rng.choice(sentences))
for _ in range(60):
    # Full-page OCR: several sentences, many perturbations.
    page = [w for _ in range(rng.randint(3, 12)) for w in rng.choice(sentences)]
    hyp = page
    for _ in range(rng.randint(1, 25)):
        hyp = perturb(hyp)
    score_row("page", [page], hyp)
fixed = [
    ("TOTAL 12.00", "SUM 12.00"), ("the auto is red", "the car is red"), ("big house", "large house"),
    ("Hello World", "hello world"), ("a", "a"), ("a", "b"), ("發票 金額 ¥12.00", "发票 金额 ¥12.00"),
    ("中华人民共和国", "中华人民共和国"), ("Invoice No. 1234", "Invoice No 1234"), ("😀 smile", "😀 smiling"),
    ("the the the the", "the"), ("the", "the the the the the the the"), ("running dogs bark loudly", "dogs run barking loud"),
]
for ref, hyp in fixed:
    score_row("fixed", [ref.split()], hyp.split())
