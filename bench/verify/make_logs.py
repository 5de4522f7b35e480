#!/usr/bin/python3
"""Log-like corpus for ../shared/perf: every token of corpus/tokens.jwt repeated N times (default 10), shuffled.

usage: make_logs.py CORPUS_DIR [-n 10] [--seed 20240611]
writes CORPUS_DIR/logs.jwt and CORPUS_DIR/logs_broken_lines.txt (1-based lines of the broken tokens' copies),
deterministic for a given corpus and seed.
"""
import argparse
import os
import random

ap = argparse.ArgumentParser()
ap.add_argument("corpus")
ap.add_argument("-n", type=int, default=10)
ap.add_argument("--seed", type=int, default=20240611)
args = ap.parse_args()
with open(os.path.join(args.corpus, "tokens.jwt")) as f:
    tokens = f.read().split("\n")[:-1]
with open(os.path.join(args.corpus, "broken_lines.txt")) as f:
    broken = {int(x) for x in f.read().split()}
lines = []
for i, t in enumerate(tokens, 1):
    lines += [(t, i in broken)] * args.n
random.Random(args.seed).shuffle(lines)
with open(os.path.join(args.corpus, "logs.jwt"), "w") as f:
    f.writelines(t + "\n" for t, _ in lines)
with open(os.path.join(args.corpus, "logs_broken_lines.txt"), "w") as f:
    f.writelines(f"{n}\n" for n, (_, b) in enumerate(lines, 1) if b)
print(f"wrote {len(lines)} lines ({len(tokens)} tokens x {args.n}, {sum(b for _, b in lines)} broken) to {args.corpus}/logs.jwt")
