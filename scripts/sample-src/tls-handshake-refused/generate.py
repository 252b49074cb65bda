#!/usr/bin/env python3
"""Generate the `tls-handshake-refused` sample bundle (sample-logs/tls-handshake-refused/).

Deterministic: every random choice comes from one seeded random.Random, and no
date comes from the clock, so re-running this script rewrites byte-identical files:

    python3 scripts/sample-src/tls-handshake-refused/generate.py          # write
    python3 scripts/sample-src/tls-handshake-refused/generate.py --check  # compare only

It writes the bundle's hosts file, every log under logs/, expected-causes.tsv,
expected-skew.tsv and the "Expected findings" section of the README (computed
from the records as they are written, with their real line numbers).

The story (all times true UTC, Wednesday 2025-03-12):
  app05   InvoiceSync 3.4.1, a Windows service built for .NET Framework 4.5.2 (runs on
          the 4.8 runtime). Without SchUseStrongCrypto its HttpWebRequest offers
          SSL 3.0 / TLS 1.0 only. Every 5 minutes it POSTs the invoice outbox to
          https://billing-api.corp.example/api/v2/invoices/batch (web05). log4net.
          Windows Firewall log with successful connections (security baseline).
  web05   IIS 10 on Windows Server 2022 serving billing-api.corp.example. Its clock
          is 13.08 s fast (no NTP sync; VMware Tools keeps it on the ESX host clock).
          05:58 the admin applies the TLS hardening change (TLS 1.0/1.1 server side
          disabled) and reboots. From 06:05 every InvoiceSync connection dies in the
          handshake: SChannel 36874 + 36888 on web05, the client gets WSAECONNRESET.
          06:39 InvoiceSync is restarted with SchUseStrongCrypto set: TLS 1.2, works.
  05:45   before the change, one InvoiceSync request is reset while web05 is healthy and
          logs nothing about it: unexplained.
  web06   the second IIS server (portal.corp.example). A vulnerability scanner probes
          it with TLS 1.0 0.6 s before that reset: SChannel errors on a host InvoiceSync
          never talks to, the decoy.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from datetime import datetime, timezone
from pathlib import Path

NAME = "tls-handshake-refused"
ROOT = Path(__file__).resolve().parents[3]
BUNDLE = ROOT / "sample-logs" / NAME
REL = f"sample-logs/{NAME}/logs"

DAY = datetime(2025, 3, 12, tzinfo=timezone.utc)
T0 = int(DAY.timestamp() * 1_000_000)


def us(h, m, s=0.0):
    return T0 + int(round(((h * 60 + m) * 60 + s) * 1_000_000))


START, END = us(5, 30), us(7, 15)
SKEW = {"app05": 0, "web05": 13_080_000, "web06": 0}   # how far each clock is ahead of true UTC

APP05, WEB05, WEB06, APP07 = "10.40.2.15", "10.40.1.21", "10.40.1.22", "10.40.2.17"
DC01, PRTG, SCANNER, ADMIN = "10.40.0.5", "10.40.0.40", "10.40.0.61", "10.40.5.12"
BROWSERS = ["10.40.5.31", "10.40.5.34", "10.40.5.47"]

CHANGE_REBOOT = us(5, 58, 31.204)       # shutdown.exe on web05 (event 1074)
FIX_RESTART = us(6, 39, 5.517)          # InvoiceSync restarted with SchUseStrongCrypto
UNEXPLAINED_RUN = us(5, 45)

rng = random.Random(20250312)


# ---------------------------------------------------------------- time formats

def dt(t):
    return datetime.fromtimestamp(t / 1_000_000, tz=timezone.utc)


def iso_ms(t):
    return dt(t).strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt(t).microsecond // 1000:03d}Z"


def log4net_ts(t):  # %date = ISO8601 layout "yyyy-MM-dd HH:mm:ss,fff", local time (UTC here)
    return dt(t).strftime("%Y-%m-%d %H:%M:%S,") + f"{dt(t).microsecond // 1000:03d}"


def w3c_ts(t):  # IIS W3C / pfirewall: whole seconds
    return dt(t).strftime("%Y-%m-%d %H:%M:%S")


def wev_ts(t):  # wevtutil /f:text Date:
    return dt(t).strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt(t).microsecond // 1000:03d}"


def ps_ts(t):  # Windows PowerShell 5.1 en-US DateTime.ToString() in Export-Csv
    d = dt(t)
    h12 = d.hour % 12 or 12
    return f"{d.month}/{d.day}/{d.year} {h12}:{d.minute:02d}:{d.second:02d} {'AM' if d.hour < 12 else 'PM'}"


def local(host, t):
    return t + SKEW[host]


# ---------------------------------------------------------------- collectors

class Log:
    """Records (true time, text, tag); the text may span lines. Written sorted by time."""

    def __init__(self):
        self.recs = []

    def add(self, t, text, tag=None):
        self.recs.append((t, len(self.recs), text, tag))

    def render(self, header=()):
        self.recs.sort(key=lambda r: (r[0], r[1]))
        lines = list(header)
        tags = {}
        for t, _, text, tag in self.recs:
            if tag is not None:
                tags.setdefault(tag, []).append((len(lines) + 1, t))
            lines.extend(text.split("\n"))
        return lines, tags


client = Log()        # app05 InvoiceSync.log (log4net)
fw_app05 = Log()      # app05 pfirewall.log
fw_web05 = Log()      # web05 pfirewall.log
iis = Log()           # web05 u_ex250312.log
sys05 = []            # web05 System events (wevtutil text)
sys06 = []            # web06 System events (Export-Csv)

expect = {"resets": [], "anchors": []}


# ---------------------------------------------------------------- ports

class Ephemeral:
    """Windows hands out dynamic ports (49152-65535) roughly in sequence."""

    def __init__(self, start):
        self.p = start

    def next(self):
        self.p += rng.randrange(1, 9)
        if self.p > 65535:
            self.p = 49152 + (self.p - 65536)
        return self.p


ports = {APP05: Ephemeral(51207), APP07: Ephemeral(60311), PRTG: Ephemeral(55870), ADMIN: Ephemeral(50122)}
for b in BROWSERS:
    ports[b] = Ephemeral(rng.randrange(49800, 64000))


def fw_line(t, action, proto, src, dst, sport, dport, size="0", flags="-", syn="0", ack="0", win="0", path="SEND"):
    if proto != "TCP":
        syn = ack = win = "-"
    return f"{w3c_ts(t)} {action} {proto} {src} {dst} {sport} {dport} {size} {flags} {syn} {ack} {win} - - - {path}"


def tcp_connect(t, src, dst, dport, tag=None):
    """One new TCP connection: the firewalls that log successful connections see it."""
    sport = ports[src].next() if src in ports else rng.randrange(49152, 65535)
    if src == APP05:
        fw_app05.add(local("app05", t), fw_line(local("app05", t), "ALLOW", "TCP", src, dst, sport, dport),
                     tag=("conn", sport))
    if dst == WEB05:
        tr = t + rng.randrange(250, 700)
        fw_web05.add(local("web05", tr), fw_line(local("web05", tr), "ALLOW", "TCP", src, dst, sport, dport,
                                                 path="RECEIVE"), tag=("conn", sport) if src == APP05 else None)
        if src == APP05:
            expect["anchors"].append((sport, t, tr))
    return sport


def dns_lookup(t):
    fw_app05.add(t, fw_line(t, "ALLOW", "UDP", APP05, DC01, ports[APP05].next(), 53))


# ---------------------------------------------------------------- IIS W3C

IIS_FIELDS = ("date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
              "cs(Referer) sc-status sc-substatus sc-win32-status time-taken")


def iis_header(t):
    lt = local("web05", t)
    return ["#Software: Microsoft Internet Information Services 10.0", "#Version: 1.0",
            f"#Date: {w3c_ts(lt)}", f"#Fields: {IIS_FIELDS}"]


def iis_hit(t_start, method, stem, query, cip, ua, status, taken_ms, win32=0, sub=0, user="-"):
    t_end = t_start + taken_ms * 1000
    lt = local("web05", t_end)
    iis.add(t_end, f"{w3c_ts(lt)} {WEB05} {method} {stem} {query or '-'} 443 {user} {cip} {ua} - "
                   f"{status} {sub} {win32} {taken_ms}")


WEB05_DOWN = (CHANGE_REBOOT + 1_200_000, us(6, 0, 33.9))   # from shutdown to W3SVC running


def web05_up(t):
    return not (WEB05_DOWN[0] <= t <= WEB05_DOWN[1])


# ---------------------------------------------------------------- InvoiceSync on app05

LOGGER_JOB = "Contoso.InvoiceSync.SyncJob"
LOGGER_API = "Contoso.InvoiceSync.BillingApiClient"
LOGGER_SVC = "Contoso.InvoiceSync.InvoiceSyncService"
URL = "https://billing-api.corp.example/api/v2/invoices/batch"
UA_SYNC = "InvoiceSync/3.4.1"

STACK_HANDSHAKE = """System.Net.WebException: The underlying connection was closed: An unexpected error occurred on a send. ---> System.IO.IOException: Unable to read data from the transport connection: An existing connection was forcibly closed by the remote host. ---> System.Net.Sockets.SocketException: An existing connection was forcibly closed by the remote host
   at System.Net.Sockets.Socket.Receive(Byte[] buffer, Int32 offset, Int32 size, SocketFlags socketFlags)
   at System.Net.Sockets.NetworkStream.Read(Byte[] buffer, Int32 offset, Int32 size)
   --- End of inner exception stack trace ---
   at System.Net.Sockets.NetworkStream.Read(Byte[] buffer, Int32 offset, Int32 size)
   at System.Net.FixedSizeReader.ReadPacket(Byte[] buffer, Int32 offset, Int32 count)
   at System.Net.Security.SslState.StartReceiveBlob(Byte[] buffer, AsyncProtocolRequest asyncRequest)
   at System.Net.Security.SslState.CheckCompletionBeforeNextReceive(ProtocolToken message, AsyncProtocolRequest asyncRequest)
   at System.Net.Security.SslState.StartSendBlob(Byte[] incoming, Int32 count, AsyncProtocolRequest asyncRequest)
   at System.Net.Security.SslState.ForceAuthentication(Boolean receiveFirst, Byte[] buffer, AsyncProtocolRequest asyncRequest)
   at System.Net.Security.SslState.ProcessAuthentication(LazyAsyncResult lazyResult)
   at System.Net.TlsStream.CallProcessAuthentication(Object state)
   at System.Threading.ExecutionContext.RunInternal(ExecutionContext executionContext, ContextCallback callback, Object state, Boolean preserveSyncCtx)
   at System.Threading.ExecutionContext.Run(ExecutionContext executionContext, ContextCallback callback, Object state, Boolean preserveSyncCtx)
   at System.Threading.ExecutionContext.Run(ExecutionContext executionContext, ContextCallback callback, Object state)
   at System.Net.TlsStream.ProcessAuthentication(LazyAsyncResult result)
   at System.Net.TlsStream.Write(Byte[] buffer, Int32 offset, Int32 size)
   at System.Net.PooledStream.Write(Byte[] buffer, Int32 offset, Int32 size)
   at System.Net.ConnectStream.WriteHeaders(Boolean async)
   --- End of inner exception stack trace ---
   at System.Net.HttpWebRequest.GetRequestStream(TransportContext& context)
   at System.Net.HttpWebRequest.GetRequestStream()
   at Contoso.InvoiceSync.BillingApiClient.PostBatch(InvoiceBatch batch)
   at Contoso.InvoiceSync.SyncJob.SendWithRetry(InvoiceBatch batch)"""

STACK_RECEIVE = """System.Net.WebException: The underlying connection was closed: An unexpected error occurred on a receive. ---> System.IO.IOException: Unable to read data from the transport connection: An existing connection was forcibly closed by the remote host. ---> System.Net.Sockets.SocketException: An existing connection was forcibly closed by the remote host
   at System.Net.Sockets.Socket.Receive(Byte[] buffer, Int32 offset, Int32 size, SocketFlags socketFlags)
   at System.Net.Sockets.NetworkStream.Read(Byte[] buffer, Int32 offset, Int32 size)
   --- End of inner exception stack trace ---
   at System.Net.Sockets.NetworkStream.Read(Byte[] buffer, Int32 offset, Int32 size)
   at System.Net.FixedSizeReader.ReadPacket(Byte[] buffer, Int32 offset, Int32 count)
   at System.Net.Security._SslStream.StartFrameHeader(Byte[] buffer, Int32 offset, Int32 count, AsyncProtocolRequest asyncRequest)
   at System.Net.Security._SslStream.StartReading(Byte[] buffer, Int32 offset, Int32 count, AsyncProtocolRequest asyncRequest)
   at System.Net.Security._SslStream.ProcessRead(Byte[] buffer, Int32 offset, Int32 count, AsyncProtocolRequest asyncRequest)
   at System.Net.TlsStream.Read(Byte[] buffer, Int32 offset, Int32 size)
   at System.Net.PooledStream.Read(Byte[] buffer, Int32 offset, Int32 size)
   at System.Net.Connection.SyncRead(HttpWebRequest request, Boolean userRetrievedStream, Boolean probeRead)
   --- End of inner exception stack trace ---
   at System.Net.HttpWebRequest.GetResponse()
   at Contoso.InvoiceSync.BillingApiClient.PostBatch(InvoiceBatch batch)
   at Contoso.InvoiceSync.SyncJob.SendWithRetry(InvoiceBatch batch)"""

STACK_REFUSED = """System.Net.WebException: Unable to connect to the remote server ---> System.Net.Sockets.SocketException: No connection could be made because the target machine actively refused it 10.40.1.21:443
   at System.Net.Sockets.Socket.DoConnect(EndPoint endPointSnapshot, SocketAddress socketAddress)
   at System.Net.ServicePoint.ConnectSocketInternal(Boolean connectFailure, Socket s4, Socket s6, Socket& socket, IPAddress& address, ConnectSocketState state, IAsyncResult asyncResult, Exception& exception)
   --- End of inner exception stack trace ---
   at System.Net.HttpWebRequest.GetRequestStream(TransportContext& context)
   at System.Net.HttpWebRequest.GetRequestStream()
   at Contoso.InvoiceSync.BillingApiClient.PostBatch(InvoiceBatch batch)
   at Contoso.InvoiceSync.SyncJob.SendWithRetry(InvoiceBatch batch)"""


def cl(t, thread, level, logger, msg, tag=None):
    client.add(t, f"{log4net_ts(t)} [{thread}] {level:<5} {logger} - {msg}", tag)


def batch_id():
    return "%08x-%04x-4%03x-%04x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12),
                                            0x8000 | rng.getrandbits(14), rng.getrandbits(48))


outbox = {"n": 0}
run_no = {"n": 1174}


def sync_runs():
    t = START
    while t < END:
        run_no["n"] += 1
        n = run_no["n"]
        t0 = t + rng.randrange(9_000, 41_000)
        thread = rng.choice((6, 7, 9))
        outbox["n"] += rng.randrange(1, 9)
        cl(t0, thread, "INFO", LOGGER_JOB, f"Run {n} started: {outbox['n']} invoice(s) pending in outbox")
        if t == UNEXPLAINED_RUN:
            attempt_unexplained(t0, n, thread)
        else:
            run_attempts(t0, n, thread)
        t += 300_000_000


def post_ok(tc, n, thread, tls12):
    """A successful POST on a new connection tc: IIS logs it, InvoiceSync logs 202."""
    k = outbox["n"]
    taken = rng.randrange(140, 420) + 9 * k
    iis_hit(tc + 2_000 + (25_000 if tls12 else 31_000), "POST", "/api/v2/invoices/batch", None, APP05, UA_SYNC,
            202, taken)
    te = tc + (25_000 if tls12 else 31_000) + taken * 1000 + rng.randrange(3_000, 9_000)
    cl(te, thread, "INFO", LOGGER_API, f"POST {URL} -> 202 Accepted in {(te - tc) // 1000} ms "
                                       f"(batch {batch_id()}, {k} invoice(s))")
    cl(te + rng.randrange(800, 3_000), thread, "INFO", LOGGER_JOB, f"Run {n} finished: {k} invoice(s) sent")
    outbox["n"] = 0


def run_attempts(t0, n, thread):
    tls12 = t0 > FIX_RESTART
    for attempt in (1, 2):
        tc = t0 + rng.randrange(6_000, 14_000)
        dns_lookup(tc - rng.randrange(1_500, 4_000))
        if not web05_up(tc):
            # web05 is rebooting: the SYN gets a RST from a host with no listener yet.
            sport = ports[APP05].next()
            fw_app05.add(tc, fw_line(tc, "ALLOW", "TCP", APP05, WEB05, sport, 443))
            te = tc + rng.randrange(1_010_000, 1_030_000)   # Windows retries the SYN twice
            msg = (f"POST {URL} failed (attempt {attempt}/2)" + (", retrying in 15 s" if attempt == 1 else "")
                   + "\n" + STACK_REFUSED)
            cl(te, thread, "ERROR", LOGGER_API, msg, tag=("refused", attempt))
        elif T_CHANGE_EFFECT <= tc < FIX_RESTART:
            sport = tcp_connect(tc, APP05, WEB05, 443)
            hello = tc + rng.randrange(900, 1_600)
            e1 = hello + rng.randrange(600, 1_100)
            e2 = e1 + rng.randrange(200, 900)
            schannel_refusal(e1, e2, sport)
            te = e2 + rng.randrange(1_800, 5_500)
            msg = (f"POST {URL} failed (attempt {attempt}/2)" + (", retrying in 15 s" if attempt == 1 else "")
                   + "\n" + STACK_HANDSHAKE)
            cl(te, thread, "ERROR", LOGGER_API, msg, tag=("reset", sport))
            expect["resets"].append(dict(t=te, port=sport, cause="tls_failure", e36874=e1, e36888=e2))
        else:
            tc2 = tcp_connect(tc, APP05, WEB05, 443)
            post_ok(tc, n, thread, tls12)
            return
        t0 = te + 15_000_000 - rng.randrange(0, 4_000)
    cl(te + rng.randrange(1_000, 4_000), thread, "WARN", LOGGER_JOB,
       f"Run {n} failed after 2 attempt(s); {outbox['n']} invoice(s) stay in the outbox")


def attempt_unexplained(t0, n, thread):
    tc = t0 + rng.randrange(6_000, 14_000)
    dns_lookup(tc - 2_100)
    sport = tcp_connect(tc, APP05, WEB05, 443)
    te = tc + 862_417
    cl(te, thread, "ERROR", LOGGER_API, f"POST {URL} failed (attempt 1/2), retrying in 15 s\n" + STACK_RECEIVE,
       tag=("reset", sport))
    expect["resets"].append(dict(t=te, port=sport, cause="unexplained"))
    expect["unexplained_t"] = te
    tc = te + 15_000_000 + rng.randrange(6_000, 14_000)
    dns_lookup(tc - 1_900)
    tcp_connect(tc, APP05, WEB05, 443)
    post_ok(tc, n, thread, False)


def service_restart():
    t = FIX_RESTART
    cl(t, 1, "INFO", LOGGER_SVC, "Service stop requested by the Service Control Manager")
    cl(t + 41_000, 1, "INFO", LOGGER_SVC, "InvoiceSync stopped (outbox: %d invoice(s) pending)" % 0)
    t2 = t + 2_310_000
    cl(t2, 1, "INFO", LOGGER_SVC, "InvoiceSync 3.4.1 starting on APP05 (CLR 4.0.30319.42000, target "
                                   ".NETFramework,Version=v4.5.2)")
    cl(t2 + 4_000, 1, "INFO", LOGGER_SVC, "ServicePointManager.SecurityProtocol = Tls, Tls11, Tls12")
    cl(t2 + 9_000, 1, "INFO", LOGGER_SVC, f"Billing API {URL}, schedule every 5 min, outbox D:\\InvoiceSync\\outbox")


# ---------------------------------------------------------------- web05 System log

def ev05(t, source, eid, level, desc, task="N/A", opcode="Info", keyword="N/A", user="S-1-5-18",
         uname="NT AUTHORITY\\SYSTEM", tag=None):
    sys05.append((t, len(sys05), source, eid, level, desc, task, opcode, keyword, user, uname, tag))


T_CHANGE_EFFECT = us(6, 0, 33.9)    # TLS 1.0 is off once the rebooted web05 serves again

MSG_36874 = ("An TLS 1.0 connection request was received from a remote client application, but none of the "
             "cipher suites supported by the client application are supported by the server. The TLS "
             "connection request has failed.")
MSG_36888 = ("A fatal alert was generated and sent to the remote endpoint. This may result in termination of "
             "the connection. The TLS protocol defined fatal error code is 40. The Windows SChannel error state "
             "is 1205.")


def schannel_refusal(e1, e2, sport):
    ev05(e1, "Schannel", 36874, "Error", [MSG_36874], keyword="N/A", tag=("36874", sport))
    ev05(e2, "Schannel", 36888, "Error", [MSG_36888], keyword="N/A", tag=("36888", sport))


def web05_system():
    r = CHANGE_REBOOT
    ev05(r - 412_000_000, "Microsoft-Windows-Time-Service", 36, "Warning",
         ["The time service has not synchronized the system time for 86400 seconds because none of the time "
          "service providers provided a usable time stamp. The time service will not update the local clock "
          "until it is able to synchronize with a time source."],
         user="S-1-5-19", uname="NT AUTHORITY\\LOCAL SERVICE")
    ev05(r, "User32", 1074, "Information",
         ["The process C:\\Windows\\system32\\shutdown.exe (WEB05) has initiated the restart of computer WEB05 on "
          "behalf of user CORP\\adm.mkoenig for the following reason: Operating System: Reconfiguration "
          "(Planned)",
          " Reason Code: 0x80020004",
          " Shutdown Type: restart",
          " Comment: CHG0041876 disable TLS 1.0/1.1 (server) per security baseline 2025.1"],
         keyword="Classic", user="S-1-5-21-1409082233-1417001333-682003330-2714", uname="CORP\\adm.mkoenig",
         tag="1074")
    ev05(r + 6_842_000, "EventLog", 6006, "Information", ["The Event log service was stopped."],
         keyword="Classic", user="N/A", uname="N/A")
    b = us(5, 59, 52.118)
    ev05(b, "EventLog", 6009, "Information",
         ["Microsoft (R) Windows (R) 10.00. 20348  Multiprocessor Free."], keyword="Classic", user="N/A", uname="N/A")
    ev05(b + 4_000, "EventLog", 6005, "Information", ["The Event log service was started."],
         keyword="Classic", user="N/A", uname="N/A")
    ev05(b + 9_412_000, "Service Control Manager", 7036, "Information",
         ["The Windows Process Activation Service service entered the running state."], keyword="Classic")
    ev05(us(6, 0, 33.9) - 180_000, "Service Control Manager", 7036, "Information",
         ["The World Wide Web Publishing Service service entered the running state."], keyword="Classic",
         tag="w3svc_running")
    ev05(b + 53_770_000, "EventLog", 6013, "Information", ["The system uptime is 62 seconds."],
         keyword="Classic", user="N/A", uname="N/A")
    # noise over the two hours
    for (h, m) in ((5, 33), (6, 14), (6, 52)):
        ev05(us(h, m, rng.uniform(0, 59)), "Microsoft-Windows-DistributedCOM", 10016, "Warning",
             ["The application-specific permission settings do not grant Local Activation permission for the COM "
              "Server application with CLSID ",
              "{D63B10C5-BB46-4990-A94F-E40B9D520160}",
              " and APPID ",
              "{9CA88EE3-ACB7-47C8-AFC4-AB702511C276}",
              " to the user NT AUTHORITY\\SYSTEM SID (S-1-5-18) from address LocalHost (Using LRPC) running in the "
              "application container Unavailable SID (Unavailable). This security permission can be modified using "
              "the Component Services administrative tool."], keyword="Classic")
    for (h, m) in ((5, 41), (6, 46)):
        ev05(us(h, m, rng.uniform(0, 59)), "Microsoft-Windows-GroupPolicy", 1500, "Information",
             ["The Group Policy settings for the computer were processed successfully. There were no changes "
              "detected since the last successful processing of Group Policy."])
    ev05(us(6, 1, 17.532), "Microsoft-Windows-GroupPolicy", 1502, "Information",
         ["The Group Policy settings for the computer were processed successfully. New settings from 3 Group "
          "Policy objects were detected and applied."])
    ev05(us(5, 52, 47.088), "Microsoft-Windows-Kernel-General", 16, "Information",
         ["The access history in hive \\??\\C:\\Users\\adm.mkoenig\\ntuser.dat was cleared updating 412 keys and "
          "creating 19 modified pages."])


def render_sys05():
    out, tags = [], {}
    for i, (t, _, src, eid, level, desc, task, opcode, keyword, user, uname, tag) in enumerate(
            sorted(sys05, key=lambda e: (e[0], e[1]))):
        if tag is not None:
            tags.setdefault(tag, []).append((len(out) + 1, t))
        out += [f"Event[{i}]:", "  Log Name: System", f"  Source: {src}", f"  Date: {wev_ts(local('web05', t))}",
                f"  Event ID: {eid}", f"  Task: {task}", f"  Level: {level}", f"  Opcode: {opcode}",
                f"  Keyword: {keyword}", f"  User: {user}", f"  User Name: {uname}",
                "  Computer: web05.corp.example", "  Description: "] + desc + [""]
    return out, tags


# ---------------------------------------------------------------- web06 System log (Export-Csv)

def web06_system():
    u = expect["unexplained_t"]
    probe = u - 611_000
    for k, d in enumerate((0, 118_000, 294_000)):
        sys06.append((probe + d, "Schannel", 36874, "Error", MSG_36874, ("decoy_36874", k)))
        sys06.append((probe + d + 700, "Schannel", 36888, "Error", MSG_36888, ("decoy_36888", k)))
    for (h, m) in ((5, 38), (6, 8), (6, 38), (7, 8)):
        sys06.append((us(h, m, rng.uniform(0, 59)), "Microsoft-Windows-Time-Service", 37, "Information",
                      "The time provider NtpClient is currently receiving valid time data from dc01.corp.example "
                      f"(ntp.d|0.0.0.0:123->{DC01}:123).", None))
    for (h, m) in ((5, 41), (6, 27), (7, 3)):
        sys06.append((us(h, m, rng.uniform(0, 59)), "Microsoft-Windows-GroupPolicy", 1500, "Information",
                      "The Group Policy settings for the computer were processed successfully. There were no changes "
                      "detected since the last successful processing of Group Policy.", None))
    sys06.append((us(6, 20, 14.337), "Service Control Manager", 7040, "Information",
                  "The start type of the Background Intelligent Transfer Service service was changed from auto start "
                  "to demand start.", None))


def render_sys06():
    rows = sorted(sys06, key=lambda e: e[0], reverse=True)   # Get-WinEvent returns newest first
    out = ['"TimeCreated","Id","LevelDisplayName","ProviderName","Message"']
    tags = {}
    for t, src, eid, level, msg, tag in rows:
        if tag is not None:
            tags[tag] = [(len(out) + 1, t)]
        out.append(f'"{ps_ts(local("web06", t))}","{eid}","{level}","{src}","{msg}"')
    return out, tags


# ---------------------------------------------------------------- other traffic (noise)

def other_clients():
    # ErpConnector on app07 (.NET Framework 4.8, TLS 1.2): a keep-alive connection, new after 100 s idle.
    t, last = START + 4_100_000, None
    while t < END:
        if web05_up(t):
            if last is None or t - last > 100_000_000:
                tcp_connect(t - 3_000, APP07, WEB05, 443)
            last = t
            if rng.random() < 0.7:
                iis_hit(t, "GET", f"/api/v2/customers/{rng.randrange(10000, 99999)}", None, APP07,
                        "ErpConnector/7.2", 200, rng.randrange(15, 90))
            else:
                iis_hit(t, "POST", "/api/v2/orders/sync", None, APP07, "ErpConnector/7.2", 200,
                        rng.randrange(120, 600))
        t += rng.randrange(18_000_000, 140_000_000)
    # PRTG HTTP sensor every 60 s, a new connection each time.
    t = START + 27_310_000
    while t < END:
        if web05_up(t):
            tcp_connect(t, PRTG, WEB05, 443)
            iis_hit(t + 9_000, "GET", "/api/health", None, PRTG,
                    "Mozilla/5.0+(compatible;+PRTG+Network+Monitor+(www.paessler.com);+Windows)", 200,
                    rng.randrange(3, 14))
        t += 60_000_000 + rng.randrange(-150_000, 150_000)
    # people browsing the API docs
    for h, m in ((5, 36), (6, 22), (6, 58), (7, 6)):
        b = rng.choice(BROWSERS)
        t = us(h, m, rng.uniform(0, 50))
        tcp_connect(t, b, WEB05, 443)
        ua = "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/133.0.0.0+Safari/537.36+Edg/133.0.0.0"
        for k, (stem, st) in enumerate((("/swagger/ui/index", 200), ("/swagger/docs/v2", 200),
                                        ("/favicon.ico", 404))):
            iis_hit(t + 30_000 + k * 210_000, "GET", stem, None, b, ua, st, rng.randrange(4, 60),
                    sub=0 if st == 200 else 0, win32=0)
    # the admin's RDP session for the change
    t = us(5, 51, 2.417)
    tcp_connect(t, ADMIN, WEB05, 3389)
    fw_web05.add(t + 3_100, fw_line(local("web05", t + 3_100), "ALLOW", "UDP", ADMIN, WEB05,
                                    ports[ADMIN].next(), 3389, path="RECEIVE"))
    # broadcasts the hosts drop (NetBIOS, LLMNR), away from the resets
    for host, log, ip, subnet in (("web05", fw_web05, WEB05, "10.40.1"), ("app05", fw_app05, APP05, "10.40.2")):
        for _ in range(14):
            while True:
                t = rng.randrange(START, END)
                if all(abs(t - r["t"]) > 60_000_000 for r in expect["resets"]):
                    break
            src = f"{subnet}.{rng.randrange(30, 90)}"
            if rng.random() < 0.6:
                line = fw_line(local(host, t), "DROP", "UDP", src, f"{subnet}.255", 137, 137, size="78",
                               path="RECEIVE")
            else:
                line = fw_line(local(host, t), "DROP", "UDP", src, "224.0.0.252", rng.randrange(49152, 65535), 5355,
                               size="64", path="RECEIVE")
            log.add(local(host, t), line)
    # app05's own chatter: domain controller, WSUS, file share
    t = START + 2_000_000
    while t < END:
        kind = rng.random()
        if kind < 0.4:
            fw_app05.add(t, fw_line(t, "ALLOW", "UDP", APP05, DC01, ports[APP05].next(), 53))
        elif kind < 0.65:
            fw_app05.add(t, fw_line(t, "ALLOW", "TCP", APP05, DC01, ports[APP05].next(), 389))
        elif kind < 0.8:
            fw_app05.add(t, fw_line(t, "ALLOW", "TCP", APP05, DC01, ports[APP05].next(), 88))
        elif kind < 0.9:
            fw_app05.add(t, fw_line(t, "ALLOW", "TCP", APP05, "10.40.0.9", ports[APP05].next(), 445))
        else:
            fw_app05.add(t, fw_line(t, "ALLOW", "TCP", APP05, "10.40.0.12", ports[APP05].next(), 8530))
        t += rng.randrange(20_000_000, 110_000_000)


# ---------------------------------------------------------------- build and facts

HOSTS = f"""# tls-handshake-refused: how the names and addresses in the logs map to the hosts whose logs are here.
# InvoiceSync on app05 calls https://billing-api.corp.example/ (IIS on web05).
{APP05}  app05  app05.corp.example
{WEB05}  web05  web05.corp.example  billing-api.corp.example
{WEB06}  web06  web06.corp.example  portal.corp.example
"""

FW_HEADER = ["#Version: 1.5", "#Software: Microsoft Windows Firewall", "#Time Format: Local",
             "#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin "
             "icmptype icmpcode info path", ""]

PATHS = {
    "client": "app05/InvoiceSync/logs/InvoiceSync.log",
    "fw_app05": "app05/Firewall/pfirewall.log",
    "sys05": "web05/eventlogs/System.txt",
    "iis": "web05/W3SVC2/u_ex250312.log",
    "fw_web05": "web05/Firewall/pfirewall.log",
    "sys06": "web06/eventlogs/System.csv",
}
FORMATS = {"client": "logback", "fw_app05": "windows_firewall", "sys05": "wevtutil_text", "iis": "iis_w3c",
           "fw_web05": "windows_firewall", "sys06": "windows_event_csv"}


def build():
    web05_system()
    sync_runs()
    service_restart()
    web06_system()
    other_clients()


def render():
    build()
    files, tags, nlines = {}, {}, {}

    lines, tg = client.render()
    files["client"] = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    tags["client"], nlines["client"] = tg, len(lines)

    for key, log in (("fw_app05", fw_app05), ("fw_web05", fw_web05)):
        lines, tg = log.render(FW_HEADER)
        files[key] = ("\r\n".join(lines) + "\r\n").encode("ascii")
        tags[key], nlines[key] = tg, len(lines)

    # IIS writes its header block again when the log is reopened after the reboot.
    iis.recs.sort(key=lambda r: (r[0], r[1]))
    before = [r for r in iis.recs if r[0] < CHANGE_REBOOT]
    after = [r for r in iis.recs if r[0] >= CHANGE_REBOOT]
    lines = iis_header(START)
    for r in before:
        lines.append(r[2])
    lines += iis_header(after[0][0] - 1_000)
    for r in after:
        lines.append(r[2])
    files["iis"] = ("\r\n".join(lines) + "\r\n").encode("ascii")
    tags["iis"], nlines["iis"] = {}, len(lines)

    lines, tg = render_sys05()
    files["sys05"] = b"\xff\xfe" + ("\r\n".join(lines) + "\r\n").encode("utf-16-le")
    tags["sys05"], nlines["sys05"] = tg, len(lines)

    lines, tg = render_sys06()
    files["sys06"] = b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8")
    tags["sys06"], nlines["sys06"] = tg, len(lines)
    return files, tags, nlines


def src(key):
    return f"{REL}/{PATHS[key]}"


def facts(tags, nlines):
    f = {"sources": [], "resets": [], "anchors": []}
    for key in sorted(PATHS, key=lambda k: PATHS[k]):
        f["sources"].append((src(key), FORMATS[key], PATHS[key].split("/")[0], nlines[key]))
    for r in sorted(expect["resets"], key=lambda r: r["t"]):
        (line, _), = tags["client"][("reset", r["port"])]
        row = dict(ts=iso_ms(r["t"]), t=r["t"], line=line, port=r["port"], cause=r["cause"])
        if r["cause"] == "tls_failure":
            (l1, t1), = tags["sys05"][("36874", r["port"])]
            (l2, t2), = tags["sys05"][("36888", r["port"])]
            row.update(l36874=l1, l36888=l2, ts36874=iso_ms(local("web05", t1)), ts36888=iso_ms(local("web05", t2)),
                       raw_ms=(local("web05", t2) - r["t"]) / 1000, true_ms=(t2 - r["t"]) / 1000)
        f["resets"].append(row)
    # anchors: the same app05 -> web05:443 connection in both firewall logs (whole seconds)
    diffs = []
    for sport, tc, tr in expect["anchors"]:
        (la, _), = tags["fw_app05"][("conn", sport)]
        (lw, _), = tags["fw_web05"][("conn", sport)]
        a = local("app05", tc) // 1_000_000
        w = local("web05", tr) // 1_000_000
        diffs.append(w - a)
        f["anchors"].append((sport, la, lw, w - a))
    f["anchor_median_s"] = statistics.median(diffs)
    f["decoy"] = []
    for k in range(3):
        (l1, t1), = tags["sys06"][("decoy_36874", k)]
        (l2, t2), = tags["sys06"][("decoy_36888", k)]
        f["decoy"].append((l1, ps_ts(t1), l2))
    f["decoy_first_t"] = min(t for (ln, t) in (tags["sys06"][("decoy_36874", k)][0] for k in range(3)))
    f["refused"] = [(ln, iso_ms(t)) for k in (1, 2) for ln, t in tags["client"].get(("refused", k), [])]
    (l, t), = tags["sys05"]["1074"]
    f["reboot"] = (l, iso_ms(local("web05", t)))
    (l, t), = tags["sys05"]["w3svc_running"]
    f["w3svc"] = (l, iso_ms(local("web05", t)))
    return f


def tsv_causes(f):
    out = ["reset_source\treset_line\tcause\tserver_host\tcause_source\tcause_line"]
    for r in f["resets"]:
        if r["cause"] == "tls_failure":
            out.append(f"{src('client')}\t{r['line']}\ttls_failure\tweb05\t{src('sys05')}\t{r['l36874']}")
        else:
            out.append(f"{src('client')}\t{r['line']}\tunexplained\tweb05\t\t")
    return "\n".join(out) + "\n"


def tsv_skew():
    return "host\toffset_ms\n" + "".join(f"{h}\t{SKEW[h] // 1000}\n" for h in sorted(SKEW))


def readme_facts(f):
    total = sum(s[3] for s in f["sources"])
    tls = [r for r in f["resets"] if r["cause"] == "tls_failure"]
    un = [r for r in f["resets"] if r["cause"] == "unexplained"][0]
    o = ["<!-- BEGIN expected facts (generated by scripts/sample-src/tls-handshake-refused/generate.py) -->", "",
         "All times are UTC as rstscope stores them (web05's own stamps, 13.08 s fast, are shown as",
         f"written). Paths are as rstscope names sources when the bundle is imported with `{REL}` as",
         "the PATH argument. Line numbers are 1-based; a multi-line record (a log4net entry with its",
         "stack trace, a wevtutil `Event[N]:` block) is named by its first line.", "",
         f"### Sources: {len(f['sources'])} files, {total} lines", "",
         "| source | format | host | lines |", "| --- | --- | --- | ---: |"]
    for s, fmt, h, n in f["sources"]:
        o.append(f"| `{s}` | `{fmt}` | {h} | {n} |")
    o += ["", f"### Resets: {len(f['resets'])} (all in `{src('client')}`)", "",
          "| # | ts (UTC) | line | client port | web05 36874 line | web05 36888 line (its own stamp) | "
          "36888 − reset, raw | after −13.08 s | expected cause |",
          "| ---: | --- | ---: | ---: | ---: | --- | ---: | ---: | --- |"]
    for k, r in enumerate(f["resets"], 1):
        if r["cause"] == "tls_failure":
            o.append(f"| {k} | {r['ts']} | {r['line']} | {r['port']} | {r['l36874']} | {r['l36888']} ({r['ts36888']}) | "
                     f"+{r['raw_ms']:.0f} ms | {r['true_ms']:.0f} ms | `tls_failure` |")
        else:
            o.append(f"| {k} | {r['ts']} | {r['line']} | {r['port']} | – | – | – | – | `unexplained` |")
    o += ["", f"{len(tls)} × `tls_failure` (server_host web05, cause event: the SChannel 36874 of that handshake, "
              "which says why it was refused; the 36888 fatal alert follows it), 1 × `unexplained`.", "",
          "### Clock skew of web05: +13.08 s", "",
          f"{len(f['anchors'])} InvoiceSync connections appear in both firewall logs with the same 4-tuple "
          f"(`{APP05}:PORT -> {WEB05}:443`, `SEND` on app05, `RECEIVE` on web05). Their whole-second stamps "
          f"differ by a median of {f['anchor_median_s']} s (web05 − app05); the true offset is +13.08 s. Without "
          "the correction every 36888 lies 13.07–13.08 s *after* its reset, outside the [−30 s, +5 s] window.", "",
          "| client port | app05 pfirewall line | web05 pfirewall line | web05 − app05 (s) |",
          "| ---: | ---: | ---: | ---: |"]
    for sport, la, lw, d in f["anchors"]:
        o.append(f"| {sport} | {la} | {lw} | {d} |")
    d0 = (f["decoy_first_t"] - un["t"]) / 1000
    o += ["", "### Other evidence", "",
          f"* web05 `User32` 1074 (the planned restart, CHG0041876): `{src('sys05')}:{f['reboot'][0]}`, "
          f"{f['reboot'][1]} (web05's stamp).",
          f"* web05 7036 *World Wide Web Publishing Service entered the running state*: "
          f"`{src('sys05')}:{f['w3svc'][0]}`, {f['w3svc'][1]} (web05's stamp).",
          "* While web05 reboots, InvoiceSync gets `actively refused it 10.40.1.21:443` (no reset): "
          + ", ".join(f"`{src('client')}:{ln}` {ts}" for ln, ts in f["refused"]) + ".",
          f"* Decoy, web06 (in sync): three SChannel 36874/36888 pairs from a TLS 1.0 scan, the first "
          f"{-d0:.0f} ms before the unexplained reset: " +
          ", ".join(f"`{src('sys06')}:{a}`/`{c}` ({b})" for a, b, c in f["decoy"]) + ".",
          "", "<!-- END expected facts -->", ""]
    return "\n".join(o)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="fail if the files on disk differ")
    a = ap.parse_args()
    files, tags, nlines = render()
    f = facts(tags, nlines)
    out = {f"logs/{PATHS[k]}": v for k, v in files.items()}
    out["hosts"] = HOSTS.encode()
    out["expected-causes.tsv"] = tsv_causes(f).encode()
    out["expected-skew.tsv"] = tsv_skew().encode()
    readme_path = BUNDLE / "README.md"
    readme = readme_path.read_text() if readme_path.exists() else ""
    b, e = "<!-- BEGIN expected facts", "<!-- END expected facts -->\n"
    if b in readme:
        out["README.md"] = (readme[:readme.index(b)] + readme_facts(f) + readme[readme.index(e) + len(e):]).encode()
    bad = 0
    for rel, data in sorted(out.items()):
        p = BUNDLE / rel
        if a.check:
            if not p.exists() or p.read_bytes() != data:
                print(f"differs: {p}")
                bad = 1
        else:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
    return bad


if __name__ == "__main__":
    sys.exit(main())
