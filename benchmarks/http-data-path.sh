#!/usr/bin/env bash
# HTTP data path benchmark (issue 16): one artifact from a real nginx head end to a real
# HttpDeviceAgent, `patchbay update` against the curl pipeline that does the same work by hand
# (curl GET + sha256sum + curl PUT). Whole processes, a fresh device for every run, the two sides
# alternating so that whatever else loads the machine hits both; prints both medians and the
# ratio (curl / patchbay: 1.00x means as fast as curl, higher is faster), cold and with a warm
# --cache (the transfer only). See BENCHMARKS.md, "HTTP data path".
#
#   benchmarks/http-data-path.sh [--jar cli/target/patchbay] [--before OLD] [--size 256m]
#                                [--runs 5] [--xmx 64m] [--modes cold,warm] [--jfr DIR] [--keep DIR]
#   benchmarks/http-data-path.sh --smoke        # tiny artifact, one run each: checks, no figures
#
# A build (--jar, --before) is either the launcher the cli module builds (cli/target/patchbay, the
# default, which starts the JVM with the build's class-data archive; the JVM options go in
# JAVA_OPTS), run the way a user would, or a bare jar, run with `java -jar`.
# --before OLD adds a third side, an older build, alternating with the other two, for a
# before/after comparison under the same load. Besides wall-clock time, each run's CPU time (user +
# system) of the side's own processes is printed (the gateway JVM; curl and sha256sum), which
# depends less on what else runs on the machine; the device's is the same work on every side and
# not counted.
#
# Every run is checked: the device must hold the artifact with the catalog's SHA-256 afterwards,
# so neither side can win by doing less. Exits non-zero if any run fails.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
jar="$here/../cli/target/patchbay"
before_jar=
size=256m
runs=5
xmx=64m
modes=cold,warm
jfr=
keep=
smoke=false

while (($#)); do
  case "$1" in
    --jar) jar=$2; shift 2 ;;
    --before) before_jar=$(realpath "$2"); shift 2 ;;
    --size) size=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --xmx) xmx=$2; shift 2 ;;
    --modes) modes=$2; shift 2 ;;
    --jfr) jfr=$(realpath -m "$2"); shift 2 ;;
    --keep) keep=$(realpath -m "$2"); shift 2 ;;
    --smoke) smoke=true; size=64k; runs=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

java=${JAVA_HOME:+$JAVA_HOME/bin/}java
nginx_binary=$(command -v nginx || echo /usr/sbin/nginx)
for tool in curl sha256sum base64 openssl numfmt "$nginx_binary"; do
  command -v "$tool" >/dev/null || { echo "missing $tool (nginx, curl, openssl: see .ci/run)" >&2; exit 1; }
done
[[ -f $jar ]] || { echo "no $jar: ./mvnw -q -DskipTests -pl cli -am package" >&2; exit 1; }
jar=$(realpath "$jar")

# Runs BUILD (a launcher, or a jar) with the JVM options in the array jvm, then the arguments.
# With run_as=exec it replaces the (background) shell it runs in, so that $! is the JVM's PID and
# killing it stops the JVM, not only a subshell.
jvm=()
patchbay() {
  local build=$1
  shift
  if [[ $build == *.jar ]]; then
    ${run_as:-} "$java" "${jvm[@]}" -jar "$build" "$@"
  else
    JAVA_OPTS="${jvm[*]}" ${run_as:-} "$build" "$@"
  fi
}

work=${keep:-$(mktemp -d /tmp/patchbay-http-bench-XXXXXX)}
mkdir -p "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [[ -n $keep ]] || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

now_ns() { date +%s%N; }

# Waits (up to 20 s) until FILE holds a line matching REGEX; prints the first match.
await_line() {
  local file=$1 regex=$2 deadline=$(($(date +%s) + 20))
  until grep -Eo "$regex" "$file" 2>/dev/null | head -1 | grep .; do
    if (($(date +%s) > deadline)); then
      echo "timed out waiting for $regex in $file:" >&2
      cat "$file" >&2
      return 1
    fi
    sleep 0.05
  done
}

# A loopback port nothing listens on (nginx, started on it next, fails loudly if one raced us).
free_port() {
  local port
  while port=$((20000 + RANDOM % 40000)); (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do :; done
  echo "$port"
}

# --- the head end: a catalog of one artifact, served by nginx ---------------------------------
head_end=$work/head-end
mkdir -p "$head_end/www/bin" "$head_end/tmp"
artifact=$head_end/www/bin/app
head -c "$(numfmt --from=iec "${size^^}")" /dev/urandom >"$artifact"
bytes=$(stat -c %s "$artifact")
sha_hex=$(sha256sum "$artifact" | cut -d' ' -f1)
sha_b64=$(openssl dgst -sha256 -binary "$artifact" | base64 -w0)
echo "bin/app 2.0.0" >"$work/versions.txt"
patchbay "$jar" catalog build "$head_end/www" --versions "$work/versions.txt" >/dev/null

port=$(free_port)
user_line=$([[ $(id -u) == 0 ]] && echo "user root;" || true)
cat >"$head_end/nginx.conf" <<EOF
daemon off;
$user_line
worker_processes 1;
pid $head_end/nginx.pid;
error_log $head_end/error.log;
events { worker_connections 64; }
http {
  access_log off;
  sendfile on;
  client_body_temp_path $head_end/tmp/body;
  proxy_temp_path $head_end/tmp/proxy;
  fastcgi_temp_path $head_end/tmp/fastcgi;
  uwsgi_temp_path $head_end/tmp/uwsgi;
  scgi_temp_path $head_end/tmp/scgi;
  types { application/json json; }
  default_type application/octet-stream;
  server { listen 127.0.0.1:$port; root $head_end/www; }
}
EOF
"$nginx_binary" -p "$head_end" -c "$head_end/nginx.conf" >"$head_end/stdout.log" 2>&1 &
pids+=($!)
deadline=$(($(date +%s) + 20))
until curl -sf -o /dev/null "http://127.0.0.1:$port/catalog.json"; do
  (($(date +%s) <= deadline)) || { echo "nginx did not start" >&2; cat "$head_end"/*.log >&2; exit 1; }
  sleep 0.05
done
catalog=http://127.0.0.1:$port/catalog.json
artifact_url=http://127.0.0.1:$port/bin/app

# --- one device per run ----------------------------------------------------------------------
device_pid=
device_url=
start_device() {
  local dir=$1 log=$1.log jvm=()
  [[ -z $jfr ]] || jvm=("-XX:StartFlightRecording=filename=$jfr/device-$(basename "$dir").jfr,settings=profile")
  run_as=exec patchbay "$jar" device http --dir "$dir" --insecure >"$log" 2>&1 &
  device_pid=$!
  pids+=("$device_pid")
  device_url=$(await_line "$log" 'at http://[0-9.:]+' | cut -c4-)/
}
stop_device() {
  kill "$device_pid"
  wait "$device_pid" 2>/dev/null || true
}
check_device_holds_artifact() {
  local got
  got=$(sha256sum "$1/bin/app" | cut -d' ' -f1)
  [[ $got == "$sha_hex" ]] || { echo "device $1 holds a wrong bin/app: $got" >&2; exit 1; }
}

# --- the two sides ---------------------------------------------------------------------------
run_patchbay() { # JAR DEVICE_URL LOG [--cache DIR]
  local build=$1 url=$2 log=$3 jvm=("-Xmx$xmx")
  shift 3
  [[ -z $jfr ]] || jvm+=("-XX:StartFlightRecording=filename=$jfr/gateway-$run_id.jfr,settings=profile")
  patchbay "$build" update --catalog "$catalog" --client "stb=$url" \
    --allow-unsigned "$@" >"$log" 2>&1 || { echo "patchbay update failed:" >&2; cat "$log" >&2; exit 1; }
}
curl_put() { # FILE DEVICE_URL
  curl -sS -f -o /dev/null -T "$1" -H "Content-Type: application/octet-stream" \
    -H "Patchbay-Version: 2.0.0" -H "Repr-Digest: sha-256=:$sha_b64:" "$2patchbay/v1/files/bin/app"
}
run_curl_cold() { # DEVICE_URL
  local file=$work/curl-download
  rm -f "$file"
  curl -sS -f -o "$file" "$artifact_url"
  echo "$sha_hex  $file" | sha256sum -c --quiet
  curl_put "$file" "$1"
}
run_curl_warm() { # DEVICE_URL; the copy kept by the cold pipeline, checked again as the cache does
  local file=$work/curl-cache
  echo "$sha_hex  $file" | sha256sum -c --quiet
  curl_put "$file" "$1"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
seconds() { awk -v ns="$1" 'BEGIN {printf "%.2f", ns / 1e9}'; }

# Sets cpu_ms to the CPU time (user + system) of the children this shell has reaped so far: the
# measured commands, as devices are reaped only after a run's clock stops. `times` must run in this
# shell, not in a command substitution's fork, whose counts start at zero.
children_cpu() {
  times >"$work/times"
  cpu_ms=$(tail -1 "$work/times" | tr 'ms' '  ' |
    awk '{printf "%d", ($1 * 60 + $2 + $3 * 60 + $4) * 1000}')
}

declare -A times cpu
run_id=0
measure() { # SIDE MODE
  local side=$1 mode=$2 dir t0 t1 c0 c1
  run_id=$((run_id + 1))
  dir=$work/device-$run_id
  start_device "$dir"
  children_cpu
  c0=$cpu_ms
  t0=$(now_ns)
  case "$side/$mode" in
    patchbay/cold) run_patchbay "$jar" "$device_url" "$dir.update.log" ;;
    patchbay/warm) run_patchbay "$jar" "$device_url" "$dir.update.log" --cache "$work/cache" ;;
    before/cold) run_patchbay "$before_jar" "$device_url" "$dir.update.log" ;;
    before/warm) run_patchbay "$before_jar" "$device_url" "$dir.update.log" --cache "$work/cache" ;;
    curl/cold) run_curl_cold "$device_url" ;;
    curl/warm) run_curl_warm "$device_url" ;;
  esac
  t1=$(now_ns)
  children_cpu
  c1=$cpu_ms
  stop_device
  check_device_holds_artifact "$dir"
  rm -rf "$dir"
  times[$side/$mode]+="$((t1 - t0)) "
  cpu[$side/$mode]+="$((c1 - c0)) "
  printf '  %-8s %-4s run %d: %s s, cpu %s s\n' "$side" "$mode" "$run_id" "$(seconds $((t1 - t0)))" \
    "$(seconds $(((c1 - c0) * 1000000)))"
}
sides=(patchbay)
[[ -z $before_jar ]] || sides+=(before)
sides+=(curl)

startup=()
jvm=("-Xmx$xmx")
for _ in $(seq "$runs"); do
  t0=$(now_ns)
  patchbay "$jar" --version >/dev/null
  startup+=($(($(now_ns) - t0)))
done
jvm=()

echo "artifact: $bytes bytes; $runs runs per side, alternating; gateway in -Xmx$xmx; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in ${modes//,/ }; do
  if [[ $mode == warm ]]; then
    # Fill both caches once, untimed: the gateway's --cache and the curl pipeline's kept copy.
    start_device "$work/device-warmup"
    run_patchbay "$jar" "$device_url" "$work/warmup.log" --cache "$work/cache"
    stop_device
    rm -rf "$work/device-warmup"
    curl -sS -f -o "$work/curl-cache" "$artifact_url"
  fi
  for _ in $(seq "$runs"); do
    for side in "${sides[@]}"; do measure "$side" "$mode"; done
  done
done

median_of() { tr ' ' '\n' <<<"$1" | grep . | median; }
ratio() { awk -v p="$1" -v c="$2" 'BEGIN {printf "%.2f", c / p}'; }

echo
echo "medians; ratio = curl / side (1.00x: as fast as the curl pipeline)"
printf '%-6s %-8s %10s %10s %7s %10s %10s\n' mode side wall_s curl_s ratio cpu_s curl_cpu_s
for mode in ${modes//,/ }; do
  c=$(median_of "${times[curl/$mode]}")
  cc=$(median_of "${cpu[curl/$mode]}")
  for side in "${sides[@]}"; do
    [[ $side != curl ]] || continue
    p=$(median_of "${times[$side/$mode]}")
    pc=$(median_of "${cpu[$side/$mode]}")
    printf '%-6s %-8s %10s %10s %6sx %10s %10s\n' "$mode" "$side" "$(seconds "$p")" \
      "$(seconds "$c")" "$(ratio "$p" "$c")" "$(seconds $((pc * 1000000)))" \
      "$(seconds $((cc * 1000000)))"
  done
done
echo "$(basename "$jar") --version alone (JVM start-up): $(seconds "$(printf '%s\n' "${startup[@]}" | median)") s median"
if $smoke; then
  echo "smoke: every run delivered the artifact intact"
fi
