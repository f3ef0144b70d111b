#!/usr/bin/env bash
# TFTP benchmark (issue 16): our TftpClient and TftpServer against tftpd-hpa and curl on loopback,
# a random file (64 MiB) at blksize 1468 and 65464 in lockstep, and our client from our server with
# windowsize 16 at blksize 1428. The trials alternate a round at a time (reversed every other
# round), every copy is checked by its SHA-256, and it prints each run, the medians and the ratios
# against the issue's targets, with the load average. Our side is timed inside the JVM after
# untimed warm-up transfers (a gateway is long-running); curl as a whole process. See
# BENCHMARKS.md, "TFTP (issue 16)".
#
#   benchmarks/tftp.sh [--size 64m] [--runs 5] [--warmups 2] [--blksize 1468,65464] [--window 16]
#                      [--dir DIR] [--keep] [--jfr FILE] [--only TEXT]
#   benchmarks/tftp.sh --smoke        # a 150,000-byte file, one run each: checks, no figures
#
# Needs root (tftpd-hpa's transfers time out silently otherwise), /usr/sbin/in.tftpd (tftpd-hpa)
# and curl; .ci/run installs them. JAVA_OPTS go to the JVM. Exits non-zero if any transfer fails
# or any copy differs.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
jar="$here/target/benchmarks.jar"
[[ -f $jar ]] || { echo "no $jar: ./mvnw -q -DskipTests -pl benchmarks -am package" >&2; exit 1; }
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
# shellcheck disable=SC2086
exec "$java" ${JAVA_OPTS:-} -cp "$jar" io.patchbay.benchmarks.tftp.TftpHarness "$@"
