#!/bin/sh
# Makes the PLACEHOLDER voice clips under public/voice/ with Debian's espeak-ng (Mandarin, cmn)
# and sox, encoded as mono Ogg/Opus. Run once; the output is committed. A person should record
# proper clips with the same names (see public/voice/README.md).
# Needs: apt-get install espeak-ng sox libsox-fmt-all opus-tools
set -eu
out="$(cd "$(dirname "$0")/.." && pwd)/public/voice"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

# say NAME TEXT: one clip, leading/trailing silence trimmed so clips join tightly.
say() {
  espeak-ng -v cmn -s 150 -w "$tmp/$1.raw.wav" "$2"
  sox "$tmp/$1.raw.wav" -r 24000 -c 1 -b 16 "$tmp/$1.wav" silence 1 0.02 1% reverse silence 1 0.02 1% reverse norm -3
  opusenc --quiet --bitrate 20 --comp 10 "$tmp/$1.wav" "$out/$1.opus"
}

for d in 0 1 2 3 4 5 6 7 8 9; do
  set -- 零 一 二 三 四 五 六 七 八 九
  shift "$d"
  say "digit-$d" "$1"
done
for l in A B C D E F G H I J K L M N O P Q R S T U V W X Y Z; do say "letter-$l" "$l"; done
say qing 请
say hao 号
say dao 到
say hao-chuangkou 号窗口
say banli 办理
say shi 十
say bai 百

# The chime: two soft bell tones (E6 then C6) with a decaying tail.
sox -n -r 24000 -c 1 "$tmp/c1.wav" synth 0.45 sine 1318.5 fade q 0.005 0.45 0.4 vol 0.5
sox -n -r 24000 -c 1 "$tmp/c2.wav" synth 0.7 sine 1046.5 fade q 0.005 0.7 0.65 vol 0.5
sox "$tmp/c1.wav" "$tmp/c2.wav" -b 16 "$tmp/chime.wav" norm -6
opusenc --quiet --bitrate 24 --comp 10 "$tmp/chime.wav" "$out/chime.opus"
