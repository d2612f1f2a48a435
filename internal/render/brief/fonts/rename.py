#!/usr/bin/python3
"""Rename a subset font so that it carries none of the Reserved Font Names
("霞鹜", "LXGW") of the original, as the SIL OFL 1.1 asks of Modified
Versions: rename.py IN.ttf OUT.ttf FAMILY STYLE."""
import sys
from fontTools.ttLib import TTFont

src, dst, family, style = sys.argv[1:5]
font = TTFont(src)
name = font["name"]
ps = family.replace(" ", "") + "-" + style
new = {1: family, 2: style, 3: ps + ":subset", 4: family + " " + style, 6: ps,
       16: family, 17: style}
name.names = [n for n in name.names if n.nameID not in new]
for nid, s in new.items():
    name.setName(s, nid, 3, 1, 0x409)
    name.setName(s, nid, 1, 0, 0)
font.save(dst)
