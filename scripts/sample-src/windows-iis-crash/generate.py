#!/usr/bin/env python3
"""Generates sample-logs/windows-iis-crash/ deterministically (seeded).

Run from anywhere: python3 scripts/sample-src/windows-iis-crash/generate.py
Writes hosts, logs/, README.md (README.in.md with the expected facts,
computed here from the finished files), expected-causes.tsv and
expected-skew.tsv; with --check it compares them with the files on disk.
web03's clock is WEB03_CLOCK (+8.743 s) ahead of wks07's.
"""
import datetime as dt
import os
import random

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
BUNDLE = os.path.join(ROOT, "sample-logs", "windows-iis-crash")
REL = "sample-logs/windows-iis-crash/logs"
R = random.Random(20241112)
UTC = dt.timezone.utc
DAY = dt.datetime(2024, 11, 12, tzinfo=UTC)

CLIENT_IP, SERVER_IP, MON_IP, DC_IP = "10.50.0.27", "10.50.0.13", "10.50.0.40", "10.50.0.5"
OTHER_CLIENTS = ["10.50.0.31", "10.50.0.32", "10.50.0.44"]
URL = "http://orders.corp.example/api/orders/import"


# web03's clock runs ahead of true time (wks07's NLog clock is right): w32time has lost
# its source (Time-Service 36 below), so every web03 log, W3C, HTTPERR and both event logs,
# reads WEB03_CLOCK later than it happened. The story is in true time; web03's lines are
# rendered with on_web03(x).
WEB03_CLOCK = dt.timedelta(seconds=8, milliseconds=743)
CLOCK_MS = {"web03": 8743, "wks07": 0}
assert CLOCK_MS["web03"] == WEB03_CLOCK // dt.timedelta(milliseconds=1)


def on_web03(x):
    return x + WEB03_CLOCK


def t(h, m, s, ms=0):
    return DAY + dt.timedelta(hours=h, minutes=m, seconds=s, milliseconds=ms)


def iso_ms(x):
    return x.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (x.microsecond // 1000)


# --- the incident -----------------------------------------------------------
# Five crashes of w3wp (OrdersPool) in 4 minutes: a poison batch (1213) makes a
# native label library in the ASP.NET app read a null pointer. Rapid-fail
# protection (5 failures in 5 minutes) disables the pool after the fifth.
# (crash time, w3wp pid, in-flight client requests: (worker, batch, client port, reset delay ms))
CRASHES = [
    (t(14, 31, 7, 412), 4711, [(1, 1213, 50112, 233), (2, 1214, 50114, 418)]),
    (t(14, 31, 59, 870), 5124, [(1, 1213, 50131, 612)]),
    (t(14, 32, 58, 305), 6032, [(1, 1213, 50150, 94), (2, 1215, 50149, 1247)]),
    (t(14, 34, 3, 641), 3308, [(1, 1213, 50171, 380)]),
    (t(14, 35, 14, 27), 7420, [(1, 1213, 50188, 566)]),
]
POOL_DISABLED = CRASHES[-1][0] + dt.timedelta(milliseconds=31)
POOL_STARTED = t(14, 41, 36, 0)  # on-call: Start-WebAppPool OrdersPool (new w3wp 2216)
UNEXPLAINED = t(15, 47, 12, 305)  # reset with nothing on web03
DECOY = t(15, 47, 12, 118)  # wuauserv stopped on web03, same second
DECOY_RUN = t(15, 49, 40, 552)
START, END = t(14, 0, 0), t(16, 0, 0)
PIDS_BEFORE = 3920  # w3wp serving OrdersPool since the morning

# --- client: wks07, OrderImport (.NET Framework 4.8), NLog --------------------
def nlog_ts(x):
    return x.strftime("%Y-%m-%d %H:%M:%S.") + "%04d" % (x.microsecond // 100)


TRACE = [
    "System.Net.WebException: The underlying connection was closed: An unexpected error occurred on a receive. ---> System.IO.IOException: Unable to read data from the transport connection: An existing connection was forcibly closed by the remote host. ---> System.Net.Sockets.SocketException: An existing connection was forcibly closed by the remote host",
    "   at System.Net.Sockets.Socket.Receive(Byte[] buffer, Int32 offset, Int32 size, SocketFlags socketFlags)",
    "   at System.Net.Sockets.NetworkStream.Read(Byte[] buffer, Int32 offset, Int32 size)",
    "   --- End of inner exception stack trace ---",
    "   at System.Net.Sockets.NetworkStream.Read(Byte[] buffer, Int32 offset, Int32 size)",
    "   at System.Net.PooledStream.Read(Byte[] buffer, Int32 offset, Int32 size)",
    "   at System.Net.Connection.SyncRead(HttpWebRequest request, Boolean userRetrievedStream, Boolean probeRead)",
    "   --- End of inner exception stack trace ---",
    "   at System.Net.HttpWebRequest.GetResponse()",
    "   at OrderImport.Http.OrdersApiClient.PostBatch(OrderBatch batch) in C:\\build\\OrderImport\\src\\OrderImport\\Http\\OrdersApiClient.cs:line 88",
    "   at OrderImport.ImportWorker.PushBatch(OrderBatch batch) in C:\\build\\OrderImport\\src\\OrderImport\\ImportWorker.cs:line 142",
]
TRACE_503 = [
    "System.Net.WebException: The remote server returned an error: (503) Server Unavailable.",
    "   at System.Net.HttpWebRequest.GetResponse()",
    "   at OrderImport.Http.OrdersApiClient.PostBatch(OrderBatch batch) in C:\\build\\OrderImport\\src\\OrderImport\\Http\\OrdersApiClient.cs:line 88",
    "   at OrderImport.ImportWorker.PushBatch(OrderBatch batch) in C:\\build\\OrderImport\\src\\OrderImport\\ImportWorker.cs:line 142",
]


def client_log():
    ev = []  # (time, [lines], tag)
    crash_req = {}
    for ct, pid, reqs in CRASHES:
        for w, b, port, d in reqs:
            crash_req[(ct, w)] = (b, port, d)
    # ordinary posts: each worker every 60 s (offset), each taking 90-400 ms
    batch = 1150
    cur = START + dt.timedelta(seconds=3, milliseconds=217)
    busy = {1: [], 2: []}
    for ct, pid, reqs in CRASHES:
        for w, b, port, d in reqs:
            busy[w].append((ct - dt.timedelta(seconds=12), ct + dt.timedelta(seconds=d / 1000 + 6)))
    blocked = (CRASHES[0][0] - dt.timedelta(seconds=20), POOL_STARTED + dt.timedelta(seconds=20))
    for w, off in ((1, 3.217), (2, 31.604)):
        x = START + dt.timedelta(seconds=off)
        while x < END:
            x2 = x + dt.timedelta(milliseconds=R.randint(0, 900))
            if not (blocked[0] <= x2 <= blocked[1]) and abs((x2 - UNEXPLAINED).total_seconds()) > 20:
                n = R.randint(8, 40)
                took = R.randint(90, 420)
                ev.append((x2, ["%s|INFO|OrderImport.ImportWorker|Worker %d: batch {B} ({n} orders) accepted by %s in %d ms" % (nlog_ts(x2 + dt.timedelta(milliseconds=took)), w, URL, took)], "ok", n))
            x += dt.timedelta(seconds=60)
    # health probe every 5 min
    x = START + dt.timedelta(seconds=45, milliseconds=12)
    while x < END:
        if not (CRASHES[-1][0] < x < POOL_STARTED):
            ev.append((x, ["%s|DEBUG|OrderImport.HealthProbe|GET http://orders.corp.example/api/health -> 200 OK (%d ms)" % (nlog_ts(x), R.randint(3, 18))], "noise", 0))
        x += dt.timedelta(minutes=5)
    # hourly config reload and cache stats
    for h in (14, 15):
        x = t(h, 0, 0, 501)
        ev.append((x, ["%s|INFO|OrderImport.Program|Reloaded OrderImport.exe.config (Endpoint=%s, Workers=2)" % (nlog_ts(x), URL)], "noise", 0))
        x = t(h, 30, 0, 77)
        ev.append((x, ["%s|INFO|OrderImport.Outbox|Outbox: %d batches pending, oldest %d s" % (nlog_ts(x), R.randint(0, 3), R.randint(1, 50))], "noise", 0))
    x = t(14, 17, 42, 906)
    ev.append((x, ["%s|WARN|OrderImport.ImportWorker|Worker 2: slow response from %s (4812 ms)" % (nlog_ts(x), URL)], "noise", 0))
    # the incident
    resets = []
    for i, (ct, pid, reqs) in enumerate(CRASHES):
        for w, b, port, d in reqs:
            sent = ct - dt.timedelta(milliseconds=R.randint(150, 900))
            ev.append((sent, ["%s|DEBUG|OrderImport.Http.OrdersApiClient|Worker %d: POST %s batch %d (attempt %d)" % (nlog_ts(sent), w, URL, b, i + 1 if w == 1 else 1)], "noise", 0))
            rt = ct + dt.timedelta(milliseconds=d)
            ev.append((rt, ["%s|ERROR|OrderImport.ImportWorker|Worker %d: pushing batch %d failed, back to the outbox" % (nlog_ts(rt), w, b)] + TRACE, "reset", (i, w, b, port, d)))
            if w == 2:
                rt2 = rt + dt.timedelta(seconds=5, milliseconds=R.randint(10, 60))
                took = R.randint(90, 300)
                ev.append((rt2, ["%s|INFO|OrderImport.ImportWorker|Worker 2: batch %d (%d orders) accepted by %s in %d ms" % (nlog_ts(rt2 + dt.timedelta(milliseconds=took)), b, R.randint(8, 40), URL, took)], "noise", 0))
    last = CRASHES[-1][0] + dt.timedelta(milliseconds=CRASHES[-1][2][0][3] + 3)
    ev.append((last, ["%s|WARN|OrderImport.ImportWorker|Worker 1: batch 1213 failed 5 times, moved to quarantine (C:\\ProgramData\\OrderImport\\quarantine\\batch-1213.json)" % nlog_ts(last)], "noise", 0))
    # pool disabled: 503 from HTTP.sys (a near miss: not a reset)
    n503 = []
    for k, x in enumerate([t(14, 36, 2, 118), t(14, 37, 2, 640), t(14, 38, 3, 77), t(14, 39, 3, 512), t(14, 40, 4, 2)]):
        w = 1 + (k % 2)
        ev.append((x, ["%s|ERROR|OrderImport.ImportWorker|Worker %d: pushing batch %d failed, back to the outbox" % (nlog_ts(x), w, 1216 + k)] + TRACE_503, "503", x))
        n503.append(x)
    # the unexplained reset
    sent = UNEXPLAINED - dt.timedelta(milliseconds=212)
    ev.append((sent, ["%s|DEBUG|OrderImport.Http.OrdersApiClient|Worker 2: POST %s batch {B} (attempt 1)" % (nlog_ts(sent), URL)], "noise", 0))
    ev.append((UNEXPLAINED, ["%s|ERROR|OrderImport.ImportWorker|Worker 2: pushing batch {B} failed, back to the outbox" % nlog_ts(UNEXPLAINED)] + TRACE, "reset", ("u",)))
    x = UNEXPLAINED + dt.timedelta(seconds=5, milliseconds=31)
    ev.append((x, ["%s|INFO|OrderImport.ImportWorker|Worker 2: batch {B} (17 orders) accepted by %s in 121 ms" % (nlog_ts(x + dt.timedelta(milliseconds=121)), URL)], "noise", 0))

    ev.sort(key=lambda e: e[0])
    lines, facts = [], {"resets": [], "503": []}
    nb = 1150
    for x, ls, tag, extra in ev:
        if x > POOL_STARTED and nb < 1220:
            nb = 1220
        if tag == "ok":
            nb += 1
            while 1213 <= nb <= 1220:
                nb += 1
            ls = [l.replace("{B}", str(nb)).replace("{n}", str(extra)) for l in ls]
        if "{B}" in ls[0]:
            if "POST" in ls[0]:
                nb += 1
                while 1213 <= nb <= 1220:
                    nb += 1
            ls = [l.replace("{B}", str(nb)) for l in ls]
        if tag == "reset":
            facts["resets"].append((x, len(lines) + 1, extra))
        if tag == "503":
            facts["503"].append((x, len(lines) + 1))
        lines.extend(ls)
    return lines, facts


# --- web03: IIS W3C log -------------------------------------------------------
def w3c_log(client_ok):
    rows = []
    uas = {"import": "OrderImport/2.3.0", "web": "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/130.0.0.0+Safari/537.36+Edg/130.0.0.0"}
    for x, took in client_ok:
        rows.append((x, "POST /api/orders/import - 80 - %s %s - 200 0 0 %d" % (CLIENT_IP, uas["import"], took)))
    # monitoring + health probe of the client
    x = START + dt.timedelta(seconds=45, milliseconds=20)
    while x < END:
        if not (CRASHES[-1][0] < x < POOL_STARTED):
            rows.append((x, "GET /api/health - 80 - %s %s - 200 0 0 %d" % (CLIENT_IP, uas["import"], R.randint(2, 15))))
        x += dt.timedelta(minutes=5)
    x = START + dt.timedelta(seconds=10)
    while x < END:
        if not (CRASHES[-1][0] < x < POOL_STARTED):
            rows.append((x, "GET /api/health - 80 - %s PRTG+Network+Monitor+(www.paessler.com) - 200 0 0 %d" % (MON_IP, R.randint(1, 9))))
        x += dt.timedelta(minutes=2)
    # browser users of the orders UI
    pages = ["/orders/", "/orders/list", "/orders/detail", "/Content/site.css", "/Scripts/app.js"]
    x = START + dt.timedelta(seconds=R.randint(20, 90))
    while x < END:
        if not (CRASHES[0][0] - dt.timedelta(seconds=30) < x < POOL_STARTED + dt.timedelta(seconds=10)):
            p = R.choice(pages)
            q = "id=%d" % R.randint(40000, 49999) if p == "/orders/detail" else "-"
            st, win = 200, 0
            if R.random() < 0.06:
                win = 64  # client went away mid-response
            rows.append((x, "GET %s %s 80 CORP\\%s %s %s http://orders.corp.example/orders/ %d 0 %d %d" % (p, q, R.choice(["mlang", "tkoch", "abauer"]), R.choice(OTHER_CLIENTS), uas["web"], st, win, R.randint(15, 900) if win == 0 else R.randint(20000, 90000))))
        x += dt.timedelta(seconds=R.randint(25, 70))
    rows.sort(key=lambda r: r[0])
    head = ["#Software: Microsoft Internet Information Services 10.0", "#Version: 1.0", "#Date: 2024-11-12 00:00:00",
            "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken"]
    out = list(head)
    for x, r in rows:
        out.append("%s %s %s" % (on_web03(x).strftime("%Y-%m-%d %H:%M:%S"), SERVER_IP, r))
    return out


# --- web03: HTTPERR -----------------------------------------------------------
def httperr_log(n503):
    rows = []
    for ct, pid, reqs in CRASHES:
        for w, b, port, d in reqs:
            rows.append((ct, "%s %d %s 80 HTTP/1.1 POST /api/orders/import - - 1 Connection_Abandoned_By_AppPool OrdersPool" % (CLIENT_IP, port, SERVER_IP)))
    for x in n503:
        rows.append((x, "%s %d %s 80 HTTP/1.1 POST /api/orders/import - 503 1 AppOffline OrdersPool" % (CLIENT_IP, R.randint(50200, 50400), SERVER_IP)))
    for k in range(3):  # PRTG during the outage too
        x = t(14, 36 + 2 * k, 10)
        rows.append((x, "%s %d %s 80 HTTP/1.1 GET /api/health - 503 1 AppOffline OrdersPool" % (MON_IP, R.randint(61000, 62000), SERVER_IP)))
    # ordinary HTTP.sys noise: idle connections and slow clients
    x = START + dt.timedelta(seconds=R.randint(30, 200))
    while x < END:
        c = R.choice(OTHER_CLIENTS)
        if R.random() < 0.85:
            rows.append((x, "%s %d %s 80 - - - - - - Timer_ConnectionIdle -" % (c, R.randint(52000, 60000), SERVER_IP)))
        else:
            rows.append((x, "%s %d %s 80 HTTP/1.1 GET /orders/list - - 1 Timer_MinBytesPerSecond -" % (c, R.randint(52000, 60000), SERVER_IP)))
        x += dt.timedelta(seconds=R.randint(60, 200))
    rows.append((t(15, 12, 41), "198.51.100.77 44120 %s 80 HTTP/1.1 GET /../../windows/win.ini - 400 - URL -" % SERVER_IP))
    rows.sort(key=lambda r: r[0])
    head = ["#Software: Microsoft HTTP API 2.0", "#Version: 1.0", "#Date: 2024-11-12 14:00:02",
            "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename"]
    out = list(head)
    facts = []
    for x, r in rows:
        if "Connection_Abandoned_By_AppPool" in r:
            facts.append((on_web03(x), len(out) + 1, r))
        out.append("%s %s" % (on_web03(x).strftime("%Y-%m-%d %H:%M:%S"), r))
    return out, facts


# --- web03: System log as wevtutil /f:text ------------------------------------
def wev_date(x):
    return x.strftime("%Y-%m-%dT%H:%M:%S.") + "%03d" % (x.microsecond // 1000)


def system_log():
    evs = []

    def add(x, src, eid, level, desc, task="N/A", opcode="N/A", keyword="Classic", user="N/A", uname="N/A", tag=None):
        evs.append((x, src, eid, level, desc, task, opcode, keyword, user, uname, tag))

    for ct, pid, reqs in CRASHES:
        add(ct + dt.timedelta(milliseconds=29), "Microsoft-Windows-WAS", 5011, "Warning",
            ["A process serving application pool 'OrdersPool' suffered a fatal communication error with the Windows Process Activation Service. The process id was '%d'. The data field contains the error number." % pid],
            tag=("5011", pid))
    add(POOL_DISABLED, "Microsoft-Windows-WAS", 5002, "Error",
        ["Application pool 'OrdersPool' is being automatically disabled due to a series of failures in the process(es) serving that application pool."], tag=("5002",))
    # decoy pair
    add(DECOY, "Service Control Manager", 7036, "Information", ["The Windows Update service entered the stopped state."], tag=("decoy",))
    add(DECOY_RUN, "Service Control Manager", 7036, "Information", ["The Windows Update service entered the running state."], tag=("decoy_run",))
    # noise
    # w32time has had no usable sample from dc01 for a day (UDP 123 blocked after a firewall
    # change): it says so once, and the clock drifts on (WEB03_CLOCK). The other two draws
    # keep the random stream of the rest of the noise as it was.
    for k, (h, m) in enumerate(((14, 2), (14, 52), (15, 42))):
        x = t(h, m, R.randint(0, 59), R.randint(0, 999))
        if k == 0:
            add(x, "Microsoft-Windows-Time-Service", 36, "Warning",
                ["The time service has not synchronized the system time for 86400 seconds because none of the time "
                 "service providers provided a usable time stamp. The time service is no longer synchronized and "
                 "cannot provide the time to other clients or update the system clock. Monitor the system events "
                 "displayed in the Event Viewer to make sure that a more serious problem does not exist."],
                task="N/A", opcode="Info", keyword="N/A", user="S-1-5-19", uname="NT AUTHORITY\\LOCAL SERVICE")
    for h, m in ((14, 8), (14, 58), (15, 24)):
        x = t(h, m, R.randint(0, 59), R.randint(0, 999))
        add(x, "Microsoft-Windows-Kernel-General", 16, "Information",
            ["The access history in hive \\??\\C:\\Users\\svc-orders\\ntuser.dat was cleared updating %d keys and creating %d modified pages." % (R.randint(20, 900), R.randint(1, 40))],
            opcode="Info", keyword="N/A", user="S-1-5-18", uname="NT AUTHORITY\\SYSTEM")
    for h, m in ((14, 14), (15, 6), (15, 33)):
        x = t(h, m, R.randint(0, 59), R.randint(0, 999))
        add(x, "Microsoft-Windows-DistributedCOM", 10016, "Warning",
            ["The application-specific permission settings do not grant Local Activation permission for the COM Server application with CLSID ",
             "{D63B10C5-BB46-4990-A94F-E40B9D520160}",
             " and APPID ",
             "{9CA88EE3-ACB7-47C8-AFC4-AB702511C276}",
             " to the user NT AUTHORITY\\SYSTEM SID (S-1-5-18) from address LocalHost (Using LRPC) running in the application container Unavailable SID (Unavailable). This security permission can be modified using the Component Services administrative tool."],
            task="N/A", opcode="Info", keyword="Classic", user="S-1-5-18", uname="NT AUTHORITY\\SYSTEM")
    x = t(15, 21, 3, 690)
    add(x, "Service Control Manager", 7040, "Information",
        ["The start type of the Background Intelligent Transfer Service service was changed from demand start to auto start."],
        user="S-1-5-18", uname="NT AUTHORITY\\SYSTEM")
    for h, m in ((14, 20), (14, 50), (15, 20), (15, 50)):
        x = t(h, m, R.randint(1, 3), R.randint(0, 999))
        add(x, "Microsoft-Windows-GroupPolicy", 1500, "Information",
            ["The Group Policy settings for the computer were processed successfully. There were no changes detected since the last successful processing of Group Policy."],
            task="N/A", opcode="Info", keyword="N/A", user="S-1-5-18", uname="NT AUTHORITY\\SYSTEM")
    evs.sort(key=lambda e: e[0])
    out, facts = [], []
    for i, (x, src, eid, level, desc, task, opcode, keyword, user, uname, tag) in enumerate(evs):
        if tag:
            facts.append((on_web03(x), len(out) + 1, src, eid, tag))
        out += ["Event[%d]:" % i, "  Log Name: System", "  Source: %s" % src, "  Date: %s" % wev_date(on_web03(x)),
                "  Event ID: %d" % eid, "  Task: %s" % task, "  Level: %s" % level, "  Opcode: %s" % opcode,
                "  Keyword: %s" % keyword, "  User: %s" % user, "  User Name: %s" % uname,
                "  Computer: web03.corp.example", "  Description: "] + desc + [""]
    return out, facts


# --- web03: Application log, Get-WinEvent | Export-Csv -Encoding UTF8 ----------
CSV_COLS = ["Message", "Id", "Version", "Qualifiers", "Level", "Task", "Opcode", "Keywords", "RecordId", "ProviderName", "ProviderId", "LogName", "ProcessId", "ThreadId", "MachineName", "UserId", "TimeCreated", "ActivityId", "RelatedActivityId", "ContainerLog", "MatchedQueryIds", "Bookmark", "LevelDisplayName", "OpcodeDisplayName", "TaskDisplayName", "KeywordsDisplayNames", "Properties"]


def ps_time(x):
    h = x.hour % 12 or 12
    return "%d/%d/%d %d:%02d:%02d %s" % (x.month, x.day, x.year, h, x.minute, x.second, "AM" if x.hour < 12 else "PM")


def app_log():
    evs = []
    for k, (ct, pid, reqs) in enumerate(CRASHES):
        start = ct - (dt.timedelta(hours=4, minutes=12) if k == 0 else dt.timedelta(seconds=R.randint(6, 14)))
        ft = int((on_web03(start) - dt.datetime(1601, 1, 1, tzinfo=UTC)).total_seconds() * 10**7)
        msg = ("Faulting application name: w3wp.exe, version: 10.0.20348.1, time stamp: 0x2f5c8d85\r\n"
               "Faulting module name: LabelPrint.Native.dll, version: 3.1.0.0, time stamp: 0x64a1b2c3\r\n"
               "Exception code: 0xc0000005\r\n"
               "Fault offset: 0x000000000001a2f4\r\n"
               "Faulting process id: 0x%x\r\n"
               "Faulting application start time: 0x%016x\r\n"
               "Faulting application path: c:\\windows\\system32\\inetsrv\\w3wp.exe\r\n"
               "Faulting module path: D:\\inetpub\\orders\\bin\\x64\\LabelPrint.Native.dll\r\n"
               "Report Id: %08x-%04x-%04x-%04x-%012x\r\n"
               "Faulting package full name: \r\n"
               "Faulting package-relative application ID: " % (pid, ft, R.getrandbits(32), R.getrandbits(16), 0x4000 | R.getrandbits(12), 0x8000 | R.getrandbits(14), R.getrandbits(48)))
        evs.append((ct, msg, 1000, "0", "", "2", "100", "0", "36028797018963968", "Application Error", "a0e9b465-b939-57d7-b27d-95d8e925ff57", "0", "0", "", "Error", "Info", "Application Crashing Events", ("1000", pid)))
    for h, m in ((14, 5), (14, 35), (15, 5), (15, 35)):
        x = t(h, m, R.randint(0, 59))
        nxt = on_web03(x) + dt.timedelta(days=36500, hours=R.randint(0, 3))
        evs.append((x, "Successfully scheduled Software Protection service for re-start at %s. Reason: RulesEngine." % nxt.strftime("%Y-%m-%dT%H:%M:%SZ"), 16384, "0", "16384", "4", "0", "0", "36028797018963968", "Microsoft-Windows-Security-SPP", "e23b33b0-c8c9-472c-a5f9-f2bdfea0f156", "0", "0", "", "Information", "Info", "", None))
        x2 = x - dt.timedelta(seconds=R.randint(20, 40))
        evs.append((x2, "Offline downlevel migration succeeded.", 16394, "0", "16384", "4", "0", "0", "36028797018963968", "Microsoft-Windows-Security-SPP", "e23b33b0-c8c9-472c-a5f9-f2bdfea0f156", "0", "0", "", "Information", "Info", "", None))
    # ESENT 916 (EseDiskFlushConsistency beta-feature notice): Server 2022's
    # chattiest Application-log event, from the svchost instances using ESE
    x = START + dt.timedelta(seconds=R.randint(10, 80))
    while x < END:
        p, who = R.choice([(2388, "SRUJet"), (1764, "BITS"), (3312, "wuaueng"), (2388, "SRUJet")])
        evs.append((x, "svchost (%d,G,98) The beta feature EseDiskFlushConsistency is enabled in ESENT due to the beta site mode settings 0x800000." % p, 916, "0", "0", "4", "1", "0", "36028797018963968", "ESENT", "478fbd73-40f1-4bd0-8e71-e4bf4ca3b7a5", "0", "0", "", "Information", "Info", "General", None))
        x += dt.timedelta(seconds=R.randint(70, 150))
    for h, m in ((14, 26), (15, 11), (15, 56)):
        x = t(h, m, R.randint(0, 59))
        evs.append((x, "The VSS service is shutting down due to idle timeout. ", 8224, "0", "0", "4", "0", "0", "36028797018963968", "VSS", "", "0", "0", "", "Information", "Info", "", None))
    x = t(14, 44, 20)
    evs.append((x, "Windows cannot access the file C:\\Windows\\Temp\\Ctx-5D3A.tmp for one of the following reasons: there is a problem with the network connection, the disk that the file is stored on, or the storage drivers installed on this computer; or the disk is missing. Windows closed the program PrintIsolationHost.exe because of this error.", 1004, "0", "", "2", "100", "0", "36028797018963968", "Application Hang", "", "0", "0", "", "Error", "Info", "Hanging Events", None))
    evs.sort(key=lambda e: e[0])
    def q(v):
        return '"' + str(v).replace('"', '""') + '"'
    text = "#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\r\n" + ",".join(q(c) for c in CSV_COLS) + "\r\n"
    rec = 50211
    facts = []
    for x, msg, eid, ver, qual, lvl, task, opcode, kw, prov, provid, ppid, tid, uid, lname, oname, tname, tag in evs:
        rec += 1
        row = [msg, eid, ver, qual, lvl, task, opcode, kw, rec, prov, provid, "Application", ppid, tid, "web03.corp.example", uid, ps_time(on_web03(x)), "", "", "Application", "System.UInt32[]", "System.Diagnostics.Eventing.Reader.EventBookmark", lname, oname, tname, "System.Collections.ObjectModel.ReadOnlyCollection`1[System.String]", "System.Collections.Generic.List`1[System.Diagnostics.Eventing.Reader.EventProperty]"]
        first = text.count("\r\n") + 1
        text += ",".join(q(v) for v in row) + "\r\n"
        if tag:
            facts.append((on_web03(x), first, text.count("\r\n"), tag))
    return text, facts


OUTPUT = {}  # path under the bundle -> bytes; main() writes them, or compares them (--check)


def write(path, data, encoding="utf-8"):
    OUTPUT[os.path.join("logs", path)] = data


def main(check=False):
    client, cf = client_log()
    # successful client posts as IIS saw them (time = response end, whole seconds)
    ok = []
    for l in client:
        if "|INFO|OrderImport.ImportWorker|" in l and "accepted" in l:
            end = dt.datetime.strptime(l[:24], "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=UTC)
            ok.append((end, int(l.rsplit(" in ", 1)[1].split()[0])))
    w3c = w3c_log(ok)
    herr, hf = httperr_log([x for x, _ in cf["503"]])
    sysl, sf = system_log()
    app, af = app_log()
    write("wks07/OrderImport/logs/2024-11-12.log", ("\r\n".join(client) + "\r\n").encode("utf-8"))
    write("web03/W3SVC1/u_ex241112.log", ("\r\n".join(w3c) + "\r\n").encode("ascii"))
    write("web03/HTTPERR/httperr1.log", ("\r\n".join(herr) + "\r\n").encode("ascii"))
    write("web03/eventlogs/System.txt", b"\xff\xfe" + ("\r\n".join(sysl) + "\r\n").encode("utf-16-le"))
    write("web03/eventlogs/Application.csv", b"\xef\xbb\xbf" + app.encode("utf-8"))
    OUTPUT["hosts"] = (b"# windows-iis-crash: how the names in the logs map to the hosts whose logs are here\n"
                       b"10.50.0.13  web03  web03.corp.example  orders.corp.example\n"
                       b"10.50.0.27  wks07  wks07.corp.example\n")
    # --- expected facts, computed from the finished files -> README.md ---------
    files = {
        "wks07/OrderImport/logs/2024-11-12.log": ("wks07", "nlog", "NLog, UTC (`${longdate:universalTime=true}`), UTF-8 without BOM, CRLF", client),
        "web03/W3SVC1/u_ex241112.log": ("web03", "iis_w3c", "IIS W3C extended, UTC by definition, ASCII, CRLF", w3c),
        "web03/HTTPERR/httperr1.log": ("web03", "httperr", "HTTP.sys error log (W3C `#Fields:`), UTC by definition, ASCII, CRLF", herr),
        "web03/eventlogs/System.txt": ("web03", "wevtutil_text", "`wevtutil qe System /f:text`, machine-local time = UTC, UTF-16LE with BOM, CRLF", sysl),
        "web03/eventlogs/Application.csv": ("web03", "windows_event_csv", "`Get-WinEvent \\| Export-Csv -Encoding UTF8`, en-US local time = UTC (whole seconds), UTF-8 with BOM, CRLF", app.split("\r\n")[:-1]),
    }
    C = REL + "/wks07/OrderImport/logs/2024-11-12.log"
    S = REL + "/web03/eventlogs/System.txt"
    A = REL + "/web03/eventlogs/Application.csv"
    H = REL + "/web03/HTTPERR/httperr1.log"
    W = REL + "/web03/W3SVC1/u_ex241112.log"
    total = sum(len(v[3]) for v in files.values())
    out = ["All times UTC. Paths as rstscope names sources when `sample-logs/windows-iis-crash/logs` is imported. Line numbers are 1-based.", "",
           "### Files", "", "**%d input lines** in %d files (%d bytes):" % (total, len(files), sum(len(OUTPUT[os.path.join("logs", k)]) for k in files)), "",
           "| source | host | format | lines | notes |", "| --- | --- | --- | ---: | --- |"]
    for k in sorted(files, key=lambda k: REL + "/" + k):
        h, fmt, note, ls = files[k]
        out.append("| `%s/%s` | %s | `%s` | %d | %s |" % (REL, k, h, fmt, len(ls), note))
    # lines that stay unparsed
    def hdr(ls):
        return [n for n, l in enumerate(ls, 1) if l.startswith("#")]
    blanks = [n for n, l in enumerate(sysl, 1) if l == ""]
    csv_lines = app.split("\r\n")[:-1]
    cont = []
    for x, first, last, tag in af:
        cont += list(range(first, last))
    out += ["", "### Lines that stay unparsed (%d)" % (len(hdr(herr)) + len(hdr(w3c)) + 2 + len(blanks)), "",
            "* `%s` lines %s, `%s` lines %s: the `#Software`/`#Version`/`#Date`/`#Fields` header (reason `directive`)." % (H, ",".join(map(str, hdr(herr))), W, ",".join(map(str, hdr(w3c)))),
            "* `%s` lines 1,2: the `#TYPE` line and the column header row (reason `directive`)." % A,
            "* `%s` lines %s (%d): the empty line wevtutil writes after each event (reason `blank line`)." % (S, ",".join(map(str, blanks)), len(blanks)),
            "", "Every other line starts or continues a record; each Application Error 1000 row, whose quoted `Message` spans %d lines, is one record." % (af[0][2] - af[0][1] + 1), ""]
    out += ["### Client resets (%d), cause per reset" % len(cf["resets"]), "",
            "Each is an `ERROR` record of `OrderImport.ImportWorker` followed by the 11-line .NET Framework `WebException` chain (`IOException` -> `SocketException`, WSAECONNRESET).", "",
            "| # | reset time (UTC) | source:line | request | client 4-tuple | expected cause |", "| ---: | --- | --- | --- | --- | --- |"]
    for n, (x, line, extra) in enumerate(cf["resets"], 1):
        if extra[0] == "u":
            out.append("| %d | %s | `%s:%d` | worker 2 | unknown | **`unexplained`** (decoy: Windows Update 7036 stopped on web03 at %s true time, %d ms before; %s by web03's clock) |" % (n, iso_ms(x), C, line, iso_ms(DECOY), (x - DECOY) // dt.timedelta(milliseconds=1), iso_ms(on_web03(DECOY))))
        else:
            i, w, b, port, d = extra
            ct = CRASHES[i][0]
            out.append("| %d | %s | `%s:%d` | worker %d, batch %d | %s:%d -> %s:80 | `crash`: w3wp %d of OrdersPool died at %s true time (WAS 5011 at %s by web03's clock), reset %d ms after the crash |" % (n, iso_ms(x), C, line, w, b, CLIENT_IP, port, SERVER_IP, CRASHES[i][1], iso_ms(ct), iso_ms(on_web03(ct + dt.timedelta(milliseconds=29))), d))
    out += ["", "### Server evidence on web03", "", "| kind | ts (UTC) | event | process / pid or 4-tuple | reason / event id | source:line |", "| --- | --- | --- | --- | --- | --- |"]
    ev = []
    for x, line, src, eid, tag in sf:
        if tag[0] == "5011":
            ev.append((x, "crash", "WAS 5011 fatal communication error", "`Microsoft-Windows-WAS`, pid %d" % tag[1], "event_id 5011", "%s:%d" % (S, line)))
        elif tag[0] == "5002":
            ev.append((x, "crash", "WAS 5002 pool disabled (rapid-fail)", "`Microsoft-Windows-WAS`, no pid", "event_id 5002", "%s:%d" % (S, line)))
        elif tag[0] == "decoy":
            ev.append((x, "stop", "**decoy**: SCM 7036 Windows Update stopped", "`Windows Update`", "event_id 7036", "%s:%d" % (S, line)))
        else:
            ev.append((x, "start", "SCM 7036 Windows Update running", "`Windows Update`", "event_id 7036", "%s:%d" % (S, line)))
    for x, first, last, tag in af:
        ev.append((x.replace(microsecond=0), "crash", "Application Error 1000, w3wp.exe, `Faulting process id: 0x%x` (= %d), exception 0xc0000005 in LabelPrint.Native.dll" % (tag[1], tag[1]), "`w3wp.exe`", "event_id 1000", "%s:%d (row %d-%d)" % (A, first, first, last)))
    for x, line, r in hf:
        p = r.split()
        ev.append((x.replace(microsecond=0), "crash", "HTTPERR", "%s:%s -> %s:%s" % (p[0], p[1], p[2], p[3]), "`Connection_Abandoned_By_AppPool` (queue OrdersPool)", "%s:%d" % (H, line)))
    ev.sort(key=lambda e: (e[0], e[5]))
    for x, kind, what, who, why, where in ev:
        out.append("| %s | %s | %s | %s | %s | `%s` |" % (kind, iso_ms(x), what, who, why, where))
    skew_txt = "+%.3f s" % (CLOCK_MS["web03"] / 1000)
    out += ["", "`kind` is what rstscope assigns; the times are as web03 logged them, by its clock (%s)." % skew_txt, "",
            "### Clock skew: web03 is %s" % skew_txt, "",
            "Every web03 log (W3C, HTTPERR, `System.txt`, `Application.csv`) reads %d ms later than true time; wks07's NLog" % CLOCK_MS["web03"],
            "clock is right. wks07 never logs its local port (`HttpWebRequest` does not expose it and the `WebException` does not",
            "name it), so no 4-tuple is logged on both sides: the HTTPERR lines carry the client's `c-ip c-port`, the client's",
            "records carry nothing to match them. The only anchor is the pattern: %d crashes on web03, each followed by a burst" % len(CRASHES),
            "of resets on wks07. Per crash, the HTTPERR `Connection_Abandoned_By_AppPool` second (web03's clock, whole seconds)",
            "against the client's resets of that crash:", "",
            "| crash | HTTPERR (web03's clock) | lines | resets on wks07 | lines | first reset − HTTPERR (ms) |",
            "| ---: | --- | --- | --- | --- | ---: |"]
    lag = []  # how long after each reset its crash's HTTPERR line reads, uncorrected
    for i, (ct, pid, reqs) in enumerate(CRASHES):
        ports = [port for w, b, port, d in reqs]
        hl = [(line, x.replace(microsecond=0)) for x, line, r in hf if int(r.split()[1]) in ports]
        rl = [(line, x) for x, line, extra in cf["resets"] if extra[0] == i]
        lag += [(hl[0][1] - x) / dt.timedelta(seconds=1) for _, x in rl]
        out.append("| %d | %s | %s | %s | %s | %d |" % (
            i + 1, iso_ms(hl[0][1]), ",".join(str(l) for l, _ in hl), ", ".join(iso_ms(x) for _, x in rl),
            ",".join(str(l) for l, _ in rl), (rl[0][1] - hl[0][1]) // dt.timedelta(milliseconds=1)))
    out += ["", "The true offset is %d ms: the crash-to-reset delays (%d–%d ms) and HTTP.sys's whole seconds blur it by up to" % (
                CLOCK_MS["web03"], min(d for _, _, reqs in CRASHES for _, _, _, d in reqs), max(d for _, _, reqs in CRASHES for _, _, _, d in reqs)),
            "about a second. Without the correction each crash's HTTPERR line reads %.1f–%.1f s *after* the resets it caused," % (min(lag), max(lag)),
            "outside the window of −30 s … +5 s, and the decoy 7036 (%s by web03's clock) reads %.1f s after the unexplained" % (
                iso_ms(on_web03(DECOY)), (on_web03(DECOY) - UNEXPLAINED) / dt.timedelta(seconds=1)),
            "reset; corrected, it is %d ms before it." % ((UNEXPLAINED - DECOY) // dt.timedelta(milliseconds=1)), "",
            "### Near misses that are not resets", ""]

    for x, line in cf["503"]:
        out.append("* `%s:%d` %s: `WebException: The remote server returned an error: (503) Server Unavailable.` while rapid-fail kept OrdersPool disabled (HTTPERR `503 ... AppOffline OrdersPool`)." % (C, line, iso_ms(x)))
    ab = [(n, l) for n, l in enumerate(w3c, 1) if not l.startswith("#") and l.split()[13] == "64"]
    out.append("* `%s` lines %s: `sc-win32-status` 64 (a browser on %s went away), unrelated to wks07." % (W, ",".join(str(n) for n, _ in ab), "/".join(sorted(set(l.split()[8] for _, l in ab)))))
    out.append("* `%s`: %d `Timer_ConnectionIdle` and %d `Timer_MinBytesPerSecond` lines from other clients: HTTP.sys housekeeping, never towards wks07." % (H, sum("Timer_ConnectionIdle" in l for l in herr), sum("Timer_MinBytesPerSecond" in l for l in herr)))
    facts = "\n".join(out) + "\n"
    tmpl = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "README.in.md")).read()
    skew_txt = "+%.3f s" % (CLOCK_MS["web03"] / 1000)
    assert tmpl.count(skew_txt) >= 2, "README.in.md must state web03's skew (%s) in its host table and story" % skew_txt
    OUTPUT["README.md"] = tmpl.replace("<!-- FACTS -->\n", "<!-- BEGIN expected facts (generate.py) -->\n\n" + facts + "\n<!-- END expected facts -->\n").encode("utf-8")
    # --- the answers the correlation test reads ---------------------------------
    by_port = {int(r.split()[1]): (line, x) for x, line, r in hf}
    rows = ["reset_source\treset_line\tcause\tserver_host\tcause_source\tcause_line"]
    for x, line, extra in cf["resets"]:
        if extra[0] == "u":  # the record names no address; its log named orders.corp.example (web03) before it
            rows.append("\t".join((C, str(line), "unexplained", "web03", "", "")))
        else:  # the HTTPERR Connection_Abandoned_By_AppPool line with this reset's client port
            rows.append("\t".join((C, str(line), "crash", "web03", H, str(by_port[extra[3]][0]))))
    OUTPUT["expected-causes.tsv"] = ("\n".join(rows) + "\n").encode()
    OUTPUT["expected-skew.tsv"] = ("host\toffset_ms\n" + "".join("%s\t%d\n" % (h, CLOCK_MS[h]) for h in sorted(CLOCK_MS))).encode()
    bad = 0
    for rel, data in sorted(OUTPUT.items()):
        full = os.path.join(BUNDLE, rel)
        if check:
            if not os.path.exists(full) or open(full, "rb").read() != data:
                print("differs: %s" % full)
                bad = 1
        else:
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "wb") as f:
                f.write(data)
    return bad


if __name__ == "__main__":
    import sys
    if sys.argv[1:] not in ([], ["--check"]):
        sys.exit("usage: %s [--check]   (--check: fail if a file on disk differs)" % sys.argv[0])
    sys.exit(main(check=sys.argv[1:] == ["--check"]))
