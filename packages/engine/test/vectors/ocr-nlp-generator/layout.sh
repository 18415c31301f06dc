#!/usr/bin/env bash
# Lays out Debian's WordNet 3.0 (wordnet-base) as an NLTK_DATA directory in $1 (corpora/wordnet). Debian ships no
# `lexnames` file, which NLTK's reader opens; it is written here from lexnames(5WN): number, file name, syntactic
# category (3 adjective, 4 adverb, 1 noun, 2 verb), in the man page's order.
set -euo pipefail
dir="$1/corpora/wordnet"
mkdir -p "$dir"
cp /usr/share/wordnet/{index,data}.{noun,verb,adj,adv} /usr/share/wordnet/{noun,verb,adj,adv}.exc "$dir"/
i=0
for name in adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body \
  noun.cognition noun.communication noun.event noun.feeling noun.food noun.group noun.location noun.motive \
  noun.object noun.person noun.phenomenon noun.plant noun.possession noun.process noun.quantity noun.relation \
  noun.shape noun.state noun.substance noun.time verb.body verb.change verb.cognition verb.communication \
  verb.competition verb.consumption verb.contact verb.creation verb.emotion verb.motion verb.perception \
  verb.possession verb.social verb.stative verb.weather adj.ppl; do
  case "$name" in adj.*) cat=3 ;; adv.*) cat=4 ;; noun.*) cat=1 ;; verb.*) cat=2 ;; esac
  printf '%02d\t%s\t%d\n' "$i" "$name" "$cat"
  i=$((i + 1))
done > "$dir/lexnames"
