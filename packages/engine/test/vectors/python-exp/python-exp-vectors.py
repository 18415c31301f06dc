"""Writes python-exp.json: [x, math.exp(x)] pairs from CPython (glibc exp), seeded. Run: python3 python-exp-vectors.py > python-exp.json"""
import json, math, random
rng = random.Random(7)
xs = [0.0, -0.0, 1.0, -1.0, 0.5, -0.001, -1e-10, -20.0, -100.0, -700.0, 700.0, 2.5, -2.995732273553991, -1.2039728043259361]
xs += [math.log(v / 100) for v in range(1, 101)]
xs += [rng.uniform(-30, 0) for _ in range(600)] + [rng.uniform(-700, 700) for _ in range(150)] + [rng.uniform(-1e-3, 1e-3) for _ in range(100)]
print(json.dumps([[x, math.exp(x)] for x in xs]))
