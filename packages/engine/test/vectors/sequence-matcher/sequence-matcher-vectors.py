"""Writes sequence-matcher.jsonl: difflib.SequenceMatcher(None, a, b).ratio() for constructed pairs (short, empty,
non-ASCII, and long ones where the autojunk heuristic drops popular characters). Run: python3 sequence-matcher-vectors.py"""
import json
import random
from difflib import SequenceMatcher

rng = random.Random(15)
words = "the poem about tapirs rocks blog post social media river stone light quiet morning".split()


def text(n_words):
    return " ".join(rng.choice(words) for _ in range(n_words))


def mutate(s, edits):
    chars = list(s)
    for _ in range(edits):
        op = rng.randrange(3)
        pos = rng.randrange(len(chars) + 1)
        if op == 0:
            chars.insert(pos, rng.choice("abcxyz é😀\n"))
        elif chars and pos < len(chars):
            if op == 1:
                del chars[pos]
            else:
                chars[pos] = rng.choice("qrst")
    return "".join(chars)


pairs = [("", ""), ("", "a"), ("abc", ""), ("abcd", "bcde"), ("tapir", "tapirs"), ("😀a😀", "a😀"), ("private", "privately"),
         ("aaaa", "aa"), ("The 2nd poem about tapirs", "The second poem about tapirs")]
for n in (5, 30, 60, 120, 300):
    for edits in (0, 3, 20, 80):
        base = text(n)
        pairs.append((mutate(base, edits), base))
pairs.append(("x" * 250 + "y", "y" + "x" * 250))
pairs.append((text(200), text(200)))

with open("sequence-matcher.jsonl", "w") as out:
    for a, b in pairs:
        out.write(json.dumps({"a": a, "b": b, "ratio": SequenceMatcher(None, a, b).ratio()}, ensure_ascii=False) + "\n")
print(len(pairs))
