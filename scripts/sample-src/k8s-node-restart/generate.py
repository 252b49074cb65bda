#!/usr/bin/env python3
"""Generate the `k8s-node-restart` sample bundle (sample-logs/k8s-node-restart/).

Deterministic: every random choice comes from one seeded random.Random and the
only archive is written with fixed mtimes, owners and gzip header, so
re-running this script rewrites byte-identical files. Run it from anywhere:

    python3 scripts/sample-src/k8s-node-restart/generate.py
    python3 scripts/sample-src/k8s-node-restart/generate.py --check

It writes the bundle's hosts file, expected-causes.tsv, expected-skew.tsv,
every log under logs/ and the README (its numbers computed here from the
records as they are written, with their real line numbers). `--check`
regenerates into memory and fails if any file on disk differs.

The story (true UTC, Tuesday 2024-11-19):
  billing01   ledger-sync (Go 1.22, log.LstdFlags|log.Lmicroseconds|log.LUTC), 4 workers
              POSTing ledger batches back to back to http://orders-np.corp.example:30080
              (the NodePort of Service shop/orders-api on k8s-node-2, 10.42.1.12;
              externalTrafficPolicy: Local, so the pods see the client's own ip:port)
              over a keep-alive pool of 5-6 connections.
  k8s-node-2  Ubuntu 24.04, kubelet 1.30 + containerd 1.7 logging to /var/log/syslog
              (rsyslog RFC 3339 high precision); chronyd has lost its sources and the
              clock is 23.684 s AHEAD. The SRE has added an nftables rule that logs
              the FINs the NodePort sends (after reverse NAT, so the client's 4-tuple).
              Runs the orders-api pod that serves billing01's traffic.
  k8s-node-3  same build, clock in sync; runs the other orders-api replica, cart-api and
              the ledger-compaction CronJob's pods.
  14:19:21    CI rolls shop/orders-api from 1.8.2 to 1.8.3 (maxSurge 1, maxUnavailable 0).
  14:19:53    the new pod on node-2 is ready; the old one (x8k2p) is deleted: kubelet sends
              SIGTERM with terminationGracePeriodSeconds=10. The image's entrypoint is
              `sh -c "java ... -jar app.jar"`: sh is PID 1 and ignores SIGTERM, java never
              sees it and keeps serving the client's keep-alive connections.
  14:20:03.25 containerd SIGKILLs the JVM; billing01 logs 5 resets (4 of them on
              connections whose FIN node-2 logged 0.2-1.4 ms earlier).
  14:24:37    billing01 logs one more reset that nothing explains; in that second
              kubelet on node-3 kills cart-api for failing its liveness probe: a decoy.
  14:27:40    the SRE runs `kubectl get events -n shop -o wide` and tars the output.
"""

from __future__ import annotations

import argparse
import gzip
import io
import random
import sys
import tarfile
from datetime import datetime, timezone
from pathlib import Path

NAME = "k8s-node-restart"
ROOT = Path(__file__).resolve().parents[3]
BUNDLE = ROOT / "sample-logs" / NAME
REL = f"sample-logs/{NAME}/logs"

DAY = datetime(2024, 11, 19, tzinfo=timezone.utc)
T0 = int(DAY.timestamp() * 1_000_000)


def us(h, m, s=0.0):
    return T0 + int(round(((h * 60 + m) * 60 + s) * 1_000_000))


START, END = us(14, 0), us(14, 28, 20)

CLIENT_IP, NODE2_IP, NODE3_IP, MON_IP = "10.42.0.25", "10.42.1.12", "10.42.1.13", "10.42.0.31"
NODEPORT = 30080
SKEW = {"billing01": 0, "k8s-node-2": 23_684_000, "k8s-node-3": 0}  # clock - true time

OLD_RS, NEW_RS = "orders-api-7d4b9c6f58", "orders-api-5f8c7d9b44"
O2, O3 = f"{OLD_RS}-x8k2p", f"{OLD_RS}-k5jzr"           # old pods on node-2 / node-3
N1, N2 = f"{NEW_RS}-q7wzn", f"{NEW_RS}-hb6dm"           # new pods on node-2 / node-3
CART = "cart-api-6b9f7c5d8-m4tqz"
POD_IP = {O2: "10.244.2.37", N1: "10.244.2.41", O3: "10.244.3.18", N2: "10.244.3.25",
          CART: "10.244.3.21"}
IMAGE_OLD = "registry.corp.example/shop/orders-api:1.8.2"
IMAGE_NEW = "registry.corp.example/shop/orders-api:1.8.3"
CART_IMAGE = "registry.corp.example/shop/cart-api:2.4.0"

ROLL = us(14, 19, 21.204311)         # Deployment updated by CI
N1_START = ROLL + 1_911_402          # container started on node-2
N1_READY = N1_START + 30_006_951     # readinessProbe initialDelaySeconds: 30
O2_DELETE = N1_READY + 108_604       # old pod on node-2 deleted: SIGTERM (ignored)
SIGKILL = O2_DELETE + 10_017_733     # grace period 10 s, then containerd kills the JVM
UNEXPLAINED = us(14, 24, 37.284906)  # billing01's reset that nothing explains
CART_KILL = us(14, 24, 36.902511)    # decoy: liveness kill on node-3
KUBECTL = us(14, 27, 39.812004)      # the SRE runs kubectl (laptop clock, in sync)
TAR_MTIME = (KUBECTL + 260_000) // 1_000_000  # file closed; tar keeps whole seconds

rng = random.Random(20241119)


# ---------------------------------------------------------------- formatting

def dt(t):
    return datetime.fromtimestamp(t / 1_000_000, tz=timezone.utc)


def rfc3339(t):  # rsyslog RSYSLOG_FileFormat
    return dt(t).strftime("%Y-%m-%dT%H:%M:%S.%f") + "+00:00"


def golog(t):  # log.LstdFlags|log.Lmicroseconds|log.LUTC
    return dt(t).strftime("%Y/%m/%d %H:%M:%S.%f")


def klog(t):  # klog header: Lmmdd hh:mm:ss.uuuuuu
    return dt(t).strftime("%m%d %H:%M:%S.%f")


def rfc3339nano(t, ns):  # containerd time= and CRI log timestamps
    return dt(t).strftime("%Y-%m-%dT%H:%M:%S.") + f"{t % 1_000_000:06d}{ns:03d}Z"


def spring(t):  # Spring Boot 3 console: yyyy-MM-dd'T'HH:mm:ss.SSSXXX
    return dt(t).strftime("%Y-%m-%dT%H:%M:%S.") + f"{(t // 1000) % 1000:03d}Z"


def iso_ms(t):
    return dt(t).strftime("%Y-%m-%dT%H:%M:%S.") + f"{(t // 1000) % 1000:03d}Z"


def human_duration(seconds):
    """apimachinery's duration.HumanDuration for a whole number of seconds."""
    if seconds < -1:
        return "<invalid>"
    if seconds < 0:
        return "0s"
    if seconds < 120:
        return f"{seconds}s"
    minutes = seconds // 60
    if minutes < 10:
        s = seconds % 60
        return f"{minutes}m" if s == 0 else f"{minutes}m{s}s"
    if minutes < 180:
        return f"{minutes}m"
    hours = seconds // 3600
    if hours < 8:
        m = minutes % 60
        return f"{hours}h" if m == 0 else f"{hours}h{m}m"
    if hours < 48:
        return f"{hours}h"
    if hours < 192:
        h = hours % 24
        return f"{hours // 24}d" if h == 0 else f"{hours // 24}d{h}h"
    return f"{hours // 24}d"


class Log:
    """Records (time as the file shows it, text, tag); written sorted by time (stable)."""

    def __init__(self, rel, host):
        self.rel = rel
        self.host = host
        self.recs = []

    def add(self, t, text, tag=None):
        self.recs.append((t, len(self.recs), text, tag))

    def render(self, keep_order=False):
        if not keep_order:
            self.recs.sort(key=lambda r: (r[0], r[1]))
        lines, tags, n = [], {}, 1
        for t, _, text, tag in self.recs:
            if tag:
                tags.setdefault(tag, []).append((n, t))
            lines.append(text)
            n += text.count("\n") + 1
        return "".join(l + "\n" for l in lines), tags, n - 1


UID = {O2: "3f1a6c2e-8b4d-4e59-a7c1-52d9e0b4f6a8", N1: "b8e2d4f1-0c3a-47b6-9e5d-1a2b3c4d5e6f",
       O3: "6d0c9b8a-7f6e-4d5c-8b4a-3e2f1d0c9b8a", N2: "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b",
       CART: "0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d"}
O2_LOG = f"k8s-node-2/var/log/pods/shop_{O2}_{UID[O2]}/orders-api/0.log"
N1_LOG = f"k8s-node-2/var/log/pods/shop_{N1}_{UID[N1]}/orders-api/0.log"
LOGS = {
    "client": Log("billing01/var/log/ledger-sync/ledger-sync.log", "billing01"),
    "node2": Log("k8s-node-2/var/log/syslog", "k8s-node-2"),
    "o2": Log(O2_LOG, "k8s-node-2"),
    "n1": Log(N1_LOG, "k8s-node-2"),
    "node3": Log("k8s-node-3/var/log/syslog", "k8s-node-3"),
}
EVENTS_TAR = "cluster/shop-events-20241119-1427.tar.gz"
EVENTS_MEMBER = "events-wide.txt"


def node_time(host, t):
    return t + SKEW[host]


# ---------------------------------------------------------------- node syslog

PIDS = {"k8s-node-2": {"kubelet": 1187, "containerd": 903, "chronyd": 812},
        "k8s-node-3": {"kubelet": 1203, "containerd": 911, "chronyd": 806}}
LOGKEY = {"k8s-node-2": "node2", "k8s-node-3": "node3"}


def rs(host, t, ident, msg, pid=None, tag=None):
    """A syslog line as rsyslog writes it on `host` (its own clock)."""
    nt = node_time(host, t)
    p = f"[{pid}]" if pid is not None else ""
    LOGS[LOGKEY[host]].add(nt, f"{rfc3339(nt)} {host} {ident}{p}: {msg}", tag)


def kubelet(host, t, src, msg, level="I", tag=None):
    pid = PIDS[host]["kubelet"]
    nt = node_time(host, t)
    # klog stamps the line a few µs before rsyslog receives it
    head = f"{level}{klog(nt - rng.randrange(40, 400))}    {pid} {src}]"
    rs(host, t, "kubelet", f"{head} {msg}", pid, tag)


def containerd(host, t, msg, level="info", extra="", tag=None):
    nt = node_time(host, t) - rng.randrange(30, 300)
    line = f'time="{rfc3339nano(nt, rng.randrange(1000))}" level={level} msg="{msg}"{extra}'
    rs(host, t, "containerd", line, PIDS[host]["containerd"], tag)


def cid(seed):
    r = random.Random(seed)
    return "".join(r.choice("0123456789abcdef") for _ in range(64))


CID = {p: cid(p) for p in (O2, N1, O3, N2, CART)}
SANDBOX = {p: cid(p + "/sandbox") for p in (O2, N1, O3, N2, CART)}
CART_CID2 = cid(CART + "/1")


def pod_start(host, pod, t_add, image, pulled_in=None, tag_prefix=None):
    """kubelet + containerd lines of a pod's start; returns the container start time."""
    kubelet(host, t_add, "kubelet.go:2407", f'"SyncLoop ADD" source="api" pods=["shop/{pod}"]')
    t = t_add + rng.randrange(40_000, 90_000)
    containerd(host, t, f"RunPodSandbox for &PodSandboxMetadata{{Name:{pod},Uid:{UID[pod]},"
                        f"Namespace:shop,Attempt:0,}}")
    t += rng.randrange(350_000, 520_000)
    containerd(host, t, f"RunPodSandbox for &PodSandboxMetadata{{Name:{pod},Uid:{UID[pod]},"
                        f"Namespace:shop,Attempt:0,}} returns sandbox id \\\"{SANDBOX[pod]}\\\"")
    if pulled_in:
        t += 2_000
        containerd(host, t, f"PullImage \\\"{image}\\\"")
        t += pulled_in
        containerd(host, t, f"ImageCreate event name:\\\"{image}\\\" "
                            f"labels:{{key:\\\"io.cri-containerd.image\\\" value:\\\"managed\\\"}}")
        t += 1_800
        containerd(host, t, f"PullImage \\\"{image}\\\" returns image reference "
                            f"\\\"sha256:{cid(image)}\\\"")
    t += rng.randrange(9_000, 14_000)
    containerd(host, t, f"CreateContainer within sandbox \\\"{SANDBOX[pod]}\\\" for container "
                        f"&ContainerMetadata{{Name:orders-api,Attempt:0,}}")
    t += rng.randrange(25_000, 40_000)
    containerd(host, t, f"CreateContainer within sandbox \\\"{SANDBOX[pod]}\\\" for "
                        f"&ContainerMetadata{{Name:orders-api,Attempt:0,}} returns container id "
                        f"\\\"{CID[pod]}\\\"")
    t += 1_400
    containerd(host, t, f"StartContainer for \\\"{CID[pod]}\\\"")
    t += rng.randrange(120_000, 180_000)
    containerd(host, t, f"StartContainer for \\\"{CID[pod]}\\\" returns successfully")
    started = t
    kubelet(host, t + rng.randrange(300_000, 700_000), "kubelet.go:2439",
            f'"SyncLoop (PLEG): event for pod" pod="shop/{pod}" event={{"ID":"{UID[pod]}",'
            f'"Type":"ContainerStarted","Data":"{CID[pod]}"}}')
    return started


def pod_kill(host, pod, t_del, grace, exit_after, tag_prefix=None, liveness=False, cname="orders-api",
             kill_at=None):
    """Deletion (or a liveness kill) of a pod's container; returns the container exit time."""
    tp = (lambda s: (tag_prefix, s)) if tag_prefix else (lambda s: None)
    if not liveness:
        kubelet(host, t_del, "kubelet.go:2423", f'"SyncLoop DELETE" source="api" pods=["shop/{pod}"]')
    t = t_del + rng.randrange(1_200, 2_400)
    kubelet(host, t, "kuberuntime_container.go:809",
            f'"Killing container with a grace period" pod="shop/{pod}" podUID="{UID[pod]}" '
            f'containerName="{cname}" containerID="containerd://{CID[pod]}" gracePeriod={grace}',
            tag=tp("kubelet_killing"))
    t += rng.randrange(1_500, 3_000)
    containerd(host, t, f"StopContainer for \\\"{CID[pod]}\\\" with timeout {grace} (s)")
    t += rng.randrange(500, 1_200)
    containerd(host, t, f"Stop container \\\"{CID[pod]}\\\" with signal terminated",
               tag=tp("sigterm"))
    if exit_after is None:  # SIGTERM ignored: killed at the end of the grace period
        t_kill = kill_at if kill_at else t + grace * 1_000_000 + rng.randrange(2_000, 9_000)
        containerd(host, t_kill - 150, f"Kill container \\\"{CID[pod]}\\\"", tag=tp("sigkill"))
        t_exit, status = t_kill + rng.randrange(9_000, 16_000), 137
    else:
        t_exit, status = t + exit_after, 143
    secs, nanos = divmod(node_time(host, t_exit) * 1000 + rng.randrange(1000), 1_000_000_000)
    containerd(host, t_exit + rng.randrange(300, 900),
               f"TaskExit event in podsandbox handler container_id:\\\"{CID[pod]}\\\" "
               f"id:\\\"{CID[pod]}\\\" pid:{rng.randrange(20000, 60000)} exit_status:{status} "
               f"exited_at:{{seconds:{secs} nanos:{nanos}}}", tag=tp("task_exit"))
    t = t_exit + rng.randrange(20_000, 40_000)
    containerd(host, t, "shim disconnected", extra=f" id={CID[pod]} namespace=k8s.io")
    containerd(host, t + 300, "cleaning up after shim disconnected",
               level="warning", extra=f" id={CID[pod]} namespace=k8s.io")
    t += rng.randrange(8_000, 15_000)
    containerd(host, t, f"StopContainer for \\\"{CID[pod]}\\\" returns successfully")
    if liveness:
        return t_exit
    t += rng.randrange(6_000, 12_000)
    containerd(host, t, f"StopPodSandbox for \\\"{SANDBOX[pod]}\\\"")
    t += rng.randrange(40_000, 80_000)
    containerd(host, t, f"TearDown network for sandbox \\\"{SANDBOX[pod]}\\\" successfully")
    t += rng.randrange(10_000, 25_000)
    containerd(host, t, f"StopPodSandbox for \\\"{SANDBOX[pod]}\\\" returns successfully")
    kubelet(host, t_exit + rng.randrange(400_000, 900_000), "kubelet.go:2439",
            f'"SyncLoop (PLEG): event for pod" pod="shop/{pod}" event={{"ID":"{UID[pod]}",'
            f'"Type":"ContainerDied","Data":"{CID[pod]}"}}')
    t2 = t_exit + rng.randrange(1_000_000, 1_600_000)
    kubelet(host, t2, "kubelet.go:2423", f'"SyncLoop DELETE" source="api" pods=["shop/{pod}"]')
    kubelet(host, t2 + rng.randrange(9_000, 20_000), "kubelet.go:2417",
            f'"SyncLoop REMOVE" source="api" pods=["shop/{pod}"]')
    return t_exit


# ---------------------------------------------------------------- Kubernetes events

STATE = {}
EVENTS = []  # dicts: ns, name, type, reason, object, subobject, source, message, first, last, count


def event(t, reporter_host, typ, reason, obj, message, subobject="", component="kubelet",
          first=None, count=1, tag=None):
    """An Event as the API server keeps it. kubelet stamps it with its node's clock, the
    controllers with the control plane's (in sync); the API keeps whole seconds."""
    clock = SKEW.get(reporter_host, 0)
    last = (t + clock) // 1_000_000 * 1_000_000
    first_t = ((first if first is not None else t) + clock) // 1_000_000 * 1_000_000
    name_obj = obj.split("/", 1)[1]
    nano = (first if first is not None else t) + clock
    name = f"{name_obj}.{nano * 1000 + rng.randrange(1000):x}"
    source = f"{component}, {reporter_host}" if reporter_host else component
    EVENTS.append(dict(name=name, type=typ, reason=reason, object=obj, subobject=subobject,
                       source=source, message=message, first=first_t, last=last, count=count,
                       tag=tag, host=reporter_host))


def table(rows):
    """text/tabwriter as kubectl configures it: minwidth 6, padding 3, widths in code points."""
    w = [0] * len(rows[0])
    for r in rows:
        for i, c in enumerate(r[:-1]):
            w[i] = max(w[i], len(c) + 3, 6)
    return ["".join(c.ljust(w[i]) for i, c in enumerate(r[:-1])) + r[-1] for r in rows]


def render_events():
    now_s = KUBECTL / 1_000_000
    rows = [["LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE",
             "FIRST SEEN", "COUNT", "NAME"]]
    order = sorted(EVENTS, key=lambda e: e["name"])  # the API lists events by name
    derived = []
    for e in order:
        last_age = int(now_s - e["last"] / 1_000_000)
        first_age = int(now_s - e["first"] / 1_000_000)
        rows.append([human_duration(last_age), e["type"], e["reason"], e["object"], e["subobject"],
                     e["source"], e["message"], human_duration(first_age), str(e["count"]), e["name"]])
        derived.append(e)
    lines = table(rows)
    tags = {}
    for n, e in enumerate(derived, start=2):
        age = rows[n - 1][0]
        secs = parse_age(age)
        e["line"], e["ts"] = n, TAR_MTIME * 1_000_000 - secs * 1_000_000
        if e["tag"]:
            tags[e["tag"]] = (n, e["ts"])
    return "".join(l + "\n" for l in lines), tags, len(lines)


def parse_age(a):
    total, num = 0, ""
    for ch in a:
        if ch.isdigit():
            num += ch
        else:
            total += int(num) * {"d": 86400, "h": 3600, "m": 60, "s": 1}[ch]
            num = ""
    return total


# ---------------------------------------------------------------- the rollout

def rollout():
    h2, h3 = "k8s-node-2", "k8s-node-3"
    dep, ors, nrs = "deployment/orders-api", f"replicaset/{OLD_RS}", f"replicaset/{NEW_RS}"
    event(ROLL + 9_812, None, "Normal", "ScalingReplicaSet", dep,
          f"Scaled up replica set {NEW_RS} to 1 from 0", component="deployment-controller")
    event(ROLL + 24_330, None, "Normal", "SuccessfulCreate", nrs, f"Created pod: {N1}",
          component="replicaset-controller")
    event(ROLL + 41_006, None, "Normal", "Scheduled", f"pod/{N1}",
          f"Successfully assigned shop/{N1} to {h2}", component="default-scheduler")
    started = pod_start(h2, N1, ROLL + 59_771, IMAGE_NEW, pulled_in=1_052_118)
    assert abs(started - N1_START) < 1_000_000, (started, N1_START)
    sub = "spec.containers{orders-api}"
    event(ROLL + 612_004, h2, "Normal", "Pulling", f"pod/{N1}", f'Pulling image "{IMAGE_NEW}"', sub)
    event(ROLL + 1_664_771, h2, "Normal", "Pulled", f"pod/{N1}",
          f'Successfully pulled image "{IMAGE_NEW}" in 1.052s (1.052s including waiting). '
          f"Image size: 118320640 bytes.", sub)
    event(started - 160_000, h2, "Normal", "Created", f"pod/{N1}", "Created container orders-api", sub)
    event(started + 1_200, h2, "Normal", "Started", f"pod/{N1}", "Started container orders-api", sub,
          tag="n1_started_event")
    spring_start(N1, "n1", started, 6.1, tag="n1_app_started")
    kubelet(h2, N1_READY, "kubelet.go:2542",
            f'"SyncLoop (probe)" probe="readiness" status="ready" pod="shop/{N1}"')
    # the deployment controller sees the new pod available: old RS 2 -> 1, new RS 1 -> 2
    event(O2_DELETE - 41_500, None, "Normal", "ScalingReplicaSet", dep,
          f"Scaled down replica set {OLD_RS} to 1 from 2", component="deployment-controller")
    event(O2_DELETE - 20_118, None, "Normal", "SuccessfulDelete", ors, f"Deleted pod: {O2}",
          component="replicaset-controller")
    event(O2_DELETE - 18_733, None, "Normal", "ScalingReplicaSet", dep,
          f"Scaled up replica set {NEW_RS} to 2 from 1", component="deployment-controller")
    event(O2_DELETE + 11_902, None, "Normal", "SuccessfulCreate", nrs, f"Created pod: {N2}",
          component="replicaset-controller")
    event(O2_DELETE + 27_440, None, "Normal", "Scheduled", f"pod/{N2}",
          f"Successfully assigned shop/{N2} to {h3}", component="default-scheduler")
    # node-2: the old pod is told to stop; its PID 1 (sh) ignores SIGTERM
    event(O2_DELETE + 3_811, h2, "Normal", "Killing", f"pod/{O2}", "Stopping container orders-api",
          sub, tag="o2_killing")
    pod_kill(h2, O2, O2_DELETE, 10, None, tag_prefix="o2", kill_at=SIGKILL)
    # node-3: the second new pod, then the old pod there (its java is PID 1 via exec... no:
    # same image, same entrypoint, same 10 s wait; it carries no traffic of billing01)
    started3 = pod_start(h3, N2, O2_DELETE + 46_118, IMAGE_NEW, pulled_in=987_004)
    event(O2_DELETE + 640_227, h3, "Normal", "Pulling", f"pod/{N2}", f'Pulling image "{IMAGE_NEW}"', sub)
    event(O2_DELETE + 1_629_802, h3, "Normal", "Pulled", f"pod/{N2}",
          f'Successfully pulled image "{IMAGE_NEW}" in 987ms (987ms including waiting). '
          f"Image size: 118320640 bytes.", sub)
    event(started3 - 151_000, h3, "Normal", "Created", f"pod/{N2}", "Created container orders-api", sub)
    event(started3 + 1_100, h3, "Normal", "Started", f"pod/{N2}", "Started container orders-api", sub,
          tag="n2_started_event")
    kubelet(h3, started3 + 30_004_217, "kubelet.go:2542",
            f'"SyncLoop (probe)" probe="readiness" status="ready" pod="shop/{N2}"')
    o3_delete = started3 + 30_004_217 + 101_550
    event(o3_delete - 39_004, None, "Normal", "ScalingReplicaSet", dep,
          f"Scaled down replica set {OLD_RS} to 0 from 1", component="deployment-controller")
    event(o3_delete - 19_870, None, "Normal", "SuccessfulDelete", ors, f"Deleted pod: {O3}",
          component="replicaset-controller")
    event(o3_delete + 3_502, h3, "Normal", "Killing", f"pod/{O3}", "Stopping container orders-api",
          sub, tag="o3_killing")
    pod_kill(h3, O3, o3_delete, 10, None)
    STATE["o3_delete"] = o3_delete


APP_LOGGERS = ["c.c.orders.OrdersApiApplication", "o.s.b.w.embedded.tomcat.TomcatWebServer",
               "o.apache.catalina.core.StandardService", "o.a.c.c.C.[Tomcat].[localhost].[/]",
               "o.s.b.a.e.web.EndpointLinksResolver", "c.c.orders.ledger.LedgerReconciler"]


def app_line(key, pod, t, level, thread, logger, msg, tag=None):
    host = LOGS[key].host
    nt = node_time(host, t)
    inner = f"{spring(nt)} {level:>5} 7 --- [orders-api] [{thread:>15}] {logger:<40} : {msg}"
    LOGS[key].add(nt, f"{rfc3339nano(nt, rng.randrange(1000))} stdout F {inner}", tag)


def spring_start(pod, key, t, secs, tag=None, version="1.8.3"):
    t += 412_000
    app_line(key, pod, t, "INFO", "main", APP_LOGGERS[0],
             f"Starting OrdersApiApplication v{version} using Java 21.0.5 with PID 7 "
             f"(/app/app.jar started by app in /app)")
    app_line(key, pod, t + 6_100, "INFO", "main", APP_LOGGERS[0],
             'The following 1 profile is active: "prod"')
    app_line(key, pod, t + 2_311_000, "INFO", "main", APP_LOGGERS[1], "Tomcat initialized with port 8080 (http)")
    app_line(key, pod, t + 2_333_000, "INFO", "main", APP_LOGGERS[2], "Starting service [Tomcat]")
    app_line(key, pod, t + 2_401_000, "INFO", "main", APP_LOGGERS[3], "Initializing Spring embedded WebApplicationContext")
    app_line(key, pod, t + 5_402_000, "INFO", "main", APP_LOGGERS[4], "Exposing 2 endpoints beneath base path '/actuator'")
    app_line(key, pod, t + 5_688_000, "INFO", "main", APP_LOGGERS[1],
             "Tomcat started on port 8080 (http) with context path '/'")
    app_line(key, pod, t + int((secs - 0.41) * 1_000_000), "INFO", "main", APP_LOGGERS[0],
             f"Started OrdersApiApplication in {secs} seconds (process running for {secs + 0.6:.1f})", tag)


def app_steady(key, pod, t_from, t_to):
    t = t_from + rng.randrange(30_000_000, 400_000_000)
    while t < t_to:
        app_line(key, pod, t, "INFO", "scheduling-1", APP_LOGGERS[5],
                 f"Reconciled {rng.randrange(1100, 1400)} ledger entries in {rng.randrange(180, 420)} ms")
        t += 900_000_000 + rng.randrange(-2_000_000, 2_000_000)


# ---------------------------------------------------------------- client and connections

class Pool:
    def __init__(self):
        self.next_port = 41872

    def port(self, step):
        p = self.next_port
        self.next_port += step
        return p


def client(t, msg, tag=None):
    LOGS["client"].add(t, f"{golog(t)} {msg}", tag)


URL = f"http://orders-np.corp.example:{NODEPORT}/v1/ledger/batch"


def fin(t, cport, cip=CLIENT_IP, tag=None):
    """node-2's nftables rule (postrouting, after reverse NAT): a FIN the NodePort sends."""
    ip_id = rng.randrange(1, 65535)
    rs("k8s-node-2", t, "kernel",
       f"np30080-fin: IN= OUT=ens5 SRC={NODE2_IP} DST={cip} LEN=52 TOS=0x00 PREC=0x00 TTL=63 "
       f"ID={ip_id} DF PROTO=TCP SPT={NODEPORT} DPT={cport} WINDOW={rng.randrange(495, 510)} RES=0x00 "
       f"ACK FIN URGP=0", tag=tag)


def client_traffic():
    """ledger-sync's steady state: one stats line a minute; batch numbers advance ~10/s."""
    t = START + 1_418_220
    batch = 731_020 - 4_200
    while t < END:
        batches = rng.randrange(560, 640)
        batch += batches
        client(t, f"stats 1m: {batches} batches, {batches * rng.randrange(23, 27)} entries, "
                  f"p50 {rng.randrange(28, 36)}ms p99 {rng.randrange(95, 140)}ms, "
                  f"pool {rng.choice([5, 5, 6])} conns to orders-np.corp.example:{NODEPORT}")
        t += 60_000_000 + rng.randrange(-30_000, 30_000)
    # the reconcile job every 5 minutes
    t = us(14, 0, 30.551) + 8_000
    while t < END:
        client(t, f"reconcile: cursor at batch {731_020 + (t - SIGKILL) // 100_000}, "
                  f"0 gaps, {rng.randrange(3, 9)} late entries")
        t += 300_000_000


def batch_at(t):
    return 731_020 + (t - SIGKILL) // 100_000


RESETS = []  # dicts: t, port, cause, fin_t


def kill_resets():
    # 5 keep-alive connections to the old pod on node-2 when the JVM is SIGKILLed
    ports = [41872, 41890, 41904, 41926, 41958, 44310]
    # 41872: a request sat unread in the socket: RST at once, no FIN
    # 41890..41958: idle when the JVM died: FIN; the client's next request crossed it: RST
    # 44310: idle, the client saw the FIN first and closed it: no reset
    delays = {41872: 1_208, 41890: 612, 41904: 874, 41926: 1_391, 41958: 733}
    for i, p in enumerate(ports):
        if p != 41872:
            fin_t = SIGKILL + 140 + 37 * i
            fin(fin_t, p, tag=("fin", p))
    for j, (p, d) in enumerate(sorted(delays.items(), key=lambda kv: kv[1])):
        t = SIGKILL + d + 180  # the Go client logs ~0.2 ms after the read fails
        b = batch_at(t) + j
        client(t, f'batch {b}: Post "{URL}": read tcp {CLIENT_IP}:{p}->{NODE2_IP}:{NODEPORT}: '
                  f"read: connection reset by peer", tag=("reset", p))
        RESETS.append(dict(t=t, port=p, cause="restart", batch=b))
        client(t + 95, f"batch {b}: retry 1/3 in 250ms")
        client(t + 250_000 + rng.randrange(30_000, 60_000),
               f"batch {b}: ok on retry 1 ({rng.randrange(20, 27)} entries, {rng.randrange(31, 48)}ms)")


def unexplained():
    p = 52214
    b = batch_at(UNEXPLAINED)
    client(UNEXPLAINED, f'batch {b}: Post "{URL}": read tcp {CLIENT_IP}:{p}->{NODE2_IP}:{NODEPORT}: '
                        f"read: connection reset by peer", tag=("reset", p))
    RESETS.append(dict(t=UNEXPLAINED, port=p, cause="unexplained", batch=b))
    client(UNEXPLAINED + 88, f"batch {b}: retry 1/3 in 250ms")
    client(UNEXPLAINED + 289_554, f"batch {b}: ok on retry 1 (22 entries, 36ms)")


def monitor_probes():
    """mon01 checks the NodePort every 15 s with Connection: close: the server closes first."""
    t = START + rng.randrange(0, 15_000_000)
    port = 38114
    while t < END:
        if not (SIGKILL - 400_000 < t < SIGKILL + 400_000):
            fin(t, port, cip=MON_IP)
        port += rng.randrange(2, 9)
        t += 15_000_000 + rng.randrange(-40_000, 40_000)


# ---------------------------------------------------------------- decoy on node-3

def cart_liveness():
    h3 = "k8s-node-3"
    sub = "spec.containers{cart-api}"
    url = f"http://{POD_IP[CART]}:8080/actuator/health/liveness"
    out = f'Get \\"{url}\\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)'
    fails = [CART_KILL - 21_004_118, CART_KILL - 11_003_907, CART_KILL - 1_001_550]
    for f in fails:
        kubelet(h3, f, "prober.go:107",
                f'"Probe failed" probeType="Liveness" pod="shop/{CART}" podUID="{UID[CART]}" '
                f'containerName="cart-api" probeResult="failure" output="{out}"')
    event(fails[-1] + 900, h3, "Warning", "Unhealthy", f"pod/{CART}",
          f'Liveness probe failed: Get "{url}": context deadline exceeded (Client.Timeout exceeded '
          f"while awaiting headers)", sub, first=fails[0] + 900, count=3, tag="cart_unhealthy")
    kubelet(h3, CART_KILL, "kubelet.go:2542",
            f'"SyncLoop (probe)" probe="liveness" status="unhealthy" pod="shop/{CART}"')
    kubelet(h3, CART_KILL + 611, "kuberuntime_manager.go:1050",
            f'"Message for Container of pod" containerName="cart-api" containerStatusID='
            f'{{"Type":"containerd","ID":"{CID[CART]}"}} pod="shop/{CART}" '
            f'containerMessage="Container cart-api failed liveness probe, will be restarted"')
    event(CART_KILL + 1_004, h3, "Normal", "Killing", f"pod/{CART}",
          "Container cart-api failed liveness probe, will be restarted", sub, tag="cart_killing")
    t_exit = pod_kill(h3, CART, CART_KILL, 30, 611_842, liveness=True, cname="cart-api")
    t = t_exit + 48_000
    event(t, h3, "Normal", "Pulled", f"pod/{CART}",
          f'Container image "{CART_IMAGE}" already present on machine', sub)
    containerd(h3, t + 1_200, f"CreateContainer within sandbox \\\"{SANDBOX[CART]}\\\" for container "
                              f"&ContainerMetadata{{Name:cart-api,Attempt:1,}}")
    t += 31_000
    containerd(h3, t, f"CreateContainer within sandbox \\\"{SANDBOX[CART]}\\\" for "
                      f"&ContainerMetadata{{Name:cart-api,Attempt:1,}} returns container id "
                      f"\\\"{CART_CID2}\\\"")
    event(t + 900, h3, "Normal", "Created", f"pod/{CART}", "Created container cart-api", sub)
    containerd(h3, t + 1_500, f"StartContainer for \\\"{CART_CID2}\\\"")
    t += 142_000
    containerd(h3, t, f"StartContainer for \\\"{CART_CID2}\\\" returns successfully")
    event(t + 1_100, h3, "Normal", "Started", f"pod/{CART}", "Started container cart-api", sub,
          tag="cart_started")
    kubelet(h3, t + 512_000, "kubelet.go:2439",
            f'"SyncLoop (PLEG): event for pod" pod="shop/{CART}" event={{"ID":"{UID[CART]}",'
            f'"Type":"ContainerStarted","Data":"{CART_CID2}"}}')


def compaction_jobs():
    """The ledger-compaction CronJob (*/15) on node-3: events and kubelet lines, noise."""
    h3 = "k8s-node-3"
    for hh, mm in ((14, 0), (14, 15)):
        t = us(hh, mm, 0.0) + rng.randrange(20_000, 90_000)
        sched = (t // 60_000_000)
        job = f"ledger-compaction-{sched}"
        pod = f"{job}-{''.join(rng.choice('bcdfghjklmnpqrstvwxz2456789') for _ in range(5))}"
        UID[pod] = cid(pod)[:8] + "-" + cid(pod)[8:12] + "-4" + cid(pod)[13:16] + "-a" + cid(pod)[17:20] + "-" + cid(pod)[20:32]
        event(t, None, "Normal", "SuccessfulCreate", "cronjob/ledger-compaction", f"Created job {job}",
              component="cronjob-controller")
        event(t + 14_000, None, "Normal", "SuccessfulCreate", f"job/{job}", f"Created pod: {pod}",
              component="job-controller")
        event(t + 30_000, None, "Normal", "Scheduled", f"pod/{pod}",
              f"Successfully assigned shop/{pod} to {h3}", component="default-scheduler")
        kubelet(h3, t + 52_000, "kubelet.go:2407", f'"SyncLoop ADD" source="api" pods=["shop/{pod}"]')
        sub = "spec.containers{compaction}"
        event(t + 1_302_000, h3, "Normal", "Pulled", f"pod/{pod}",
              'Container image "registry.corp.example/shop/ledger-tools:0.9.4" already present on machine', sub)
        event(t + 1_340_000, h3, "Normal", "Created", f"pod/{pod}", "Created container compaction", sub)
        event(t + 1_498_000, h3, "Normal", "Started", f"pod/{pod}", "Started container compaction", sub)
        done = t + rng.randrange(38_000_000, 52_000_000)
        event(done, None, "Normal", "Completed", f"job/{job}", "Job completed", component="job-controller")
        event(done + 40_000, None, "Normal", "SawCompletedJob", "cronjob/ledger-compaction",
              f"Saw completed job: {job}, status: Complete", component="cronjob-controller")
        kubelet(h3, done - 800_000, "kubelet.go:2439",
                f'"SyncLoop (PLEG): event for pod" pod="shop/{pod}" event={{"ID":"{UID[pod]}",'
                f'"Type":"ContainerDied","Data":"{cid(pod + "/c")}"}}')


# ---------------------------------------------------------------- node noise

def node_noise(host):
    # systemd timers (sysstat every 10 min) and CRON (hourly run-parts at :17)
    t = us(14, 10, 0.0)
    while t < END:
        t1 = t + rng.randrange(8_000, 60_000)
        rs(host, t1, "systemd", "Starting sysstat-collect.service - system activity accounting tool...", 1)
        rs(host, t1 + rng.randrange(20_000, 60_000), "systemd", "sysstat-collect.service: Deactivated successfully.", 1)
        rs(host, t1 + rng.randrange(60_000, 90_000), "systemd",
           "Finished sysstat-collect.service - system activity accounting tool.", 1)
        t += 600_000_000
    t = us(14, 17, 1.0) + rng.randrange(0, 400_000)
    pid = rng.randrange(40000, 60000)
    rs(host, t, "CRON", "(root) CMD (cd / && run-parts --report /etc/cron.hourly)", pid)
    # kubelet housekeeping at verbosity 2
    t = START + rng.randrange(0, 60_000_000)
    while t < END:
        kubelet(host, t, "kubelet_volumes.go:163",
                '"Cleaned up orphaned pod volumes dir" podUID="' + cid(host + str(t))[:8] +
                "-" + cid(host + str(t))[8:12] + "-4a1b-9c2d-" + cid(host + str(t))[20:32] +
                '" path="/var/lib/kubelet/pods/' + cid(host + str(t))[:8] + '/volumes"')
        t += rng.randrange(420_000_000, 700_000_000)
    if host == "k8s-node-2":
        # chronyd lost its sources long before the incident; the clock runs ahead
        rs(host, START + 4_118_003, "chronyd", "Can't synchronise: no selectable sources", PIDS[host]["chronyd"])
        rs(host, START + 934_227_001, "chronyd", "Can't synchronise: no selectable sources", PIDS[host]["chronyd"])
    else:
        rs(host, START + 611_080_441, "chronyd", "Selected source 10.42.0.2 (ntp1.corp.example)", PIDS[host]["chronyd"])


def build():
    rollout()
    kill_resets()
    unexplained()
    cart_liveness()
    compaction_jobs()
    monitor_probes()
    client_traffic()
    for h in ("k8s-node-2", "k8s-node-3"):
        node_noise(h)
    # the old pod on node-2 has been up since the morning's node reboot
    o2_start = us(6, 2, 11.907) - SKEW["k8s-node-2"]
    spring_start(O2, "o2", o2_start, 6.4, version="1.8.2")
    app_steady("o2", O2, o2_start, SIGKILL)
    app_steady("n1", N1, N1_START + 10_000_000, END)


HOSTS = f"""# k8s-node-restart: hosts whose logs are in logs/ (for rstscope import --hosts).
# ledger-sync on billing01 calls http://orders-np.corp.example:{NODEPORT}/ (the NodePort of
# Service shop/orders-api on k8s-node-2). orders-np.corp.example is not listed: a dotted alias
# answers to its first label, and the client's errors carry {NODE2_IP}, which is enough.
# mon01 ({MON_IP}) probes the NodePort; it has no logs here.
{CLIENT_IP}	billing01 billing01.corp.example
{NODE2_IP}	k8s-node-2 k8s-node-2.corp.example
{NODE3_IP}	k8s-node-3 k8s-node-3.corp.example
{MON_IP}	mon01 mon01.corp.example
"""


def make_tar(text):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as tar:
        data = text.encode()
        info = tarfile.TarInfo(EVENTS_MEMBER)
        info.size, info.mtime, info.mode = len(data), TAR_MTIME, 0o644
        info.uid = info.gid = 1000
        info.uname = info.gname = "sre"
        tar.addfile(info, io.BytesIO(data))
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
        gz.write(raw.getvalue())
    return out.getvalue()


def render_all():
    build()
    files, tags, counts = {}, {}, {}
    for key, log in LOGS.items():
        text, tg, n = log.render()
        files[f"logs/{log.rel}"] = text
        tags[key] = tg
        counts[log.rel] = n
    ev_text, ev_tags, ev_n = render_events()
    files[f"logs/{EVENTS_TAR}"] = make_tar(ev_text)
    tags["events"] = ev_tags
    counts[f"{EVENTS_TAR}!/{EVENTS_MEMBER}"] = ev_n
    files["hosts"] = HOSTS
    return files, tags, counts, ev_text


FORMAT = {"ledger-sync.log": "go_log", "syslog": "rsyslog", "0.log": "cri",
          EVENTS_MEMBER: "kubectl_events_table"}


def facts(tags, counts):
    f = {"sources": [], "resets": []}
    for rel, n in sorted(counts.items()):
        base = rel.rsplit("/", 1)[1]
        host = rel.split("/")[0]
        f["sources"].append((f"{REL}/{rel}", FORMAT[base], host if host != "cluster" else "", n))
    client_src = f"{REL}/{LOGS['client'].rel}"
    fins = {tag[1]: rows[0] for tag, rows in tags["node2"].items() if isinstance(tag, tuple) and tag[0] == "fin"}
    for r in RESETS:
        (line, t), = tags["client"][("reset", r["port"])]
        fin_row = fins.get(r["port"])
        f["resets"].append(dict(ts=iso_ms(t), t=t, line=line, source=client_src, port=r["port"],
                                cause=r["cause"], fin=fin_row))
    f["resets"].sort(key=lambda r: (r["t"], r["line"]))
    ev_src = f"{REL}/{EVENTS_TAR}!/{EVENTS_MEMBER}"
    f["events"] = {k: dict(line=v[0], t=v[1], ts=iso_ms(v[1]), source=ev_src) for k, v in tags["events"].items()}
    node2 = f"{REL}/{LOGS['node2'].rel}"
    for k in (("o2", "kubelet_killing"), ("o2", "sigterm"), ("o2", "sigkill"), ("o2", "task_exit")):
        (line, t), = tags["node2"][k]
        f[k[1]] = dict(line=line, t=t, ts=iso_ms(t), source=node2)
    (line, t), = tags["n1"]["n1_app_started"]
    f["n1_app_started"] = dict(line=line, t=t, ts=iso_ms(t), source=f"{REL}/{LOGS['n1'].rel}")
    f["fins_total"] = sum(1 for _, _, text, _ in LOGS["node2"].recs if "np30080-fin:" in text)
    return f


def fmt_delta(us_):
    return f"{us_ / 1_000_000:+.3f} s"


def readme(f, ev_text):
    total = sum(s[3] for s in f["sources"])
    skew_s = SKEW["k8s-node-2"] / 1_000_000
    kill = f["events"]["o2_killing"]
    first_reset = f["resets"][0]
    L = []
    a = L.append
    a(f"# {NAME}: a rollout that SIGKILLs a pod under keep-alive traffic")
    a("")
    a("A support bundle collected on 2024-11-19 (a Tuesday) after the **billing** team reported")
    a("`read: connection reset by peer` from `ledger-sync` every time `shop/orders-api` is deployed.")
    a("The client talks to a Kubernetes NodePort; the pod behind it is replaced by a rolling update.")
    a("The pod's entrypoint is `sh -c \"java ... -jar app.jar\"`: `sh` is PID 1, ignores SIGTERM and")
    a("does not pass it on, so the JVM never shuts down gracefully: kubelet waits out the 10 s")
    a("`terminationGracePeriodSeconds`, containerd SIGKILLs it, and the client's keep-alive")
    a("connections to it are reset. There is no `preStop` hook either.")
    a("")
    a("| host | IP | what runs there | clock in its logs |")
    a("| --- | --- | --- | --- |")
    a(f"| `billing01` | {CLIENT_IP} | **ledger-sync** (Go 1.22, `log` with `LstdFlags\\|Lmicroseconds\\|LUTC`): 4 workers POST ledger batches back to back to `{URL}` (= k8s-node-2 {NODE2_IP}:{NODEPORT}) over a keep-alive pool of 5–6 connections; retries a failed batch after 250 ms | UTC, in sync |")
    a(f"| `k8s-node-2` | {NODE2_IP} | Kubernetes 1.30 worker (Ubuntu 24.04, kubelet and containerd 1.7 logging to `/var/log/syslog` through rsyslog); runs the `shop/orders-api` pod that serves the NodePort (`externalTrafficPolicy: Local`, so the pod sees the client's own ip:port). An nftables rule added by the SRE logs every FIN the NodePort sends, after reverse NAT (`np30080-fin:`). CRI container logs under `/var/log/pods/` | **{skew_s:+.3f} s ahead**: chronyd has no selectable source (`Can't synchronise`). Everything written there, kubelet's event timestamps included, carries that clock |")
    a(f"| `k8s-node-3` | {NODE3_IP} | the same build; the other `orders-api` replica, `cart-api`, the `ledger-compaction` CronJob's pods | in sync |")
    a(f"| `mon01` | {MON_IP} | probes the NodePort every 15 s with `Connection: close` (no logs in the bundle) | |")
    a("")
    a("`logs/cluster/` holds what the SRE ran from a laptop (clock in sync) at "
      f"{dt(KUBECTL).strftime('%H:%M:%S')}: `kubectl get events -n shop -o wide > {EVENTS_MEMBER}`, tarred with the file's")
    a(f"mtime ({dt(TAR_MTIME * 1_000_000).strftime('%Y-%m-%dT%H:%M:%SZ')}). The table's `LAST SEEN` column holds only ages")
    a("(`7m23s`): rstscope dates each row as the member's mtime minus that age (`time_from_age` in")
    a("`event_details`), exact to the second for ages under 10 minutes, to the minute up to 3 hours.")
    a("")
    a("## What happened (true UTC; node-2's own logs show these times plus "
      f"{skew_s:.3f} s)")
    a("")
    a(f"* **{dt(ROLL).strftime('%H:%M:%S')}** — CI updates `deployment/orders-api` from 1.8.2 to 1.8.3 (`maxSurge: 1`,")
    a(f"  `maxUnavailable: 0`). The new pod `{N1}` starts on k8s-node-2 at {dt(N1_START).strftime('%H:%M:%S')}")
    a(f"  (Spring Boot: `Started OrdersApiApplication in 6.1 seconds`) and becomes ready 30 s later")
    a("  (`readinessProbe.initialDelaySeconds: 30`).")
    a(f"* **{dt(O2_DELETE).strftime('%H:%M:%S.%f')[:-3]}** — the old pod `{O2}` is deleted: kubelet logs `Killing container with a grace")
    a("  period ... gracePeriod=10`, containerd `Stop container ... with signal terminated`, the API gets a")
    a("  `Killing` event (`Stopping container orders-api`). Nothing happens in the pod: its log has no")
    a("  shutdown line, it keeps answering billing01's keep-alive connections (it is only out of the")
    a("  Service's endpoints for new ones).")
    a(f"* **{dt(SIGKILL).strftime('%H:%M:%S.%f')[:-3]}** — containerd: `Kill container` (SIGKILL), `exit_status:137`. The kernel closes the")
    a("  JVM's sockets: the one connection with a request still unread in its receive queue is answered")
    a("  with RST at once; the idle ones get a FIN (node-2 logs 5 of them, `np30080-fin:`), and on 4 of")
    a("  them billing01's next request had already left: RST. ledger-sync logs **5 resets** within 2 ms")
    a("  and retries each batch successfully 250 ms later on a new connection (to the new pod). The 6th")
    a("  FIN'd connection (port 44310) was idle on the client too: it is dropped without an error.")
    a(f"* The rollout goes on on k8s-node-3 (new pod `{N2}`, old pod `{O3}` killed the same way at")
    a(f"  {dt(STATE['o3_delete']).strftime('%H:%M:%S')}); with `externalTrafficPolicy: Local` node-3's pods carry none of billing01's traffic.")
    a(f"* **{dt(UNEXPLAINED).strftime('%H:%M:%S.%f')[:-3]}** — ledger-sync logs one more reset (port 52214) that **nothing explains**:")
    a("  node-2 logs nothing about that connection and no event there. The decoy: in that very second")
    a(f"  kubelet on **k8s-node-3** kills `{CART}` for failing its liveness probe three times")
    a("  (`Unhealthy` ×3, `Killing` `Container cart-api failed liveness probe, will be restarted`, then")
    a("  `Started`). node-3 carries none of billing01's traffic: it must not be blamed.")
    a("* Noise: ledger-sync's per-minute stats and 5-minute reconcile lines, mon01's probes (a FIN every")
    a("  15 s in node-2's log), the `ledger-compaction` CronJob's pods on node-3 at 14:00 and 14:15")
    a("  (their events are old enough to have minute-precision ages), kubelet housekeeping, sysstat")
    a("  timers, an hourly CRON, chronyd.")
    a("")
    a("## Layout")
    a("")
    a("```")
    a(f"{NAME}/")
    a("├── README.md                this file (not a log)")
    a("├── hosts                    /etc/hosts syntax, for --hosts (not a log)")
    a("├── expected-causes.tsv      what `rstscope correlate` must conclude, per reset")
    a("├── expected-skew.tsv        each host's clock offset")
    a("└── logs/                    the directory to import")
    a("    ├── billing01/var/log/ledger-sync/ledger-sync.log        go_log")
    a("    ├── k8s-node-2/var/log/syslog                            rsyslog: kubelet, containerd, kernel (nftables log), chronyd, systemd")
    a(f"    ├── k8s-node-2/var/log/pods/shop_{O2}_…/orders-api/0.log   CRI, the old pod")
    a(f"    ├── k8s-node-2/var/log/pods/shop_{N1}_…/orders-api/0.log   CRI, the new pod")
    a("    ├── k8s-node-3/var/log/syslog                            rsyslog")
    a(f"    └── {EVENTS_TAR}         {EVENTS_MEMBER} (kubectl get events -n shop -o wide)")
    a("```")
    a("")
    a("## Importing")
    a("")
    a("```")
    a(f"build/rstscope import --db k8s.db --hosts sample-logs/{NAME}/hosts sample-logs/{NAME}/logs")
    a("build/rstscope correlate --db k8s.db")
    a("build/rstscope query --db k8s.db \"SELECT ts, host, kind, process, message FROM timeline WHERE kind != 'other' ORDER BY ts_us\"")
    a("```")
    a("")
    a("## Expected findings")
    a("")
    a(f"Generated by `scripts/sample-src/{NAME}/generate.py` from the records it wrote (do not edit by")
    a(f"hand); `tests/e2e/k8s_node_restart_test.cc` asserts them. All times are UTC as the logs state them")
    a("(node-2's are 23.684 s ahead). Paths are as rstscope names sources when the bundle is imported")
    a(f"with the command above; line numbers are 1-based.")
    a("")
    a(f"### Sources: {len(f['sources'])} files (one in an archive), {total} lines, 1 unparsed")
    a("")
    a("| source | format | host | lines |")
    a("| --- | --- | --- | ---: |")
    for s, fmt, h, n in f["sources"]:
        a(f"| `{s}` | `{fmt}` | {h or '(none: each row names its node)'} | {n} |")
    a("")
    a(f"The unparsed line is the table's header (line 1 of `{EVENTS_MEMBER}`), kept as `directive`.")
    a("")
    a(f"### Resets: {len(f['resets'])}")
    a("")
    a("| # | ts (UTC) | source:line | client port | node-2 FIN (node clock) | expected cause |")
    a("| ---: | --- | --- | ---: | --- | --- |")
    for k, r in enumerate(f["resets"], 1):
        fin_s = f"line {r['fin'][0]}, {iso_ms(r['fin'][1])}" if r["fin"] else "none"
        why = (f"`restart`: `Killing` {O2} ({fmt_delta(kill['t'] - SKEW['k8s-node-2'] - r['t'])} after skew correction)"
               if r["cause"] == "restart" else "`unexplained`")
        a(f"| {k} | {r['ts']} | `{r['source'].split('/logs/')[1]}:{r['line']}` | {r['port']} | {fin_s} | {why} |")
    a("")
    a("### Evidence")
    a("")
    a("| event | kind | ts as logged | host | source:line |")
    a("| --- | --- | --- | --- | --- |")
    ev = f["events"]
    rel = lambda s: s.split("/logs/")[1]
    a(f"| `Killing` `{O2}` (table row, `7m…` age) | `stop` | {kill['ts']} | k8s-node-2 | `{rel(kill['source'])}:{kill['line']}` |")
    for key, what in (("kubelet_killing", "kubelet `Killing container with a grace period` … `gracePeriod=10`"),
                      ("sigterm", "containerd `Stop container … with signal terminated`"),
                      ("sigkill", "containerd `Kill container` (SIGKILL)"),
                      ("task_exit", "containerd `TaskExit` … `exit_status:137`")):
        x = f[key]
        a(f"| {what} | `other` | {x['ts']} | k8s-node-2 | `{rel(x['source'])}:{x['line']}` |")
    x = f["n1_app_started"]
    a(f"| new pod: `Started OrdersApiApplication in 6.1 seconds` | `start` | {x['ts']} | k8s-node-2 | `{rel(x['source'])}:{x['line']}` |")
    x = ev["n1_started_event"]
    a(f"| new pod: `Started` event | `start` | {x['ts']} | k8s-node-2 | `{rel(x['source'])}:{x['line']}` |")
    x = ev["n2_started_event"]
    a(f"| node-3 new pod: `Started` event | `start` | {x['ts']} | k8s-node-3 | `{rel(x['source'])}:{x['line']}` |")
    x = ev["o3_killing"]
    a(f"| node-3 old pod: `Killing` event | `stop` | {x['ts']} | k8s-node-3 | `{rel(x['source'])}:{x['line']}` |")
    for key, what, kind in (("cart_unhealthy", "decoy: `Unhealthy` ×3 (liveness)", "unhealthy"),
                            ("cart_killing", "decoy: `Killing` cart-api (liveness)", "stop"),
                            ("cart_started", "decoy: `Started` cart-api", "start")):
        x = ev[key]
        a(f"| {what} | `{kind}` | {x['ts']} | k8s-node-3 | `{rel(x['source'])}:{x['line']}` |")
    a("")
    a(f"node-2 logs {f['fins_total']} `np30080-fin:` lines (netfilter, kind `other`): the 5 of the SIGKILL and mon01's probes.")
    a("")
    a("## What correlation should conclude")
    a("")
    gaps = [r["t"] - (r["fin"][1] - SKEW["k8s-node-2"]) for r in f["resets"] if r["fin"]]
    a(f"* **Skew**: k8s-node-2 is {SKEW['k8s-node-2'] // 1000} ms ahead. The anchors are the {len(gaps)} connections whose FIN")
    a("  node-2 logged (its `np30080-fin:` lines carry `SRC=10.42.1.12 SPT=30080 DST=10.42.0.25 DPT=<port>`,")
    a("  the same 4-tuple as the client's `read tcp 10.42.0.25:<port>->10.42.1.12:30080`); each FIN is")
    a(f"  {min(gaps) / 1000:.1f}–{max(gaps) / 1000:.1f} ms before its reset (true time), so the median difference is the offset within 2 ms. billing01 and")
    a("  k8s-node-3 are in sync (node-3 shares no connection with billing01 and cannot be anchored).")
    a(f"* The 5 resets at {first_reset['ts']}: cause **`restart`**, server_host `k8s-node-2`, the `Killing`")
    a(f"  row of `{O2}` in the events table ({kill['ts']} in node time, about 10 s before the resets")
    n1s, n1a = f["events"]["n1_started_event"], f["n1_app_started"]
    a(f"  once corrected). Without the correction it would lie {(kill['t'] - first_reset['t']) / 1e6:.1f} s *after* "
      "them, outside the window,")
    a("  and the new pod's start would look like the cause: its `Started` row and its Spring Boot")
    a(f"  `Started OrdersApiApplication` line, {(first_reset['t'] - n1s['t']) / 1e6:.1f} s and "
      f"{(first_reset['t'] - n1a['t']) / 1e6:.1f} s before them in node time,")
    a(f"  are {(first_reset['t'] - n1s['t'] + SKEW['k8s-node-2']) / 1e6:.1f} s and "
      f"{(first_reset['t'] - n1a['t'] + SKEW['k8s-node-2']) / 1e6:.1f} s before them once corrected.")
    a("  kubelet's and containerd's own lines for the kill are `other` (see below).")
    a(f"* The reset at {f['resets'][-1]['ts']}: **`unexplained`** (peer k8s-node-2). The liveness kill of")
    a("  `cart-api` in the same second is on k8s-node-3, which is not on the connection's path.")
    a("")
    a("## Known limits")
    a("")
    a("* rstscope has no classification rule for kubelet's `Killing container with a grace period` or")
    a("  containerd's `Stop container … with signal terminated` / `Kill container` / `TaskExit …")
    a("  exit_status:137`: they are `other`, so the only `stop` evidence on node-2 is the events table.")
    a("* The table's ages are truncated by kubectl: a row's time is up to 1 s (or 1 min for ages of")
    a("  10 min and more) later than the event.")
    a("")
    a("## Rebuilding")
    a("")
    a("```")
    a(f"python3 scripts/sample-src/{NAME}/generate.py          # rewrites hosts, logs/, the TSVs and this README")
    a(f"python3 scripts/sample-src/{NAME}/generate.py --check  # fails if anything on disk differs")
    a("```")
    a("")
    return "\n".join(L)


def tsvs(f):
    kill = f["events"]["o2_killing"]
    rows = ["reset_source\treset_line\tcause\tserver_host\tcause_source\tcause_line"]
    for r in f["resets"]:
        if r["cause"] == "restart":
            rows.append(f"{r['source']}\t{r['line']}\trestart\tk8s-node-2\t{kill['source']}\t{kill['line']}")
        else:
            rows.append(f"{r['source']}\t{r['line']}\tunexplained\tk8s-node-2\t\t")
    causes = "\n".join(rows) + "\n"
    skew = "host\toffset_ms\n" + "".join(f"{h}\t{SKEW[h] // 1000}\n" for h in sorted(SKEW))
    return causes, skew


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="fail if the files on disk differ")
    ap.add_argument("--facts", action="store_true", help="print the facts as Python repr")
    a = ap.parse_args()
    files, tags, counts, ev_text = render_all()
    f = facts(tags, counts)
    files["README.md"] = readme(f, ev_text)
    files["expected-causes.tsv"], files["expected-skew.tsv"] = tsvs(f)
    if a.facts:
        import pprint
        pprint.pprint(f, width=140)
        return 0
    bad = 0
    for rel, content in sorted(files.items()):
        p = BUNDLE / rel
        data = content if isinstance(content, bytes) else content.encode()
        if a.check:
            if not p.exists() or p.read_bytes() != data:
                print(f"differs: {p}")
                bad = 1
        else:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
    if a.check:
        on_disk = {str(p.relative_to(BUNDLE)) for p in BUNDLE.rglob("*") if p.is_file()}
        for extra in sorted(on_disk - set(files)):
            print(f"not generated: {BUNDLE / extra}")
            bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main())
