#!/bin/sh
# Draws images/icon.png (128x128, the Marketplace icon): a spec page with a lightning bolt, meaning
# "a spec becomes a backend". Needs ImageMagick (apt-get install imagemagick). Run from vscode-extension/.
set -eu
convert -size 128x128 xc:none \
  -fill '#1f6feb' -draw 'roundrectangle 4,4 123,123 22,22' \
  -fill '#ffffff' -draw 'roundrectangle 28,20 84,100 6,6' \
  -fill '#1f6feb' -draw 'rectangle 38,34 74,39' -draw 'rectangle 38,48 66,53' -draw 'rectangle 38,62 70,67' -draw 'rectangle 38,76 60,81' \
  -fill '#ffd33d' -stroke '#0d419d' -strokewidth 3 \
  -draw 'polygon 90,44 70,80 86,80 78,110 106,68 90,68 100,44' \
  -strip images/icon.png
