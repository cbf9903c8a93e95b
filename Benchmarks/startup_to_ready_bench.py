#!/usr/bin/env python3
"""Start-up time of ironlbd to READY=1 with N static services (docs/benchmarks.md).

Generates a configuration with N static IPv6 services in one pool (documentation prefix
2001:db8::/32), starts ironlbd with NOTIFY_SOCKET pointing at a socket of ours, and measures from
spawn to READY=1, and to the first STATUS= line that counts all N services. WATCHDOG_USEC is set
small so that STATUS= is refreshed every few milliseconds.

All runs share one state directory: run 1 starts empty and allocates everything; every later run
starts with the N assignments persisted by the runs before it (the durable allocation store), which
is the case that matters for a restart. Prints one line per run and the medians of runs 2..K.

Usage: Benchmarks/startup_to_ready_bench.py [--binary .build-release/release/ironlbd] [--services 10000] [--runs 5]
"""
import argparse, os, signal, socket, statistics, subprocess, tempfile, time

parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=".build-release/release/ironlbd")
parser.add_argument("--services", type=int, default=10_000)
parser.add_argument("--runs", type=int, default=5)
args = parser.parse_args()

work = tempfile.mkdtemp(prefix="ironlb-bench-")
config = os.path.join(work, "ironlb.yaml")
with open(config, "w") as f:
    f.write("version: 1\nstate-directory: %s\n" % work)
    f.write("pools:\n  - name: bench\n    addresses: [2001:db8:1::/108]\n")
    f.write("announcers:\n  dry-run:\n    log-routes: false\n")
    f.write("advertisements:\n  - name: bench-routes\n    announcer: dry-run\n    pools: [bench]\n")
    f.write("services:\n")
    for i in range(args.services):
        f.write("  - name: svc-%d\n    families: ipv6\n" % i)

ready_times, all_times = [], []
for run in range(args.runs):
    path = os.path.join(work, "notify-%d" % run)
    sink = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sink.bind(path)
    env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC="10000")
    start = time.monotonic()
    child = subprocess.Popen([args.binary, "--config", config, "--log-level", "warning", "--log-target", "stderr"],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ready = everything = None
    sink.settimeout(60)
    while everything is None:
        message = sink.recv(65536).decode()
        now = time.monotonic() - start
        if ready is None and "READY=1" in message:
            ready = now
        if ready is not None and ("STATUS=1 pool, %d services" % args.services) in message:
            everything = now
    child.send_signal(signal.SIGTERM)
    child.wait(timeout=30)
    sink.close()
    ready_times.append(ready * 1000)
    all_times.append(everything * 1000)
    print("run %d (%s): READY=1 after %.0f ms, all %d services allocated after %.0f ms" % (run + 1, "empty state" if run == 0 else "%d persisted" % args.services, ready * 1000, args.services, everything * 1000))
persisted = slice(1, None) if len(ready_times) > 1 else slice(None)
print("median with persisted assignments: READY=1 %.0f ms, all allocated %.0f ms" % (statistics.median(ready_times[persisted]), statistics.median(all_times[persisted])))
