#!/usr/bin/env bash
# Rebuilds app/mrz/tessdata/mrz.traineddata, Passage's legacy-engine (oem 0) OCR-B model for MRZ lines, from
# Debian packages only: synthetic MRZ-shaped lines rendered in OCR-B at two sizes and three exposures, boxed by
# tesseract, clustered and combined. Takes a few minutes on one core.
#   apt-get install -y tesseract-ocr fonts-ocr-b     (tested with tesseract 5.3.0, fonts-ocr-b 0.3)
# Usage: scripts/train-mrz-model.sh [output path]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/app/mrz/tessdata/mrz.traineddata}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fonts=/usr/share/fonts/opentype/ocr-b
export FONTCONFIG_FILE="$work/fonts.conf"
cat > "$FONTCONFIG_FILE" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>$fonts</dir><cachedir>$work/fc-cache</cachedir></fontconfig>
CONF

python3 "$root/scripts/mrz-training-text.py" 120 42 > "$work/train.txt"
# Every character many times over, in random order.
python3 -c "
import random; random.seed(7); s='ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<'
for i in range(30): print(''.join(random.sample(s, len(s))))" >> "$work/train.txt"

i=0
for exposure in -1 0 1; do
  for points in 10 12; do
    base="$work/mrz.OCRB.exp$i"
    text2image --text="$work/train.txt" --outputbase="$base" --font='OCR B' --fonts_dir="$fonts" \
      --ptsize="$points" --resolution=300 --exposure="$exposure" --char_spacing=0.1 --leading=40 \
      --xsize=3600 --ysize=2400 --margin=100 --max_pages=0 >/dev/null 2>&1
    tesseract "$base.tif" "$base" --psm 6 nobatch box.train >/dev/null 2>&1
    i=$((i + 1))
  done
done

cd "$work"
echo "OCRB 0 0 1 0 0" > font_properties
unicharset_extractor mrz.OCRB.exp*.box >/dev/null 2>&1
shapeclustering -F font_properties -U unicharset -O mrz.unicharset mrz.OCRB.exp*.tr >/dev/null 2>&1
mftraining -F font_properties -U unicharset -O mrz.unicharset mrz.OCRB.exp*.tr >/dev/null 2>&1
cntraining mrz.OCRB.exp*.tr >/dev/null 2>&1
for part in inttemp pffmtable normproto shapetable; do mv "$part" "mrz.$part"; done
combine_tessdata mrz. >/dev/null 2>&1
cp mrz.traineddata "$out"
ls -l "$out"
