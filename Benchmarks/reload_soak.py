#!/usr/bin/env python3
"""Reload soak: many random valid and invalid edits in a row against the real daemon.

Checks that ironlbd never crashes, that its RSS stays within --rss-tolerance of its start, and that
after the last valid edit the services it reports are exactly those of that configuration, each
with an address from its pool -- what a fresh start on the same file would give. Bounded by
--edits and --max-seconds; kills only the daemon it started. Needs no root (dry-run announcer,
a control socket in a temporary directory).

Usage: Benchmarks/reload_soak.py [--edits 1000] [--ironlbd .build-release/release/ironlbd]
"""
import argparse, ipaddress, json, os, random, shutil, subprocess, sys, tempfile, time


def config(workdir, rng, services):
    size = rng.choice([26, 27, 28])
    lines = [
        "version: 1",
        f"state-directory: {workdir}/state",
        f"control: {{socket: {workdir}/control.sock}}",
        "metrics: {enabled: false}",
        "reload: {debounce: 20ms}",
        "logging: {level: warning}",
        "pools:",
        f"  - {{name: a, addresses: [203.0.113.0/{size}], strategy: {rng.choice(['sequential', 'random', 'hash', 'balanced'])}}}",
        "  - {name: b, addresses: [198.51.100.0/26, 2001:db8:1::/120]}",
        "announcers:",
        "  dry-run: {log-routes: false}",
        "advertisements:",
        "  - {name: ad, announcer: dry-run, pools: [a, b]}",
        "services:",
    ]
    for name, pool in services:
        lines.append(f"  - {{name: {name}, pool: {pool}}}")
    if not services:
        lines.append("  []")
    return "\n".join(lines) + "\n"


def broken(text, rng):
    kind = rng.randrange(4)
    if kind == 0:
        return text + "pools: [\n"                        # syntax error
    if kind == 1:
        return text.replace("strategy:", "stratgey:", 1)  # unknown key
    if kind == 2:
        return text.replace("203.0.113.0/", "203.0.113.1/", 1)  # host bits set
    return text.replace("version: 1", "version: 7")


def ctl(binary_dir, workdir, *args):
    out = subprocess.run([os.path.join(binary_dir, "ironlbctl"), *args, "--socket", f"{workdir}/control.sock"],
                         capture_output=True, text=True, timeout=20)
    return out.returncode, out.stdout


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--max-seconds", type=int, default=900)
    parser.add_argument("--ironlbd", default=".build-release/release/ironlbd")
    parser.add_argument("--rss-tolerance", type=float, default=0.10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    binary_dir = os.path.dirname(os.path.abspath(args.ironlbd))
    workdir = tempfile.mkdtemp(prefix="ironlb-soak-")
    path = os.path.join(workdir, "ironlb.yaml")
    names = [f"s{i}" for i in range(40)]
    current = [(n, rng.choice("ab")) for n in rng.sample(names, 10)]
    last_valid = config(workdir, rng, current)
    with open(path, "w") as f:
        f.write(last_valid)
    daemon = subprocess.Popen([os.path.abspath(args.ironlbd), "--config", path], stdout=subprocess.DEVNULL,
                              stderr=open(os.path.join(workdir, "ironlbd.log"), "w"))
    deadline = time.monotonic() + args.max_seconds
    try:
        while ctl(binary_dir, workdir, "status")[0] not in (0, 1):
            if daemon.poll() is not None or time.monotonic() > deadline:
                sys.exit("ironlbd did not start; see " + workdir)
            time.sleep(0.1)
        time.sleep(0.5)
        start_rss = rss_kib(daemon.pid)
        rss_samples, valid, invalid = [], 0, 0
        for edit in range(args.edits):
            if time.monotonic() > deadline:
                print(f"time bound reached after {edit} edits")
                break
            if rng.random() < 0.3:
                text, invalid = broken(last_valid, rng), invalid + 1
            else:
                current = [(n, rng.choice("ab")) for n in rng.sample(names, rng.randrange(0, 30))]
                text, valid = config(workdir, rng, current), valid + 1
                last_valid = text
            tmp = path + ".tmp"
            with open(tmp, "w") as f:
                f.write(text)
            os.rename(tmp, path)
            time.sleep(rng.choice([0.0, 0.01, 0.05, 0.15]))
            if daemon.poll() is not None:
                sys.exit(f"ironlbd died after edit {edit}; see {workdir}")
            if edit % 50 == 0:
                rss_samples.append(rss_kib(daemon.pid))
        # Make sure the last valid file is what runs, then compare with what it declares.
        with open(path, "w") as f:
            f.write(last_valid)
        code, out = ctl(binary_dir, workdir, "reload", "--json")
        time.sleep(0.3)
        code, out = ctl(binary_dir, workdir, "services", "--json")
        reported = {s["service"]: s for s in json.loads(out)}
        expected = {f"static/{n}": p for n, p in current}
        problems = []
        if set(reported) != set(expected):
            problems.append(f"services differ: extra {sorted(set(reported) - set(expected))}, missing {sorted(set(expected) - set(reported))}")
        for key, pool in expected.items():
            service = reported.get(key)
            if service and (service["pool"] != pool or not service["addresses"]):
                problems.append(f"{key}: pool {service['pool']} addresses {service['addresses']} (expected pool {pool})")
        end_rss = rss_kib(daemon.pid)
        growth = (end_rss - start_rss) / start_rss
        print(f"edits: {valid + invalid} ({valid} valid, {invalid} invalid); daemon alive; "
              f"RSS start {start_rss / 1024:.1f} MiB, end {end_rss / 1024:.1f} MiB ({growth * 100:+.1f} %), "
              f"max {max(rss_samples + [end_rss]) / 1024:.1f} MiB; final services {len(reported)} (expected {len(expected)})")
        if problems:
            sys.exit("state differs from the configuration: " + "; ".join(problems))
        if growth > args.rss_tolerance:
            sys.exit(f"RSS grew by {growth * 100:.1f} % (tolerance {args.rss_tolerance * 100:.0f} %)")
        print("soak passed")
    finally:
        daemon.terminate()
        try:
            daemon.wait(10)
        except subprocess.TimeoutExpired:
            daemon.kill()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
