"""Writes factscore-lite.json: what FactScoreLite 1.3.0's own code produces for the prompt and parsing steps the
engine ports (src/scorers/factscore.scorer.ts). No model is called: `openai` is replaced by a stand-in module, and
the verifier's replies are given.

Run with Debian's python3 (python3-numpy, python3-nltk), the package's sources on the import path (armingh2000/
FactScoreLite tag v.1.3.0: `git archive v.1.3.0 FactScoreLite | tar x -C <dir>`):
  PYTHONPATH=<dir> /usr/bin/python3 factscore-vectors.generator.py
"""
import json
import os
import sys
import types

# FactScoreLite's OpenAIAgent builds an OpenAI client at construction; nothing here reaches it.
openai = types.ModuleType("openai")
openai.OpenAI = lambda: None
openai.RateLimitError = type("RateLimitError", (Exception,), {})
sys.modules["openai"] = openai

from FactScoreLite import fact_scorer as fact_scorer_module  # noqa: E402
from FactScoreLite.atomic_facts import AtomicFactGenerator  # noqa: E402
from FactScoreLite.fact_scorer import FactScorer  # noqa: E402

atomic = AtomicFactGenerator()
scorer = FactScorer()

# get_instructions draws the unsupported example with random.choice(demons[1:]): each of the four, in turn.
verification_instructions = []
for index in range(1, len(scorer.demons)):
    fact_scorer_module.random.choice = lambda seq, i=index: seq[i - 1]
    verification_instructions.append(scorer.get_instructions())

GPT_OUTPUTS = [
    "- Ada Lovelace was an English mathematician\n- She was English.\n",
    "Facts:\n- One fact\n-Two\n- Three.  \n",
    "no items at all",
    "- a - b",
]
SPLITS = [
    (["He met J.", "K. Rowling in 1990."], ["J. K."]),
    (["Hi.", "This is a test.", "Ok.", "Done now."], []),
    (["Alan Turing was a mathematician.", "he was born in London."], []),
    (["Word.", "Another one here."], []),
    (["The J. R. R. Tolkien book.", "It sold well."], ["J. R.", "R. R."]),
]
VERDICTS = ["True", "True.", "This is true? No, false.", "Yes, supported.", "FALSE, not true", "The information is not in the context", "Unclear", "I cannot say", "false"]


class ScriptedAgent:
    def __init__(self, outputs):
        self.outputs = list(outputs)
        self.prompts = []

    def generate(self, prompt):
        self.prompts.append(prompt)
        return self.outputs.pop(0)


scorer.openai_agent = ScriptedAgent(VERDICTS)
fact_scorer_module.random.choice = lambda seq: seq[0]
decisions = scorer.get_score([f" fact {i} " for i in range(len(VERDICTS))], "Some context.")

vectors = {
    "atomic_instructions": atomic.get_instructions(),
    "verification_instructions": verification_instructions,
    "verification_prompt": scorer.openai_agent.prompts[0],
    "gpt_output_to_sentences": [[text, atomic.gpt_output_to_sentences(text)] for text in GPT_OUTPUTS],
    "detect_initials": [[text, atomic.detect_initials(text)] for text in ["J. K. Rowling and J.R. Tolkien met A.B. in 1990.", "No initials."]],
    "fix_sentence_splitter": [[sentences, initials, atomic.fix_sentence_splitter(list(sentences), initials)] for sentences, initials in SPLITS],
    "verdicts": [[d["output"], d["is_supported"]] for d in decisions],
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "factscore-lite.json"), "w", encoding="utf-8") as out:
    json.dump(vectors, out, ensure_ascii=False, indent=1)
    out.write("\n")
