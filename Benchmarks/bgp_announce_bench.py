#!/usr/bin/env python3
"""Side-by-side BGP speaker benchmark: N IPv4 /32s announced to a BIRD receiver.

Speakers, each in its own network namespace, peering over a veth pair with BIRD in another:
  ironlb  -- IronLB's speaker alone (ironlb-bgp-bench), routes handed over in one call
  bird    -- BIRD 2 exporting a static protocol of N routes
  gobgp   -- gobgpd (the speaker kube-vip, Cilium, PureLB and OpenELB embed), routes injected over
             its gRPC API with `gobgp mrt inject global` from a generated TABLE_DUMP_V2 file

Measured per speaker: time from the start of the announcement until the receiver holds all N
routes; time from the withdrawal until it holds none; the speaker's resident memory.
Prefixes come from 198.18.0.0/15 (reserved for benchmarks, RFC 2544/6815). Needs root, iproute2,
bird2 and gobgpd. Cleans up its namespaces and kills only the processes it started.

Usage: sudo Benchmarks/bgp_announce_bench.py [--count 100000] [--runs 3] [--bench PATH] [--speakers ironlb,bird,gobgp]
"""
import argparse, ipaddress, os, shutil, signal, struct, subprocess, tempfile, time

NS_SPEAKER, NS_RECEIVER = f"ilbbench{os.getpid()}s", f"ilbbench{os.getpid()}r"
SPEAKER_IP, RECEIVER_IP = "198.51.100.1", "198.51.100.2"
BASE = int(ipaddress.IPv4Address("198.18.0.0"))


def sh(*args, check=True, **kw):
    return subprocess.run(list(args), check=check, capture_output=True, text=True, **kw)


def netns_up():
    sh("ip", "netns", "add", NS_SPEAKER)
    sh("ip", "netns", "add", NS_RECEIVER)
    sh("ip", "-n", NS_SPEAKER, "link", "add", "b0", "type", "veth", "peer", "name", "b1")
    sh("ip", "-n", NS_SPEAKER, "link", "set", "b1", "netns", NS_RECEIVER)
    for ns, dev, ip in ((NS_SPEAKER, "b0", SPEAKER_IP), (NS_RECEIVER, "b1", RECEIVER_IP)):
        sh("ip", "-n", ns, "addr", "add", f"{ip}/30", "dev", dev)
        sh("ip", "-n", ns, "link", "set", dev, "up")
        sh("ip", "-n", ns, "link", "set", "lo", "up")


def netns_down():
    for ns in (NS_SPEAKER, NS_RECEIVER):
        pids = sh("ip", "netns", "pids", ns, check=False).stdout.split()
        for pid in pids:
            try:
                os.kill(int(pid), signal.SIGKILL)
            except ProcessLookupError:
                pass
        sh("ip", "netns", "del", ns, check=False)


class Receiver:
    """BIRD in the receiver namespace, importing everything from the speaker."""

    def __init__(self, workdir, speaker_asn, import_rule="import all;"):
        self.sock = os.path.join(workdir, "recv.ctl")
        conf = os.path.join(workdir, "recv.conf")
        with open(conf, "w") as f:
            f.write(f"""router id {RECEIVER_IP};
protocol device {{}}
protocol bgp speaker {{
  local {RECEIVER_IP} as 64500; neighbor {SPEAKER_IP} as {speaker_asn};
  connect retry time 1; connect delay time 1; error wait time 1, 2;
  ipv4 {{ {import_rule} export none; }};
}}
""")
        self.proc = subprocess.Popen(["ip", "netns", "exec", NS_RECEIVER, "bird", "-f", "-c", conf, "-s", self.sock],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait(lambda: os.path.exists(self.sock), 10, "receiver BIRD socket")

    def count(self):
        out = sh("birdc", "-s", self.sock, "show", "route", "count", check=False).stdout
        for line in out.splitlines():
            if "of" in line and "routes" in line:
                return int(line.split()[0])
        return 0

    def established(self):
        return "Established" in sh("birdc", "-s", self.sock, "show", "protocols", "speaker", check=False).stdout

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


def wait(cond, timeout, what, interval=0.01):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return time.monotonic()
        time.sleep(interval)
    raise TimeoutError(f"timed out waiting for {what}")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        fields = dict(line.split(":", 1) for line in f if ":" in line)
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def run_ironlb(bench, count, workdir):
    recv = Receiver(workdir, 64512)
    proc = subprocess.Popen(["ip", "netns", "exec", NS_SPEAKER, bench, RECEIVER_IP, "64500", "64512", str(count)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
    try:
        wait(recv.established, 30, "ironlb session")
        proc.stdin.write("rss\n"); proc.stdin.flush()
        base_line = proc.stdout.readline(); proc.stdout.readline()
        print("  ironlb before announcing: " + base_line.strip(), flush=True)
        t0 = time.monotonic()
        proc.stdin.write("announce\n"); proc.stdin.flush()
        t1 = wait(lambda: recv.count() >= count, 300, "all routes")
        proc.stdout.readline()
        proc.stdin.write("rss\n"); proc.stdin.flush()
        rss_line = proc.stdout.readline(); proc.stdout.readline()
        rss = dict(kv.split("=") for kv in rss_line.split())
        t2 = time.monotonic()
        proc.stdin.write("withdraw\n"); proc.stdin.flush()
        t3 = wait(lambda: recv.count() == 0, 300, "all withdrawn")
        proc.stdin.write("quit\n"); proc.stdin.flush()
        proc.wait(20)
        return t1 - t0, t3 - t2, int(rss["rss_kib"]), int(rss["peak_kib"])
    finally:
        if proc.poll() is None:
            proc.kill()
        recv.stop()


def run_bird(count, workdir):
    recv = Receiver(workdir, 64513)
    sock = os.path.join(workdir, "spk.ctl")
    conf = os.path.join(workdir, "spk.conf")
    with open(conf, "w") as f:
        f.write(f"router id {SPEAKER_IP};\nprotocol device {{}}\nprotocol static bench_routes {{ ipv4; disabled;\n")
        for i in range(count):
            f.write(f"  route {ipaddress.IPv4Address(BASE + i)}/32 blackhole;\n")
        f.write(f"}}\nprotocol bgp receiver {{ local {SPEAKER_IP} as 64513; neighbor {RECEIVER_IP} as 64500;\n"
                f"  connect retry time 1; connect delay time 1; ipv4 {{ import none; export all; next hop self; }}; }}\n")
    log = open(os.path.join(workdir, "spk.log"), "w")
    proc = subprocess.Popen(["ip", "netns", "exec", NS_SPEAKER, "bird", "-f", "-c", conf, "-s", sock],
                            stdout=log, stderr=log)
    try:
        wait(lambda: os.path.exists(sock), 30, "speaker BIRD socket")
        wait(recv.established, 30, "bird session")
        t0 = time.monotonic()
        sh("birdc", "-s", sock, "enable", "bench_routes")
        t1 = wait(lambda: recv.count() >= count, 300, "all routes")
        rss, peak = rss_kib(proc.pid)
        t2 = time.monotonic()
        sh("birdc", "-s", sock, "disable", "bench_routes")
        t3 = wait(lambda: recv.count() == 0, 300, "all withdrawn")
        return t1 - t0, t3 - t2, rss, peak
    finally:
        proc.terminate(); proc.wait(10)
        recv.stop()


# gobgp 3.10's `mrt inject` ends its stream before the daemon has taken the last few hundred paths
# (99,665 of 100,000 arrived here). Pad the file with routes from a range the receiver filters out.
PAD_BASE, PAD_COUNT = int(ipaddress.IPv4Address("198.19.240.0")), 4096


def write_mrt(path, count):
    """A TABLE_DUMP_V2 file (RFC 6396): one peer, then one RIB_IPV4_UNICAST record per /32."""
    now = int(time.time())
    record = lambda subtype, body: struct.pack(">IHHI", now, 13, subtype, len(body)) + body
    speaker = ipaddress.IPv4Address(SPEAKER_IP).packed
    peer = struct.pack(">B4s4sI", 0x02, speaker, speaker, 64514)
    # ORIGIN IGP, empty AS_PATH (originated here), NEXT_HOP the speaker.
    attrs = bytes([0x40, 1, 1, 0, 0x40, 2, 0, 0x40, 3, 4]) + speaker
    entry = struct.pack(">HIH", 0, now, len(attrs)) + attrs
    with open(path, "wb") as f:
        f.write(record(1, speaker + struct.pack(">HH", 0, 1) + peer))
        addresses = [BASE + i for i in range(count)] + [PAD_BASE + i for i in range(PAD_COUNT)]
        for sequence, address in enumerate(addresses):
            f.write(record(2, struct.pack(">IB4sH", sequence, 32, ipaddress.IPv4Address(address).packed, 1) + entry))


def run_gobgp(count, workdir):
    recv = Receiver(workdir, 64514, import_rule="import where net !~ [ 198.19.240.0/20+ ];")
    mrt = os.path.join(workdir, "routes.mrt")
    write_mrt(mrt, count)
    conf = os.path.join(workdir, "gobgpd.toml")
    with open(conf, "w") as f:
        f.write(f"""[global.config]
  as = 64514
  router-id = "{SPEAKER_IP}"
  port = -1
[[neighbors]]
  [neighbors.config]
    neighbor-address = "{RECEIVER_IP}"
    peer-as = 64500
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv4-unicast"
""")
    api = ["-u", "127.0.0.1", "-p", "50051"]
    log = open(os.path.join(workdir, "gobgpd.log"), "w")
    proc = subprocess.Popen(["ip", "netns", "exec", NS_SPEAKER, "gobgpd", "-f", conf, "-l", "warn", "--api-hosts", "127.0.0.1:50051"],
                            stdout=log, stderr=log)
    gobgp = lambda *args: sh("ip", "netns", "exec", NS_SPEAKER, "gobgp", *api, *args)
    try:
        wait(recv.established, 30, "gobgp session")
        t0 = time.monotonic()
        gobgp("mrt", "inject", "global", mrt)
        t1 = wait(lambda: recv.count() >= count, 300, "all routes")
        rss, peak = rss_kib(proc.pid)
        t2 = time.monotonic()
        gobgp("global", "rib", "-a", "ipv4", "del", "all")
        t3 = wait(lambda: recv.count() == 0, 300, "all withdrawn")
        return t1 - t0, t3 - t2, rss, peak
    finally:
        proc.terminate(); proc.wait(10)
        recv.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bench", default=".build-release/release/ironlb-bgp-bench")
    parser.add_argument("--speakers", default="ironlb,bird,gobgp")
    args = parser.parse_args()
    results = {}
    workdir = tempfile.mkdtemp(prefix="ironlb-bgp-bench-")
    try:
        for speaker in args.speakers.split(","):
            for run in range(args.runs):
                netns_down(); netns_up()
                if speaker == "ironlb":
                    r = run_ironlb(os.path.abspath(args.bench), args.count, workdir)
                elif speaker == "gobgp":
                    r = run_gobgp(args.count, workdir)
                else:
                    r = run_bird(args.count, workdir)
                results.setdefault(speaker, []).append(r)
                print(f"{speaker} run {run + 1}: announce {r[0]:.3f}s withdraw {r[1]:.3f}s rss {r[2] / 1024:.1f} MiB (peak {r[3] / 1024:.1f} MiB)", flush=True)
    finally:
        netns_down()
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"\n| speaker | announce {args.count} (median s) | withdraw (median s) | RSS after announce (MiB) | peak RSS (MiB) |")
    print("|---|---|---|---|---|")
    for speaker, runs in results.items():
        med = lambda i: sorted(r[i] for r in runs)[len(runs) // 2]
        print(f"| {speaker} | {med(0):.3f} | {med(1):.3f} | {med(2) / 1024:.1f} | {med(3) / 1024:.1f} |")


if __name__ == "__main__":
    main()
