#!/usr/bin/env bash
# Makes the board's spoken-call clips in resources/audio/id/ (see resources/audio/README.md).
# Run at development time only, and commit the result: the app ships the clips and never
# synthesises speech. Needs espeak-ng (Debian: apt-get install -y espeak-ng) and Node.
#
#   scripts/make-clips.sh            # writes every clip again
#
# Speech: espeak-ng's Indonesian voice (-v id) at 140 words a minute, as 16 kHz mono 16-bit WAV:
# trimmed, levelled and resampled by scripts/wav-clips.js, which also synthesises the chime.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v espeak-ng >/dev/null || {
  echo 'make-clips: espeak-ng is not installed (apt-get install -y espeak-ng)' >&2
  exit 1
}
out=resources/audio/id
mkdir -p "$out"

say() { # say NAME TEXT
  espeak-ng -v id -s 140 -w "$out/$1.wav" "$2"
  node scripts/wav-clips.js trim "$out/$1.wav"
}

node scripts/wav-clips.js chime "$out/chime.wav"
say nomor-antrian 'Nomor antrian'
say silakan-menuju-loket 'silakan menuju loket'

# Letters by their Indonesian names, spelled so the voice says the name, not the sound.
letters=(a be ce de e ef ge ha i je ka el em en o pe ki er es te u fe we eks ye zet)
i=0
for letter in {a..z}; do
  say "letter-$letter" "${letters[$i]}"
  i=$((i + 1))
done

digits=(nol satu dua tiga empat lima enam tujuh delapan sembilan)
for d in {0..9}; do say "digit-$d" "${digits[$d]}"; done

# Counter numbers 1–30: satu … sepuluh, sebelas, dua belas … sembilan belas, dua puluh … tiga puluh.
for n in $(seq 1 30); do
  tens=$((n / 10)) ones=$((n % 10))
  if [ "$n" -lt 10 ]; then words=${digits[$n]}
  elif [ "$n" -eq 10 ]; then words=sepuluh
  elif [ "$n" -eq 11 ]; then words=sebelas
  elif [ "$n" -lt 20 ]; then words="${digits[$ones]} belas"
  elif [ "$ones" -eq 0 ]; then words="${digits[$tens]} puluh"
  else words="${digits[$tens]} puluh ${digits[$ones]}"
  fi
  say "number-$n" "$words"
done

echo "make-clips: $(find "$out" -name '*.wav' | wc -l) clips, $(du -sh "$out" | cut -f1) in $out"
