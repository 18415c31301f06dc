#!/usr/bin/env bash
# layout.sh WORKDIR: lays out the reference environment refenv.py, gen.py and mkdata.py run in (from WORKDIR, with
# this directory on PYTHONPATH), from snapshots of the upstream repositories (bare git mirrors, as the `fetch` tool
# leaves them under /work/.mirror/<owner>+<name>/repo). Needs Debian's python3-nltk (3.8) for /usr/bin/python3.
set -euo pipefail
work=$1
mirror=${MIRROR:-/work/.mirror}
mkdir -p "$work"/nltk_data/corpora "$work"/nltk_data/taggers "$work"/pkgs/openbench/{ifbench,scorers,metrics,datasets} "$work"/pkgs/inspect_ai "$work"/pkgs/datasets "$work"/out
cd "$work"
tmp=$(mktemp -d)
git -C "$mirror/nltk+nltk_data/repo" show 5db857e6f7df11eabb5e5665836db9ec8df07e28:packages/corpora/stopwords.zip > "$tmp/stopwords.zip"
git -C "$mirror/nltk+nltk_data/repo" show 5db857e6f7df11eabb5e5665836db9ec8df07e28:packages/taggers/averaged_perceptron_tagger.zip > "$tmp/tagger.zip"
(cd nltk_data/corpora && unzip -oq "$tmp/stopwords.zip")
(cd nltk_data/taggers && unzip -oq "$tmp/tagger.zip")
ob="$mirror/groq+openbench/repo"
for f in ifbench/__init__.py ifbench/instructions.py ifbench/instructions_registry.py ifbench/instructions_util.py scorers/ifbench.py datasets/ifbench.py; do
  git -C "$ob" show d03922ccbbd9004e802c556ef9c2a40ed870659c:"src/openbench/$f" > "pkgs/openbench/$f"
done
touch pkgs/openbench/__init__.py pkgs/openbench/scorers/__init__.py pkgs/openbench/datasets/__init__.py pkgs/inspect_ai/__init__.py
# Stand-ins for the names openbench's scorer and loader import but the scoring closure never uses.
cat > pkgs/inspect_ai/scorer.py <<'PY'
class Score:
    def __init__(self, value, answer=None, explanation=None, metadata=None):
        self.value, self.answer, self.explanation, self.metadata = value, answer, explanation, metadata
Target = Scorer = object
def scorer(metrics=None):
    return lambda fn: fn
PY
echo 'TaskState = object' > pkgs/inspect_ai/solver.py
echo 'Dataset = MemoryDataset = Sample = object' > pkgs/inspect_ai/dataset.py
echo 'load_dataset = None' > pkgs/datasets/__init__.py
printf 'def ifeval_metrics():\n    return None\n' > pkgs/openbench/metrics/ifeval.py
touch pkgs/openbench/metrics/__init__.py
(cd pkgs && git -C "$mirror/mholtzscher+syllapy/repo" archive v0.7.2 syllapy | tar x)
(cd pkgs && git -C "$mirror/carpedm20+emoji/repo" archive 5c4b9153162f4a11fc339f69cf5c9b8a5182c9c5 emoji | tar x)
rm -rf "$tmp"
