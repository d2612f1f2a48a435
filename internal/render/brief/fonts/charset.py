#!/usr/bin/python3
"""Print the characters the embedded brief font keeps, one string, to stdout.

GB2312 (all 6,763 hanzi and its symbol rows), printable ASCII, Latin-1,
General Punctuation, CJK Symbols and Punctuation, full-width forms, a few
shapes and arrows, and every character of the regulator's list of bank
names (../shared/data/banks/*.csv) when given as arguments, so that every
bank name renders even where it uses a character outside GB2312.
With --big5 first, also Big5 level 1 (the 5,401 common traditional hanzi);
with --opencc=STCharacters.txt next, also the traditional forms OpenCC gives
for every character kept so far.
"""
import csv
import sys

chars = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
ranges = [
    (0x20, 0x7E),      # ASCII
    (0xA0, 0xFF),      # Latin-1
    (0x2010, 0x2027),  # dashes, quotes, ellipsis
    (0x2030, 0x203B),  # per mille, primes
    (0x2190, 0x2199),  # arrows
    (0x2460, 0x2473),  # circled numbers
    (0x25A0, 0x25CF),  # squares, triangles, circles
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF01, 0xFF5E),  # full-width forms
    (0xFFE0, 0xFFE6),  # full-width signs
]
for a, b in ranges:
    chars.update(chr(c) for c in range(a, b + 1))
chars.update("℃№€™•·∶∼√∞∑∏≈≠≤≥⋯")
chars.update(chr(c) for c in range(0x2160, 0x216C))  # Roman numerals Ⅰ–Ⅻ
args = sys.argv[1:]
if args and args[0] == "--big5":
    args = args[1:]
    for hi in range(0xA4, 0xC7):  # Big5 level 1: 5,401 common hanzi
        for lo in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            try:
                chars.add(bytes([hi, lo]).decode("big5"))
            except UnicodeDecodeError:
                pass
if args and args[0].startswith("--opencc="):
    # OpenCC's STCharacters.txt: simplified → traditional forms. Keep the
    # traditional forms of every simplified character kept so far.
    table, args = args[0][len("--opencc="):], args[1:]
    simplified = set(chars)
    with open(table, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 2 and parts[0] in simplified:
                chars.update(t for t in parts[1].split(" ") if len(t) == 1)
for path in args:
    with open(path, encoding="utf-8") as f:
        for row in csv.reader(f):
            for cell in row:
                chars.update(ch for ch in cell if ord(ch) >= 0x2E80)
sys.stdout.write("".join(sorted(chars)))
