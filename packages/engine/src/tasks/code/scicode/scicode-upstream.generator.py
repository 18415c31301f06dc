"""
Writes scicode-upstream.data.ts from a snapshot of scicode-bench/SciCode (SOURCE.md): the two prompt templates, and
for each special step's code file (eval/data/13.6.txt, 62.1.txt, 76.3.txt) what SciCode's get_function_from_code
returns for every function or class it defines (`ast.unparse` of the first node `ast.walk` finds by that name).
That output depends on Python's own unparser, so it is computed here, with Debian's /usr/bin/python3 (3.11), once.

Usage: /usr/bin/python3 scicode-upstream.generator.py <SciCode git dir> <commit>
"""
import ast
import json
import subprocess
import sys

git_dir, commit = sys.argv[1], sys.argv[2]


def show(path):
    return subprocess.run(['git', '--git-dir', git_dir, 'show', f'{commit}:{path}'], check=True, capture_output=True, text=True).stdout


def definitions(source):
    """Every def/class name to its unparsed code, the first one ast.walk meets winning, as SciCode's lookup does."""
    found = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name not in found:
            found[node.name] = ast.unparse(node)
    return found


def ts(value):
    return json.dumps(value, ensure_ascii=False, indent=2)


steps = {step: definitions(show(f'eval/data/{step}.txt')) for step in ('13.6', '62.1', '76.3')}
out = [
    '/**',
    f' * Data from scicode-bench/SciCode at {commit} (Apache-2.0), written by scicode-upstream.generator.py:',
    " * the prompt templates openbench fetches, and the code of the special steps' files as SciCode's",
    ' * get_function_from_code extracts it. Source and licence in SOURCE.md beside this file.',
    ' */',
    '',
    '/** eval/data/multistep_template.txt */',
    f'export const MULTISTEP_TEMPLATE = {ts(show("eval/data/multistep_template.txt"))};',
    '',
    '/** eval/data/background_comment_template.txt */',
    f'export const BACKGROUND_TEMPLATE = {ts(show("eval/data/background_comment_template.txt"))};',
    '',
    '/** eval/data/<step>.txt: each function or class it defines, by name, as `ast.unparse` writes it. */',
    f'export const REFERENCE_STEP_CODE: Readonly<Record<string, Readonly<Record<string, string>>>> = {ts(steps)};',
    '',
]
sys.stdout.write('\n'.join(out))
