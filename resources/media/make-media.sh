#!/usr/bin/env bash
# Makes the small looping test clips the camera simulator serves (raw Annex-B elementary streams).
# Every clip starts with an IDR carrying its parameter sets and its frame count is a whole number
# of GOPs, so playing it in a loop never shows a broken picture at the seam.
# Usage: bash resources/media/make-media.sh   (needs Debian's ffmpeg with libx264 and libx265)
set -euo pipefail

cd "$(dirname "$0")"
FFMPEG="${FFMPEG:-ffmpeg}"
FPS=25

# h264 <out> <size> <gop seconds> <clip seconds> <bitrate>
h264() {
  local out=$1 size=$2 gop=$(( $3 * FPS )) frames=$(( $4 * FPS )) rate=$5
  "$FFMPEG" -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=${size}:rate=${FPS}" -frames:v "$frames" \
    -c:v libx264 -pix_fmt yuv420p -profile:v baseline -threads 1 \
    -b:v "$rate" -maxrate "$rate" -bufsize "$rate" -bf 0 \
    -g "$gop" -keyint_min "$gop" -sc_threshold 0 \
    -x264-params "keyint=${gop}:min-keyint=${gop}:scenecut=0:open-gop=0:repeat-headers=1" \
    -f h264 "$out"
}

# h265 <out> <size> <gop seconds> <clip seconds> <bitrate>
h265() {
  local out=$1 size=$2 gop=$(( $3 * FPS )) frames=$(( $4 * FPS )) rate=$5
  "$FFMPEG" -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=${size}:rate=${FPS}" -frames:v "$frames" \
    -c:v libx265 -pix_fmt yuv420p -b:v "$rate" \
    -x265-params "log-level=error:pools=1:frame-threads=1:keyint=${gop}:min-keyint=${gop}:scenecut=0:open-gop=0:bframes=0:repeat-headers=1:vbv-maxrate=${rate%k}:vbv-bufsize=${rate%k}" \
    -f hevc "$out"
}

h264 main-720p-gop2.h264 1280x720 2 4 300k
h264 sub-360p-gop2.h264  640x360  2 4 120k
h264 main-720p-gop1.h264 1280x720 1 4 300k
h264 main-720p-gop4.h264 1280x720 4 8 300k
h265 h265-720p.h265      1280x720 2 4 250k

ls -l ./*.h264 ./*.h265
