"""Writes the IFBench verdict vectors (see packages/engine/test/vectors/README.md, "IFBench")."""
import asyncio, json, string, sys
import refenv  # noqa: F401  (reference data and tokenizer setup)
import nltk, syllapy, emoji
from openbench.scorers.ifbench import ifbench_scorer
from openbench.datasets.ifbench import _clean_kwargs

OUT = sys.argv[1]
rows = [json.loads(l) for l in open(sys.argv[2], encoding='utf8')]
samples = [json.loads(l) for l in open(sys.argv[3], encoding='utf8')]
bank = json.load(open(sys.argv[4], encoding='utf8'))
by_prompt = {r['prompt']: r for r in rows}
score_fn = ifbench_scorer()

class Obj:
    def __init__(self, **kw): self.__dict__.update(kw)

def verdict(row, response):
    meta = {'instruction_id_list': row['instruction_id_list'], 'kwargs': [_clean_kwargs(k) for k in row['kwargs']]}
    state = Obj(metadata=meta, output=Obj(completion=response), input_text=row['prompt'], input=row['prompt'])
    try:
        s = asyncio.run(score_fn(state, None))
    except Exception as e:  # the sample errors upstream
        return {'error': type(e).__name__}
    return {'strict': s.metadata['strict_follow_instruction_list'], 'loose': s.metadata['loose_follow_instruction_list']}

# Real model outputs that ship with IFBench, kept when no longer than 3000 characters.
real = [s for s in samples if s['prompt'] in by_prompt and len(s['response']) <= 3000]
real_out = []
with open(f'{OUT}/ifbench-verdicts.jsonl', 'w', encoding='utf8') as f:
    for i, s in enumerate(real):
        row = by_prompt[s['prompt']]
        real_out.append({'key': row['key'], 'response': s['response']})
        f.write(json.dumps({'key': row['key'], 'response': f'sample:{i}', **verdict(row, s['response'])}) + '\n')
    first = {}
    for row in rows:
        for iid in row['instruction_id_list']:
            first.setdefault(iid, row)
    for iid in sorted(first):
        for j, response in enumerate(bank):
            f.write(json.dumps({'key': first[iid]['key'], 'response': f'bank:{j}', **verdict(first[iid], response)}) + '\n')
    for i, row in enumerate(rows):
        for j in (i * 5 % len(bank), (i * 11 + 3) % len(bank)):
            f.write(json.dumps({'key': row['key'], 'response': f'bank:{j}', **verdict(row, bank[j])}) + '\n')
json.dump(real_out, open(f'{OUT}/ifbench-sample-responses.json', 'w', encoding='utf8'), ensure_ascii=False, indent=0)

# The NLP pieces on every response: word_tokenize, the first token's tag, syllapy per word.
with open(f'{OUT}/ifbench-nlp.jsonl', 'w', encoding='utf8') as f:
    texts = [('bank', j, t) for j, t in enumerate(bank)] + [('sample', i, s['response']) for i, s in enumerate(real_out)]
    for kind, i, text in texts:
        words = nltk.word_tokenize(text)
        tag = nltk.pos_tag(words)[0][1] if words else None
        plain = text.translate(str.maketrans('', '', string.punctuation)).lower().split()
        f.write(json.dumps({'response': f'{kind}:{i}', 'first_tag': tag, 'syllables': [syllapy.count(w) for w in plain]}, ensure_ascii=False) + '\n')
print(len(real_out))
