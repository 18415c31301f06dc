"""Writes bm25-okapi.jsonl: rank-bm25 0.2.2's own BM25Okapi scores, and openbench's passage order
(`np.argsort(-scores)`), for synthetic Wikipedia-like paragraphs tokenised as openbench's FActScore retriever does.

Run with Debian's python3 (python3-numpy) and rank_bm25.py from dorianbrown/rank_bm25 (tag 0.2.2 or later; the
BM25Okapi class is unchanged since) on the import path:
  PYTHONPATH=<dir holding rank_bm25.py> /usr/bin/python3 bm25-vectors.generator.py
"""
import json
import os

import numpy as np
from rank_bm25 import BM25Okapi

PARAGRAPHS = [
    "Ada Lovelace was an English mathematician and writer.",
    "She is chiefly known for her work on Charles Babbage's proposed mechanical general-purpose computer, the Analytical Engine.",
    "Lovelace was the only legitimate child of the poet Lord Byron and reformer Anne Isabella Milbanke.",
    "Her notes on the Analytical Engine include what is recognised as the first algorithm intended to be carried out by a machine.",
    "<s>She died of uterine cancer in 1852 at the age of 36.</s>",
    "The Ada programming language is named after her.",
]
CASES = [
    ("Ada Lovelace", "Question: Tell me a bio of Ada Lovelace.", PARAGRAPHS),
    ("Ada Lovelace", "Analytical Engine Analytical", PARAGRAPHS),
    ("Ada Lovelace", "", PARAGRAPHS),
    # A word in every paragraph: its idf is negative, so rank-bm25 floors it at epsilon times the average idf.
    ("x", "the the cat", ["the cat sat", "the dog ran", "the cat and the dog", "the end"]),
    # No query word in any paragraph: every score is 0.
    ("x", "zebra", ["a b", "c d", "e f"]),
    # 20 paragraphs (numpy sorts more than 16 with introsort): distinct scores only, so the order is numpy's too.
    ("Topic", "alpha beta", [" ".join(["alpha"] * (i % 7 + 1) + ["beta"] * (i // 7) + ["filler"] * i) for i in range(20)]),
]

rows = []
for topic, query, passages in CASES:
    tokens = [p.replace("<s>", " ").replace("</s>", " ").split() for p in passages]
    bm25 = BM25Okapi(tokens)
    query_tokens = query.split() or topic.split()
    scores = bm25.get_scores(query_tokens)
    rows.append({
        "topic": topic,
        "query": query,
        "passages": passages,
        "scores": [float(s) for s in scores],
        "order": [int(i) for i in np.argsort(-scores)],
    })

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "bm25-okapi.jsonl"), "w", encoding="utf-8") as out:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
