"""Reference environment for IFBench verdicts: Debian python3-nltk 3.8 with the data described in
packages/engine/test/vectors/README.md ("IFBench"). Import this before openbench.ifbench."""
import os, re, sys, random, collections
HERE = os.getcwd()  # the work directory layout.sh prepares
sys.path.insert(0, os.path.join(HERE, 'pkgs'))
os.environ['NLTK_DATA'] = os.path.join(HERE, 'nltk_data')
import nltk
nltk.data.path.insert(0, os.path.join(HERE, 'nltk_data'))
nltk.download = lambda *a, **k: True  # offline: every resource is already in NLTK_DATA
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

PUNKT_TS = os.environ['PUNKT_TS']
src = open(PUNKT_TS, encoding='utf8').read()
def block(name):
    m = re.search(r'export const ' + name + r' = `(.*?)`;', src, re.S)
    return m.group(1).replace('\\t', '\t').split('\n')
params = PunktParameters()
params.abbrev_types = set(block('PUNKT_ENGLISH_ABBREV_TYPES'))
params.collocations = set(tuple(line.split('\t')) for line in block('PUNKT_ENGLISH_COLLOCATIONS'))
params.sent_starters = set(block('PUNKT_ENGLISH_SENT_STARTERS'))
_punkt = PunktSentenceTokenizer()
_punkt._params = params
import nltk.tokenize as _tok
_orig_load = _tok.load
def _load(resource, *a, **k):
    if resource == 'tokenizers/punkt/english.pickle':
        return _punkt
    return _orig_load(resource, *a, **k)
_tok.load = _load
# IFBench's repeat:repeat_span row with n_start 0 re-draws n_start with random.randint(0, ...) (`if not n_start`);
# the lower bound is the dataset's own 0, so the reference pins every draw to its lower bound.
random.randint = lambda a, b: a
