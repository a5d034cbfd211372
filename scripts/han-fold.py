#!/usr/bin/env python3
"""Makes src/search/opencc/han_fold.txt, the traditional → simplified character folding of search,
from OpenCC's dictionaries (https://github.com/BYVoid/OpenCC, Apache-2.0):

    python3 scripts/han-fold.py OPENCC_CHECKOUT > src/search/opencc/han_fold.txt

* TSCharacters.txt: traditional character → simplified (first candidate when it lists several);
* TWVariants.txt and HKVariants.txt, read backwards: a Taiwan or Hong Kong variant form → the standard
  traditional character, then → simplified, so that 啟 and 裡 fold like 啓 and 裏.

Output: one line per character that changes, `from to` (two characters, no space), sorted by code
point. Only one-character to one-character mappings are kept (all of TSCharacters is).
"""
import sys, os

root = sys.argv[1]
def read(name):
    out = []
    with open(os.path.join(root, 'data', 'dictionary', name), encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or '\t' not in line:
                continue
            k, v = line.rstrip('\n').split('\t', 1)
            out.append((k, v.split(' ')))
    return out

ts = {}
for k, vs in read('TSCharacters.txt'):
    if len(k) == 1 and len(vs[0]) == 1:
        ts.setdefault(k, vs[0])
fold = {k: v for k, v in ts.items() if k != v}
for name in ('TWVariants.txt', 'HKVariants.txt'):
    for std, vs in read(name):
        if len(std) != 1:
            continue
        for var in vs:
            if len(var) == 1 and var != std and var not in fold:
                target = ts.get(std, std)
                if target != var:
                    fold[var] = target
# Fold to a fixed point, so that folding twice changes nothing.
for k in list(fold):
    v = fold[k]
    while v in fold and fold[v] != v:
        v = fold[v]
    fold[k] = v
for k in sorted(fold, key=ord):
    if fold[k] != k:
        print(k + fold[k])
