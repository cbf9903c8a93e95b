#!/bin/bash
# Instructions per allocation of the whole allocator (`Allocator.allocate`), per strategy, counted by
# callgrind: unlike seconds, the count repeats exactly for the same binary whatever else the machine
# is doing, so two builds compare on any machine. 100,000 allocations (`--quick`) per strategy.
#
#   swift build -c release --scratch-path .build-release --product ironlb-alloc-bench
#   Benchmarks/alloc_instructions.sh [.build-release/release/ironlb-alloc-bench] [strategy ...]
set -euo pipefail
bench=${1:-.build-release/release/ironlb-alloc-bench}
shift || true
strategies=("$@")
[ ${#strategies[@]} -gt 0 ] || strategies=(sequential hash random balanced sticky)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# valgrind cannot read the DWARF of these binaries; the symbol table is enough.
objcopy --strip-debug "$bench" "$work/bench"
echo "| strategy | instructions per allocation (Allocator.allocate, callgrind) |"
echo "|---|---:|"
for strategy in "${strategies[@]}"; do
    valgrind --tool=callgrind --callgrind-out-file="$work/$strategy.out" "$work/bench" --quick --only "$strategy" > "$work/$strategy.log" 2>&1
    callgrind_annotate --inclusive=yes "$work/$strategy.out" > "$work/$strategy.txt"
    total=$(awk '/IronLBCore9AllocatorV8allocate/ {gsub(",", "", $1); print $1; exit}' "$work/$strategy.txt")
    echo "| $strategy | $((total / 100000)) |"
done
