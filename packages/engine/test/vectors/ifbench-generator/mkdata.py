"""Writes the engine's IFBench data files from the upstream snapshots (see scorers/nlp/SOURCE.md)."""
import json, pickle, sys, os
sys.path.insert(0, os.path.join(os.getcwd(), 'pkgs'))  # run from the directory refenv.py lays out
OUT = sys.argv[1]
def tsstr(s):
    return '`' + s.replace('\\', '\\\\').replace('`', '\\`').replace('${', '\\${') + '`'

w, td, cl = pickle.load(open('nltk_data/taggers/averaged_perceptron_tagger/averaged_perceptron_tagger.pickle', 'rb'), encoding='latin1')
# Features that can fire for the first token of a sentence (prev tags -START-/-START2-, context words before it fixed).
fixed = {"bias", "i-1 tag -START-", "i-2 tag -START2-", "i tag+i-2 tag -START- -START2-", "i-1 word -START2-", "i-1 suffix T2-", "i-2 word -START-"}
pref = ("i suffix ", "i pref1 ", "i word ", "i+1 word ", "i+1 suffix ", "i+2 word ", "i-1 tag+i word -START- ")
weights = '\n'.join(k + '\t' + ' '.join(f'{l} {x!r}' for l, x in v.items()) for k, v in w.items() if k in fixed or k.startswith(pref))
tagdict = '\n'.join(f'{k}\t{v}' for k, v in td.items())
assert all('\t' not in k and '\n' not in k for k in list(w) + list(td))
with open(f'{OUT}/perceptron-tagger-english.data.ts', 'w', encoding='utf8') as f:
    f.write('/**\n * NLTK\'s English averaged perceptron tagger (nltk_data `taggers/averaged_perceptron_tagger`, the model\n'
            ' * `averaged_perceptron_tagger_eng` re-publishes as JSON): its tag dictionary whole, its classes, and the weights of\n'
            ' * every feature that can fire on the first token of a sentence, in the model\'s own order. Source, pruning and\n'
            ' * licence in packages/engine/src/scorers/nlp/SOURCE.md.\n */\n\n')
    f.write('/** The tag classes. */\nexport const PERCEPTRON_CLASSES: readonly string[] = ' + json.dumps(sorted(cl)) + ';\n\n')
    f.write('/** `tagdict`: one `word<TAB>tag` per line. */\nexport const PERCEPTRON_TAGDICT = ' + tsstr(tagdict) + ';\n\n')
    f.write('/** `weights`: `feature<TAB>label weight label weight …` per line, labels and features in the model\'s order. */\n')
    f.write('export const PERCEPTRON_WEIGHTS = ' + tsstr(weights) + ';\n')

csv = open('pkgs/syllapy/data.csv', encoding='utf8').read().rstrip('\n')
with open(f'{OUT}/syllapy-words.data.ts', 'w', encoding='utf8') as f:
    f.write('/**\n * syllapy 0.7.2\'s dictionary (`syllapy/data.csv`: `word,syllables` per line), verbatim. Source and licence in\n'
            ' * packages/engine/src/scorers/nlp/SOURCE.md.\n */\nexport const SYLLAPY_WORDS = ' + tsstr(csv) + ';\n')

from emoji import EMOJI_DATA
single = sorted(ord(k) for k in EMOJI_DATA if len(k) == 1)
with open(f'{OUT}/emoji-characters.data.ts', 'w', encoding='utf8') as f:
    f.write('/**\n * The one-code-point keys of emoji 2.14.1\'s `EMOJI_DATA` (what `emoji.is_emoji(char)` accepts for a single\n'
            ' * character), as hexadecimal code points. Source and licence in packages/engine/src/scorers/nlp/SOURCE.md.\n */\n'
            'export const EMOJI_CODE_POINTS = ' + tsstr(' '.join(f'{c:x}' for c in single)) + ';\n')

words = open('nltk_data/corpora/stopwords/english', encoding='utf8').read().split('\n')
words = [x for x in words if x]
with open(f'{OUT}/stopwords-english.data.ts', 'w', encoding='utf8') as f:
    f.write('/**\n * NLTK\'s English stop words (nltk_data `corpora/stopwords/english`), verbatim. Source and licence in\n'
            ' * packages/engine/src/scorers/nlp/SOURCE.md.\n */\nexport const STOPWORDS_ENGLISH: readonly string[] = ' + json.dumps(words) + ';\n')
