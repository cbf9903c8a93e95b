#!/usr/bin/env python3
"""Reload latency: from the rename of an edited config file to the new route at a BIRD router.

ironlbd runs in one network namespace with a BGP peer, BIRD in another. Each round adds one static
service with an editor-style atomic replace (write a temporary file, rename it over the config) and
times until BIRD holds the service's /32. Reports median and p95 over --edits rounds; the default
debounce (100 ms) is included. Needs root, iproute2, bird2. Cleans up after itself by PID.

Usage: sudo Benchmarks/reload_latency_bench.py [--edits 50] [--ironlbd .build-release/release/ironlbd]
"""
import argparse, os, signal, statistics, subprocess, tempfile, time

NS_A, NS_B = f"ilbrl{os.getpid()}a", f"ilbrl{os.getpid()}b"
A, B = "198.51.100.1", "198.51.100.2"


def sh(*args, check=True):
    return subprocess.run(list(args), check=check, capture_output=True, text=True)


def down():
    for ns in (NS_A, NS_B):
        for pid in sh("ip", "netns", "pids", ns, check=False).stdout.split():
            try:
                os.kill(int(pid), signal.SIGKILL)
            except ProcessLookupError:
                pass
        sh("ip", "netns", "del", ns, check=False)


def up():
    sh("ip", "netns", "add", NS_A); sh("ip", "netns", "add", NS_B)
    sh("ip", "-n", NS_A, "link", "add", "r0", "type", "veth", "peer", "name", "r1")
    sh("ip", "-n", NS_A, "link", "set", "r1", "netns", NS_B)
    for ns, dev, ip in ((NS_A, "r0", A), (NS_B, "r1", B)):
        sh("ip", "-n", ns, "addr", "add", f"{ip}/30", "dev", dev)
        sh("ip", "-n", ns, "link", "set", dev, "up"); sh("ip", "-n", ns, "link", "set", "lo", "up")


def config(workdir, services):
    lines = "".join(f"  - {{name: s{i}, pool: public}}\n" for i in range(services))
    return f"""version: 1
node: {{name: bench, router-id: 192.0.2.100}}
state-directory: {workdir}/state
pools:
  - name: public
    addresses: [203.0.113.0/24]
announcers:
  bgp:
    local-asn: 64512
    connect-retry: 1s
    peers:
      - {{name: bird, address: {B}, asn: 64500}}
advertisements:
  - {{name: pub, announcer: bgp, pools: [public]}}
services:
{lines if lines else "  []"}
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--ironlbd", default=".build-release/release/ironlbd")
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="ironlb-reload-bench-")
    path = os.path.join(workdir, "ironlb.yaml")
    down(); up()
    sock = os.path.join(workdir, "bird.ctl")
    with open(os.path.join(workdir, "bird.conf"), "w") as f:
        f.write(f"router id {B};\nprotocol device {{}}\nprotocol bgp ilb {{ local {B} as 64500; neighbor {A} as 64512;\n"
                "  connect retry time 1; connect delay time 1; ipv4 { import all; export none; }; }\n")
    bird = subprocess.Popen(["ip", "netns", "exec", NS_B, "bird", "-f", "-c", os.path.join(workdir, "bird.conf"), "-s", sock],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(path, "w") as f:
        f.write(config(workdir, 1))
    daemon = subprocess.Popen(["ip", "netns", "exec", NS_A, os.path.abspath(args.ironlbd), "--config", path],
                              stdout=subprocess.DEVNULL, stderr=open(os.path.join(workdir, "ironlbd.log"), "w"))
    def has(prefix):
        return prefix in sh("birdc", "-s", sock, "show", "route", prefix, check=False).stdout
    try:
        deadline = time.monotonic() + 60
        while not has("203.0.113.0/32"):
            if time.monotonic() > deadline:
                raise SystemExit("the first route never arrived; see " + workdir)
            time.sleep(0.05)
        samples = []
        for edit in range(1, args.edits + 1):
            tmp = path + ".tmp"
            with open(tmp, "w") as f:
                f.write(config(workdir, edit + 1))
            target = f"203.0.113.{edit}/32"
            t0 = time.monotonic()
            os.rename(tmp, path)
            while not has(target):
                if time.monotonic() - t0 > 10:
                    raise SystemExit(f"edit {edit}: {target} did not arrive within 10 s; see {workdir}")
                time.sleep(0.002)
            samples.append(time.monotonic() - t0)
            time.sleep(0.2)
        samples.sort()
        p95 = samples[max(0, int(round(0.95 * len(samples))) - 1)]
        print(f"edits: {len(samples)}  median: {statistics.median(samples) * 1000:.1f} ms  p95: {p95 * 1000:.1f} ms  "
              f"min: {samples[0] * 1000:.1f} ms  max: {samples[-1] * 1000:.1f} ms")
    finally:
        daemon.terminate(); bird.terminate()
        daemon.wait(10); bird.wait(10)
        down()


if __name__ == "__main__":
    main()
