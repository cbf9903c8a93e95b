#!/usr/bin/env bash
# Builds the BGPWire libFuzzer target and, with arguments, runs it.
#
#   Fuzz/run.sh                      build only
#   Fuzz/run.sh -max_total_time=60   build, then fuzz 60 s into Fuzz/corpus, starting from Fuzz/seeds
#
# BGPWire and its dependencies are built by SwiftPM with coverage instrumentation and ASan
# in their own scratch path; Fuzz/BGPWireFuzz/main.swift (not a SwiftPM target) is then
# compiled and linked against those objects with the module maps SwiftPM used.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$root/.build-fuzz"
cd "$root"

swift build --target BGPWire --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address

debug="$scratch/debug"
# The include paths, module maps and package name SwiftPM passed when compiling BGPWire.
mapfile -t flags < <(python3 - "$scratch/debug.yaml" <<'PY'
import json, sys
text = open(sys.argv[1]).read()
start = text.index('args: ', text.index('"C.BGPWire-'))
args = json.loads(text[start + 6:text.index('\n', start)])
for i, arg in enumerate(args[:-1]):
    if arg in ('-Xcc', '-I', '-package-name'):
        print(arg)
        print(args[i + 1])
PY
)
# Some object files have spaces in their names.
mapfile -d '' -t objects < <(find "$debug/" -path '*.build/*.o' -print0)
swiftc -parse-as-library -sanitize=fuzzer,address -g -I "$debug/Modules" "${flags[@]}" \
    Fuzz/BGPWireFuzz/main.swift "${objects[@]}" -o "$debug/bgpwire-fuzz"
echo "built $debug/bgpwire-fuzz"

if [ "$#" -gt 0 ]; then
    mkdir -p "$root/Fuzz/corpus"
    "$debug/bgpwire-fuzz" "$@" "$root/Fuzz/corpus" "$root/Fuzz/seeds"
fi
