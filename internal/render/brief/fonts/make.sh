#!/bin/sh
# Rebuilds the embedded brief fonts from LXGW WenKai (SIL OFL 1.1) as packaged
# by Debian (apt-get install fonts-lxgw-wenkai python3-fonttools).
# Run from this folder: sh make.sh
set -eu
SRC=${SRC:-/usr/share/fonts/truetype/lxgw-wenkai}
BANKS=${BANKS:-../../../../../shared/data/banks/nfra-2025-12-31.csv}
PY=${PY:-/usr/bin/python3}
# OpenCC's simplified → traditional character table (Apache-2.0), from the
# npm package: npm pack opencc@1.4.2 && tar xzf opencc-1.4.2.tgz
ST=${ST:-/tmp/occ/package/data/dictionary/STCharacters.txt}
# Regular: GB2312 + Big5 level 1 + the traditional forms of GB2312's hanzi
# (for articles written in traditional characters) + punctuation, symbols.
$PY charset.py --big5 --opencc="$ST" "$BANKS" > /tmp/bbkai-regular.txt
# Bold (titles, headings, figures, bank names): GB2312 + symbols only.
$PY charset.py "$BANKS" > /tmp/bbkai-bold.txt
for w in Regular Bold; do
  lw=$(echo $w | tr A-Z a-z)
  $PY -m fontTools.subset "$SRC/LXGWWenKai-$w.ttf" --text-file=/tmp/bbkai-$lw.txt \
    --output-file=/tmp/bbkai-$lw.ttf --layout-features='' --no-hinting \
    --notdef-outline --drop-tables+=vhea,vmtx,BASE,GDEF,GSUB,GPOS
  $PY rename.py /tmp/bbkai-$lw.ttf BriefKai-$w.ttf "Brief Kai" $w
done
ls -l BriefKai-*.ttf
