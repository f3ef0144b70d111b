#!/bin/sh
# Makes the class-data archive the launcher (src/main/dist/patchbay) starts the gateway with: runs
# one `patchbay update` of a small artifact over plain http, from this jar's own head end to its
# own reference device, all on loopback (offline), with -XX:ArchiveClassesAtExit, so the archive
# holds the classes an update loads (JDK 17 has no automatic archive). Run by the cli module's
# `package` phase; skip it with -Dpatchbay.cds.skip. See BENCHMARKS.md, "HTTP data path".
#
#   cds-training.sh JAVA JAR ARCHIVE
set -eu
java=$1 jar=$2 archive=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/patchbay-cds-XXXXXX")
pids=
cleanup() {
  for pid in $pids; do kill "$pid" 2>/dev/null || true; done
  for pid in $pids; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

# Prints the first http://... URL that LOG shows within 60 s, or fails with the log.
url_in() {
  i=0
  until url=$(grep -Eo 'http://[0-9.:]+' "$1" 2>/dev/null | head -1) && [ -n "$url" ]; do
    i=$((i + 1))
    if [ "$i" -gt 600 ]; then
      echo "cds-training: no URL in $1 after 60 s:" >&2
      cat "$1" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "$url"
}

mkdir -p "$work/www/bin"
head -c 65536 /dev/zero >"$work/www/bin/app"
echo "bin/app 1.0.0" >"$work/versions.txt"
"$java" -jar "$jar" catalog build "$work/www" --versions "$work/versions.txt" >/dev/null
"$java" -jar "$jar" headend --dir "$work/www" >"$work/headend.log" 2>&1 &
pids="$pids $!"
"$java" -jar "$jar" device http --dir "$work/device" --insecure >"$work/device.log" 2>&1 &
pids="$pids $!"
head_end=$(url_in "$work/headend.log")
device=$(url_in "$work/device.log")
rm -f "$archive"
"$java" -XX:ArchiveClassesAtExit="$archive" -Xmx64m -jar "$jar" update \
  --catalog "$head_end/catalog.json" --client "stb=$device/" --allow-unsigned \
  --cache "$work/cache" >"$work/update.log" 2>&1 || {
  echo "cds-training: the training update failed:" >&2
  cat "$work/update.log" >&2
  exit 1
}
[ -s "$archive" ] || { echo "cds-training: no archive written" >&2; cat "$work/update.log" >&2; exit 1; }
echo "cds-training: $(wc -c <"$archive") bytes in $archive"
