// The built-in classification rules (FORMATS.md §4, §5, §6.2, §6.4, §9-§12).
//
// Order is priority: the first rule that matches a message decides its kind
// (classifier.h). The groups below are listed in that order:
//   1. a server or proxy seeing its *client* go (client_abort), and the
//      proxy-to-upstream signatures that name the side precisely (reset,
//      plus Apache's APR timeout, which shares AH codes with the resets);
//   2. refused, server-side timeouts, TLS handshake failures;
//   3. OOM kills, then the OOM burst's context lines (kind other);
//   4. crashes; 5. resource exhaustion; 6. restart, stop, start;
//   7. the client-side reset signatures, language-specific first and the
//      bare OS texts ("Connection reset by peer", "Broken pipe") last.
// Generic words like "Connection reset by peer" also appear in server logs
// about clients (nginx at info level, PostgreSQL), which is why group 1
// precedes them. Rules anchored with ^ are for messages that are the whole
// log text of a service manager (systemd "Started ...").
//
// Every rule has samples; tests/parsers/classifier_test.cc checks that each
// sample is classified by exactly its own rule, which also proves that no
// earlier rule shadows it.
//
// Patterns stay inside what RE2's DFA runs fast: no large counted
// repetitions, no unbounded constructs that span lines unless the signature
// does (the gRPC status block).
#include "parsers/classifier.h"

namespace rstscope::parsers {
namespace {

using base::Kind;

// ---------------------------------------------------------------------------
// 1. Client aborts seen by servers, and proxy-to-upstream signatures.

constexpr RuleSample kNginxClientClosedSamples[] = {
    {"*2861 client prematurely closed connection while reading client request body, client: "
     "203.0.113.9, server: api.example.com, request: \"POST /upload HTTP/1.1\", host: "
     "\"api.example.com\""},
    {"*41 client prematurely closed connection while sending response to client, client: "
     "10.1.2.3, server: _, request: \"GET /big.iso HTTP/1.1\""},
};
constexpr Rule kNginxClientClosed = {
    .name = "nginx_client_prematurely_closed",
    .kind = Kind::kClientAbort,
    .pattern = R"re(client prematurely closed connection)re",
    .description = "nginx: the client closed its connection before the response was complete",
    .samples = kNginxClientClosedSamples,
};

// nginx logs client-side socket errors with the action it was doing for the
// client (ngx_http_request.c); "(104: ...) while ... upstream" is the
// upstream side and has its own rule below. The action is followed by
// ", client: ..." or ends the message, so "SSL handshaking to upstream" is
// not taken for a client handshake.
constexpr RuleSample kNginxClientResetSamples[] = {
    {"*90311 recv() failed (104: Connection reset by peer) while reading client request line, "
     "client: 10.1.2.3, server: api.example.com"},
    {"*77 writev() failed (32: Broken pipe) while sending to client, client: 10.1.2.3, server: "
     "api.example.com, request: \"GET /export.csv HTTP/1.1\", upstream: "
     "\"http://10.0.0.21:8080/export.csv\", host: \"api.example.com\""},
    {"*5 peer closed connection in SSL handshake (104: Connection reset by peer) while SSL "
     "handshaking, client: 198.51.100.4, server: 0.0.0.0:443"},
};
constexpr Rule kNginxClientReset = {
    .name = "nginx_client_reset",
    .kind = Kind::kClientAbort,
    .pattern =
        R"re(\((?:104|32|54|10053|10054): [^)\n]*\) while (?:reading client request (?:line|headers|body)|reading PROXY protocol|sending to client|sending response to client|waiting for request|keepalive|lingering close|SSL handshaking)(?:,|$))re",
    .description = "nginx: the client reset or closed the connection (errno 104/32) mid-request",
    .samples = kNginxClientResetSamples,
};

constexpr RuleSample kPostgresClientResetSamples[] = {
    {"LOG:  could not receive data from client: Connection reset by peer"},
    {"could not send data to client: Broken pipe"},
};
constexpr Rule kPostgresClientReset = {
    .name = "postgres_client_reset",
    .kind = Kind::kClientAbort,
    .pattern = R"re(could not (?:receive data from|send data to) client: )re",
    .description = "PostgreSQL: a client connection was reset or closed under the backend",
    .samples = kPostgresClientResetSamples,
};

constexpr RuleSample kPostgresClientEofSamples[] = {
    {"LOG:  unexpected EOF on client connection with an open transaction"},
    {"FATAL:  unexpected EOF on client connection"},
};
constexpr Rule kPostgresClientEof = {
    .name = "postgres_client_eof",
    .kind = Kind::kClientAbort,
    .pattern = R"re(unexpected EOF on client connection)re",
    .description = "PostgreSQL: a client went away without terminating its session",
    .samples = kPostgresClientEofSamples,
};

constexpr RuleSample kMysqlAbortedErrorSamples[] = {
    {"Aborted connection 15 to db: 'app' user: 'svc' host: '192.0.2.7' (Got an error reading "
     "communication packets)"},
    {"[Note] [MY-010914] [Server] Aborted connection 88 to db: 'shop' user: 'api' host: "
     "'10.0.0.31' (Got an error writing communication packets)"},
};
constexpr Rule kMysqlAbortedError = {
    .name = "mysql_aborted_connection_error",
    .kind = Kind::kClientAbort,
    .pattern = R"re(Got an error (?:reading|writing) communication packets)re",
    .description = "MySQL: a client connection vanished or was reset (ER_NEW_ABORTING_CONNECTION)",
    .samples = kMysqlAbortedErrorSamples,
};

// The upstream address, when nginx names it as ip:port, becomes the
// destination: the backend that closed or reset.
constexpr RuleSample kNginxUpstreamClosedSamples[] = {
    {"*67890 upstream prematurely closed connection while reading response header from upstream, "
     "client: 203.0.113.77, server: app.example.com, request: \"GET /api/reports/monthly "
     "HTTP/1.1\", upstream: \"http://127.0.0.1:8080/api/reports/monthly\""},
    {"*678 upstream prematurely closed connection while reading response header from upstream, "
     "client: 192.168.1.10, server: example.com, request: \"GET /api/data HTTP/1.1\", upstream: "
     "\"http://127.0.0.1:8080/api/data\", host: \"example.com\""},
    {"*12 upstream prematurely closed FastCGI stdout while reading response header from "
     "upstream, client: 10.1.2.3, server: shop.example.com, upstream: "
     "\"fastcgi://unix:/run/php/php8.2-fpm.sock:\""},
};
constexpr Rule kNginxUpstreamClosed = {
    .name = "nginx_upstream_prematurely_closed",
    .kind = Kind::kReset,
    .pattern =
        R"re(upstream prematurely closed(?:[^\n]*?, upstream: "[a-z]+://(?P<dst_ip>[0-9.]+):(?P<dst_port>[0-9]+))?)re",
    .description = "nginx: the upstream closed the connection before or during the response",
    .samples = kNginxUpstreamClosedSamples,
};

constexpr RuleSample kNginxUpstreamResetSamples[] = {
    {"*90312 recv() failed (104: Connection reset by peer) while reading response header from "
     "upstream, client: 10.1.2.3, server: api.example.com, request: \"POST /v1/orders "
     "HTTP/1.1\", upstream: \"http://10.0.0.21:8080/v1/orders\", host: \"api.example.com\""},
    {"*4411 readv() failed (104: Connection reset by peer) while reading upstream, client: "
     "10.1.2.3, server: api.example.com, request: \"GET /v1/export HTTP/1.1\", upstream: "
     "\"http://10.0.0.22:8080/v1/export\""},
    {"*95 writev() failed (32: Broken pipe) while sending request to upstream, client: "
     "10.1.2.3, server: api.example.com, request: \"POST /v1/upload HTTP/1.1\", upstream: "
     "\"http://backend/v1/upload\""},
};
constexpr Rule kNginxUpstreamReset = {
    .name = "nginx_upstream_reset",
    .kind = Kind::kReset,
    .pattern =
        R"re(\((?:104|32|10053|10054): [^)\n]*\) while [a-zA-Z /]*upstream(?:[^\n]*?, upstream: "[a-z]+://(?P<dst_ip>[0-9.]+):(?P<dst_port>[0-9]+))?)re",
    .description = "nginx: the upstream reset the connection (errno 104) or it broke (32)",
    .samples = kNginxUpstreamResetSamples,
};

// Before the Apache reset rules: AH01075 and AH01102 also follow the APR
// timeout status, and then the cause is the timeout.
constexpr RuleSample kApacheTimeoutSamples[] = {
    {"(70007)The timeout specified has expired: [client 192.168.10.90:41422] AH01075: Error "
     "dispatching request to :"},
    {"(70007)The timeout specified has expired: [client 10.0.0.5:50512] AH01102: error reading "
     "status line from remote server 127.0.0.1:8080"},
};
constexpr Rule kApacheTimeout = {
    .name = "apache_timeout",
    .kind = Kind::kTimeout,
    .pattern = R"re(\(70007\)The timeout specified has expired)re",
    .description = "Apache: a proxy or I/O timeout expired (APR_TIMEUP)",
    .samples = kApacheTimeoutSamples,
};

constexpr RuleSample kApacheProxyResetSamples[] = {
    {"(104)Connection reset by peer: [client 10.33.206.158:27451] AH01075: Error dispatching "
     "request to :"},
    {"(70014)End of file found: [client 10.0.0.7:50211] AH01102: error reading status line "
     "from remote server 10.0.0.21:8080"},
};
constexpr Rule kApacheProxyReset = {
    .name = "apache_proxy_reset",
    .kind = Kind::kReset,
    .pattern = R"re(\((?:104|32|70014|OS 10054|OS 10053)\)[^\n]*\bAH0(?:1075|1102|0898)\b)re",
    .description = "Apache mod_proxy: the backend reset or closed the connection",
    .samples = kApacheProxyResetSamples,
};

constexpr RuleSample kApacheProxyReadErrorSamples[] = {
    {"[client 10.0.0.7:50211] AH01102: error reading status line from remote server "
     "10.0.0.21:8080"},
    {"[client 10.0.0.7:50211] AH00898: Error reading from remote server returned by "
     "/api/orders"},
};
constexpr Rule kApacheProxyReadError = {
    .name = "apache_proxy_read_error",
    .kind = Kind::kReset,
    .pattern =
        R"re(AH01102: error reading status line from remote server|AH00898: Error reading from remote server)re",
    .description = "Apache mod_proxy: no response could be read from the backend",
    .samples = kApacheProxyReadErrorSamples,
};

// ---- proxy rules ----
// Proxies and load balancers (FORMATS.md §6.1, §6.5-§6.7, §12). The parsers
// of these formats set the kind of their traffic lines from the fields
// themselves (parsers/formats/haproxy.cc, envoy.cc, squid.cc, aws_lb.cc);
// these rules classify the same lines when they arrive some other way (a
// JSON shipper, an unknown tag) and HAProxy's event messages. They come
// before group 2: a DOWN message quotes "Connection refused" as its info.

constexpr RuleSample kHaproxyServerDownSamples[] = {
    {"Server be_api/api2 is DOWN, reason: Layer4 connection problem, info: \"Connection "
     "refused\", check duration: 0ms. 1 active and 0 backup servers left. 3 sessions active, 0 "
     "requeued, 0 remaining in queue."},
    {"[WARNING]  (4494) : Server web-test/server1 is DOWN, reason: Layer4 connection problem, "
     "info: \"No route to host\", check duration: 1ms. 2 active and 0 backup servers left. 0 "
     "sessions active, 0 requeued, 0 remaining in queue."},
};
constexpr Rule kHaproxyServerDown = {
    .name = "haproxy_server_down",
    .kind = Kind::kBackendDown,
    .pattern = R"re(\bServer [^\s/]+/\S+ is DOWN\b)re",
    .description = "HAProxy: a health check took a server out of its backend",
    .samples = kHaproxyServerDownSamples,
};

constexpr RuleSample kHaproxyNoServerSamples[] = {
    {"backend be_app has no server available!"},
    {"[ALERT] 071/085241 (29884) : backend 'static' has no server available!"},
};
constexpr Rule kHaproxyNoServer = {
    .name = "haproxy_no_server",
    .kind = Kind::kBackendDown,
    .pattern = R"re(has no server available)re",
    .description = "HAProxy: every server of a backend is down",
    .samples = kHaproxyNoServerSamples,
};

// The termination state is followed by the five connection counters and
// the two queue lengths (§8.2.2, §8.2.3); the retry counter may carry '+'.
constexpr RuleSample kHaproxyTermResetSamples[] = {
    {"198.51.100.7:51234 [01/Mar/2024:10:15:01.900] fe_api~ be_api/api2 0/0/1/-1/+102 502 "
     "+217 - - SD-- 12/12/3/1/+2 0/0 \"POST /v1/orders HTTP/1.1\""},
    {"10.1.2.3:40000 [01/Mar/2024:10:10:00.000] fe_db be_db/db1 0/1/30 0 SC 1/1/1/1/3 0/0"},
};
constexpr Rule kHaproxyTermReset = {
    .name = "haproxy_term_server_reset",
    .kind = Kind::kReset,
    .pattern =
        R"re( S[DHC](?:[-A-Za-z]{2})? [0-9]+/[0-9]+/[0-9]+/[0-9]+/\+?[0-9]+ [0-9]+/[0-9]+)re",
    .description = "HAProxy termination state SD/SH/SC: the server reset or refused",
    .samples = kHaproxyTermResetSamples,
};

constexpr RuleSample kHaproxyTermTimeoutSamples[] = {
    {"10.1.2.3:40000 [01/Mar/2024:10:10:00.000] fe_db be_db/db1 0/1/600000 4096 sD 1/1/1/1/0 "
     "0/0"},
};
constexpr Rule kHaproxyTermTimeout = {
    .name = "haproxy_term_server_timeout",
    .kind = Kind::kTimeout,
    .pattern =
        R"re( s[DHCQ](?:[-A-Za-z]{2})? [0-9]+/[0-9]+/[0-9]+/[0-9]+/\+?[0-9]+ [0-9]+/[0-9]+)re",
    .description = "HAProxy termination state sD/sH/sC/sQ: a server-side timeout fired",
    .samples = kHaproxyTermTimeoutSamples,
};

constexpr RuleSample kHaproxyTermClientSamples[] = {
    {"192.168.101.47:58781 [04/May/2013:14:18:14.757] https_frontend~ web_server/s2 "
     "20/0/2/3/5026 200 236 - - cD-- 0/0/0/0/0 0/0 \"GET /test.html HTTP/1.1\""},
    {"10.0.0.1:80 [01/Jan/2026:00:00:00.000] fe be/srv -1/0/-1/-1/0 503 0 - - CD-- 0/0/0/0/0 "
     "0/0 \"GET / HTTP/1.0\""},
};
constexpr Rule kHaproxyTermClient = {
    .name = "haproxy_term_client_abort",
    .kind = Kind::kClientAbort,
    .pattern =
        R"re( (?:C[DHRCQ]|c[DRH])(?:[-A-Za-z]{2})? [0-9]+/[0-9]+/[0-9]+/[0-9]+/\+?[0-9]+ [0-9]+/[0-9]+)re",
    .description = "HAProxy termination state C?/c?: the client aborted or timed out",
    .samples = kHaproxyTermClientSamples,
};

constexpr RuleSample kHaproxyTermResourceSamples[] = {
    {"10.0.0.9:41000 [01/Mar/2024:10:15:00.000] fe be/<NOSRV> -1/-1/-1/-1/0 503 0 - - PC-- "
     "4000/4000/0/0/0 0/0 \"GET / HTTP/1.1\""},
};
constexpr Rule kHaproxyTermResource = {
    .name = "haproxy_term_resource",
    .kind = Kind::kOverload,
    .pattern =
        R"re( [PR]C(?:[-A-Za-z]{2})? [0-9]+/[0-9]+/[0-9]+/[0-9]+/\+?[0-9]+ [0-9]+/[0-9]+)re",
    .description = "HAProxy termination state PC/RC: a connection or resource limit was hit",
    .samples = kHaproxyTermResourceSamples,
};

// Envoy's default access log, from the request on: "REQUEST" CODE FLAGS
// RX TX DURATION. Several flags are joined by commas.
constexpr RuleSample kEnvoyUpstreamResetSamples[] = {
    {"\"GET /api/v1/orders HTTP/1.1\" 503 UC 0 95 12 - \"10.0.35.28\" \"curl/8.5.0\" "
     "\"0c2a7e4d-1f9b-4b8e-9d3c-5a6f7e8d9c0b\" \"orders\" \"10.0.2.1:8080\""},
    {"upstream_reset_before_response_started{connection_termination}"},
};
constexpr Rule kEnvoyUpstreamReset = {
    .name = "envoy_upstream_reset",
    .kind = Kind::kReset,
    .pattern =
        R"re(^"[^"\n]*" [0-9]{1,3} (?:[A-Z]+,)*(?:UC|UR|LR)(?:,[A-Z]+)* [0-9]+ [0-9]+ [0-9]+|upstream_reset_(?:before|after)_response_started)re",
    .description = "Envoy UC/UR/LR: the upstream connection was reset or terminated",
    .samples = kEnvoyUpstreamResetSamples,
};

constexpr RuleSample kEnvoyUpstreamTimeoutSamples[] = {
    {"\"POST /api/v1/reports HTTP/2\" 504 UT 120 24 15001 - \"10.0.35.28\" \"okhttp/4.12\" "
     "\"7d1e0c55-9a43-4f6b-8e0d-2b7c9a1f3e64\" \"reports\" \"10.0.2.7:8080\""},
    {"upstream_response_timeout"},
};
constexpr Rule kEnvoyUpstreamTimeout = {
    .name = "envoy_upstream_timeout",
    .kind = Kind::kTimeout,
    .pattern =
        R"re(^"[^"\n]*" [0-9]{1,3} (?:[A-Z]+,)*UT(?:,[A-Z]+)* [0-9]+ [0-9]+ [0-9]+|\bupstream_(?:response|per_try)_timeout\b)re",
    .description = "Envoy UT: the upstream request timed out",
    .samples = kEnvoyUpstreamTimeoutSamples,
};

constexpr RuleSample kEnvoyNoHealthySamples[] = {
    {"\"GET / HTTP/1.1\" 503 UH 0 19 0 - \"10.0.35.28\" \"curl/8.5.0\" "
     "\"3f0b8c1e-55aa-4f21-b0c2-9e7d6a5b4c3d\" \"web\" \"-\""},
};
constexpr Rule kEnvoyNoHealthy = {
    .name = "envoy_no_healthy_upstream",
    .kind = Kind::kBackendDown,
    .pattern = R"re(^"[^"\n]*" [0-9]{1,3} (?:[A-Z]+,)*UH(?:,[A-Z]+)* [0-9]+ [0-9]+ [0-9]+)re",
    .description = "Envoy UH: no healthy upstream host in the cluster",
    .samples = kEnvoyNoHealthySamples,
};

constexpr RuleSample kEnvoyConnectFailureSamples[] = {
    {"\"GET /api HTTP/1.1\" 503 UF,URX 0 91 3 - \"10.0.35.28\" \"curl/8.5.0\" "
     "\"a1b2c3d4-0000-4000-8000-000000000001\" \"api\" \"10.0.2.9:8080\""},
};
constexpr Rule kEnvoyConnectFailure = {
    .name = "envoy_upstream_connect_failure",
    .kind = Kind::kRefused,
    .pattern =
        R"re(^"[^"\n]*" [0-9]{1,3} (?:[A-Z]+,)*(?:UF|URX)(?:,[A-Z]+)* [0-9]+ [0-9]+ [0-9]+)re",
    .description = "Envoy UF/URX: the upstream connection could not be established",
    .samples = kEnvoyConnectFailureSamples,
};

constexpr RuleSample kEnvoyOverflowSamples[] = {
    {"\"GET /api HTTP/1.1\" 503 UO 0 81 0 - \"10.0.35.28\" \"curl/8.5.0\" "
     "\"a1b2c3d4-0000-4000-8000-000000000002\" \"api\" \"-\""},
};
constexpr Rule kEnvoyOverflow = {
    .name = "envoy_upstream_overflow",
    .kind = Kind::kOverload,
    .pattern = R"re(^"[^"\n]*" [0-9]{1,3} (?:[A-Z]+,)*UO(?:,[A-Z]+)* [0-9]+ [0-9]+ [0-9]+)re",
    .description = "Envoy UO: a circuit breaker overflowed",
    .samples = kEnvoyOverflowSamples,
};

constexpr RuleSample kEnvoyDownstreamSamples[] = {
    {"\"GET /big.iso HTTP/1.1\" 0 DC 0 0 5012 - \"10.0.35.28\" \"curl/8.5.0\" "
     "\"a1b2c3d4-0000-4000-8000-000000000003\" \"files\" \"10.0.2.3:80\""},
    {"downstream_remote_disconnect"},
};
constexpr Rule kEnvoyDownstream = {
    .name = "envoy_downstream_disconnect",
    .kind = Kind::kClientAbort,
    .pattern =
        R"re(^"[^"\n]*" [0-9]{1,3} (?:[A-Z]+,)*DC(?:,[A-Z]+)* [0-9]+ [0-9]+ [0-9]+|\bdownstream_remote_disconnect\b)re",
    .description = "Envoy DC: the downstream (client) connection went away",
    .samples = kEnvoyDownstreamSamples,
};

// Squid's LogTags::c_str() appends these to the cache result tag.
constexpr RuleSample kSquidAbortedSamples[] = {
    {"TCP_MISS_ABORTED/000 0 GET http://example.com/big.iso - HIER_DIRECT/93.184.216.34 -"},
};
constexpr Rule kSquidAborted = {
    .name = "squid_aborted",
    .kind = Kind::kClientAbort,
    .pattern = R"re(\b[A-Z]+(?:_[A-Z]+)*_ABORTED/[0-9]{3} )re",
    .description = "Squid: the transaction was aborted (the client went away)",
    .samples = kSquidAbortedSamples,
};

constexpr RuleSample kSquidTimedOutSamples[] = {
    {"TCP_MISS_TIMEDOUT/504 0 GET http://example.com/slow - HIER_DIRECT/93.184.216.34 -"},
};
constexpr Rule kSquidTimedOut = {
    .name = "squid_timedout",
    .kind = Kind::kTimeout,
    .pattern = R"re(\b[A-Z]+(?:_[A-Z]+)*_TIMEDOUT/[0-9]{3} )re",
    .description = "Squid: the transaction timed out",
    .samples = kSquidTimedOutSamples,
};

// ALB/ELB messages start at elb_status_code: a 502 without a target status
// means the target reset or closed the connection (or was unreachable).
constexpr RuleSample kAlbTargetResetSamples[] = {
    {"502 - 34 0 \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.46.0\" - - "
     "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "
     "\"Root=1-58337262-36d228ad5d99923122bbe354\""},
};
constexpr Rule kAlbTargetReset = {
    .name = "alb_502_target_reset",
    .kind = Kind::kReset,
    .pattern = R"re(^502 - [0-9]+ [0-9]+ ")re",
    .description = "AWS ALB/ELB: 502 with no target status, the target closed or reset",
    .samples = kAlbTargetResetSamples,
};

constexpr RuleSample kAlbTimeoutSamples[] = {
    {"504 - 34 0 \"GET http://www.example.com:80/slow HTTP/1.1\" \"curl/7.46.0\" - - "
     "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "
     "\"Root=1-58337262-36d228ad5d99923122bbe355\""},
};
constexpr Rule kAlbTimeout = {
    .name = "alb_504_timeout",
    .kind = Kind::kTimeout,
    .pattern = R"re(^504 (?:-|[0-9]{3}) [0-9]+ [0-9]+ ")re",
    .description = "AWS ALB/ELB: 504, the target did not answer in time",
    .samples = kAlbTimeoutSamples,
};
// ---- end proxy rules ----

// ---------------------------------------------------------------------------
// 2. Refused, server-side timeouts, TLS.

constexpr RuleSample kNginxUpstreamRefusedSamples[] = {
    {"*12 connect() failed (111: Connection refused) while connecting to upstream, client: "
     "10.1.2.3, server: api.example.com, request: \"GET /health HTTP/1.1\", upstream: "
     "\"http://127.0.0.1:8080/health\", host: \"api.example.com\""},
    {"*7 connect() to unix:/run/php/php8.2-fpm.sock failed (111: Connection refused) while "
     "connecting to upstream, client: 10.1.2.3, server: shop.example.com"},
};
constexpr Rule kNginxUpstreamRefused = {
    .name = "nginx_upstream_refused",
    .kind = Kind::kRefused,
    .pattern =
        R"re(connect\(\) (?:to \S+ )?failed \((?:111|10061): (?:[^\n]*?, upstream: "[a-z]+://(?P<dst_ip>[0-9.]+):(?P<dst_port>[0-9]+))?)re",
    .description = "nginx: the upstream refused the connection (not listening, restarting)",
    .samples = kNginxUpstreamRefusedSamples,
};

constexpr RuleSample kNginxNoLiveUpstreamsSamples[] = {
    {"*9 no live upstreams while connecting to upstream, client: 10.1.2.3, server: "
     "api.example.com, request: \"GET / HTTP/1.1\", upstream: \"http://backend/\", host: "
     "\"api.example.com\""},
};
constexpr Rule kNginxNoLiveUpstreams = {
    .name = "nginx_no_live_upstreams",
    .kind = Kind::kRefused,
    .pattern = R"re(no live upstreams)re",
    .description = "nginx: every server of the upstream group is marked down",
    .samples = kNginxNoLiveUpstreamsSamples,
};

constexpr RuleSample kWsaeconnrefusedSamples[] = {
    {"System.Net.Sockets.SocketException (10061): No connection could be made because the "
     "target machine actively refused it."},
    {"ConnectionRefusedError: [WinError 10061] No connection could be made because the target "
     "machine actively refused it"},
};
constexpr Rule kWsaeconnrefused = {
    .name = "wsaeconnrefused",
    .kind = Kind::kRefused,
    .pattern = R"re(actively refused it|WSAECONNREFUSED|SocketException \(10061\))re",
    .description = "Windows WSAECONNREFUSED (10061): nothing listened on the target port",
    .samples = kWsaeconnrefusedSamples,
};

constexpr RuleSample kNodeEconnrefusedSamples[] = {
    {"Error: connect ECONNREFUSED 10.244.1.18:8079"},
    {"Error: connect ECONNREFUSED ::1:3000"},
};
constexpr Rule kNodeEconnrefused = {
    .name = "node_econnrefused",
    .kind = Kind::kRefused,
    .pattern = R"re(connect ECONNREFUSED \[?(?P<dst_ip>[0-9A-Fa-f:.]+)\]?:(?P<dst_port>[0-9]+))re",
    .description = "Node.js: connect() was refused by ip:port",
    .samples = kNodeEconnrefusedSamples,
};

constexpr RuleSample kGoDialRefusedSamples[] = {
    {"dial tcp 10.244.1.18:8079: connect: connection refused"},
    {"rpc error: code = Unavailable desc = connection error: desc = \"transport: Error while "
     "dialing: dial tcp 10.0.0.7:50051: connect: connection refused\""},
};
constexpr Rule kGoDialRefused = {
    .name = "go_dial_refused",
    .kind = Kind::kRefused,
    .pattern =
        R"re(dial tcp[46]? \[?(?P<dst_ip>[0-9A-Fa-f:.]+)\]?:(?P<dst_port>[0-9]+): connect: connection refused)re",
    .description = "Go: dialing ip:port was refused",
    .samples = kGoDialRefusedSamples,
};

constexpr RuleSample kConnectionRefusedSamples[] = {
    {"curl: (7) Failed to connect to static-server port 80: Connection refused"},
    {"java.net.ConnectException: Connection refused (Connection refused)"},
    {"psql: error: connection to server at \"db\" (10.0.0.5), port 5432 failed: Connection "
     "refused"},
};
constexpr Rule kConnectionRefused = {
    .name = "connection_refused",
    .kind = Kind::kRefused,
    .pattern = R"re(connection refused|\bECONNREFUSED\b|ConnectionRefusedError)re",
    .description = "ECONNREFUSED in any client: nothing listened on the target port",
    .samples = kConnectionRefusedSamples,
    .ignore_case = true,
};

constexpr RuleSample kNginxUpstreamTimeoutSamples[] = {
    {"*3 upstream timed out (110: Connection timed out) while reading response header from "
     "upstream, client: 10.1.2.3, server: api.example.com, request: \"GET /v1/report "
     "HTTP/1.1\", upstream: \"http://10.0.0.21:8080/v1/report\", host: \"api.example.com\""},
    {"*8 upstream timed out (110: Connection timed out) while connecting to upstream, client: "
     "10.1.2.3, server: api.example.com"},
};
constexpr Rule kNginxUpstreamTimeout = {
    .name = "nginx_upstream_timed_out",
    .kind = Kind::kTimeout,
    .pattern =
        R"re(upstream timed out \((?:110|10060): (?:[^\n]*?, upstream: "[a-z]+://(?P<dst_ip>[0-9.]+):(?P<dst_port>[0-9]+))?)re",
    .description = "nginx: proxy_read/connect_timeout expired waiting for the upstream",
    .samples = kNginxUpstreamTimeoutSamples,
};

constexpr RuleSample kGunicornWorkerTimeoutSamples[] = {
    {"WORKER TIMEOUT (pid:68)", "", 68},
    {"[CRITICAL] WORKER TIMEOUT (pid:1451)", "", 1451},
};
constexpr Rule kGunicornWorkerTimeout = {
    .name = "gunicorn_worker_timeout",
    .kind = Kind::kTimeout,
    .pattern = R"re(WORKER TIMEOUT \(pid:(?P<pid>[0-9]+)\))re",
    .description = "gunicorn: the master killed a worker that exceeded --timeout",
    .samples = kGunicornWorkerTimeoutSamples,
};

constexpr RuleSample kMysqlTimeoutSamples[] = {
    {"Aborted connection 15 to db: 'app' user: 'svc' host: '192.0.2.7' (Got timeout reading "
     "communication packets)"},
};
constexpr Rule kMysqlTimeout = {
    .name = "mysql_communication_timeout",
    .kind = Kind::kTimeout,
    .pattern = R"re(Got timeout (?:reading|writing) communication packets)re",
    .description = "MySQL: wait_timeout or net_read_timeout closed a connection",
    .samples = kMysqlTimeoutSamples,
};

constexpr RuleSample kMysqlInactivitySamples[] = {
    {"The client was disconnected by the server because of inactivity. See wait_timeout and "
     "interactive_timeout for configuring this behavior."},
};
constexpr Rule kMysqlInactivity = {
    .name = "mysql_inactivity_disconnect",
    .kind = Kind::kTimeout,
    .pattern = R"re(disconnected by the server because of inactivity)re",
    .description = "MySQL 8.0.24+: the server closed an idle client connection",
    .samples = kMysqlInactivitySamples,
};

constexpr RuleSample kPostgresIdleTimeoutSamples[] = {
    {"FATAL:  terminating connection due to idle-in-transaction timeout"},
    {"terminating connection due to idle-session timeout"},
};
constexpr Rule kPostgresIdleTimeout = {
    .name = "postgres_idle_timeout",
    .kind = Kind::kTimeout,
    .pattern = R"re(idle-(?:in-transaction|session) timeout)re",
    .description = "PostgreSQL: the server closed an idle (in-transaction) session",
    .samples = kPostgresIdleTimeoutSamples,
};

constexpr RuleSample kNginxSslHandshakeSamples[] = {
    {"*1 SSL_do_handshake() failed (SSL: error:0A00006C:SSL routines::bad key share) while SSL "
     "handshaking, client: 198.51.100.7, server: 0.0.0.0:443"},
    {"*3 peer closed connection in SSL handshake while SSL handshaking, client: 198.51.100.7, "
     "server: 0.0.0.0:443"},
};
constexpr Rule kNginxSslHandshake = {
    .name = "nginx_ssl_handshake_failed",
    .kind = Kind::kTlsError,
    .pattern = R"re(SSL_do_handshake\(\) failed|peer closed connection in SSL handshake)re",
    .description = "nginx: a TLS handshake with a client or upstream failed",
    .samples = kNginxSslHandshakeSamples,
};

constexpr RuleSample kSslHandshakeFailedSamples[] = {
    {"SSL handshake failed: SSL_ERROR_SSL"},
    {"kafka: Failed to connect to broker 10.0.0.8:9093: TLS handshake failed"},
};
constexpr Rule kSslHandshakeFailed = {
    .name = "ssl_handshake_failed",
    .kind = Kind::kTlsError,
    .pattern = R"re((?:SSL|TLS) handshake failed)re",
    .description = "a TLS handshake failed (generic wording)",
    .samples = kSslHandshakeFailedSamples,
};

constexpr RuleSample kGoTlsHandshakeErrorSamples[] = {
    {"http: TLS handshake error from 198.51.100.23:51514: EOF"},
    {"http: TLS handshake error from [2001:db8::7]:40022: remote error: tls: bad certificate"},
};
constexpr Rule kGoTlsHandshakeError = {
    .name = "go_tls_handshake_error",
    .kind = Kind::kTlsError,
    .pattern =
        R"re(TLS handshake error from \[?(?P<src_ip>[0-9A-Fa-f:.]+)\]?:(?P<src_port>[0-9]+))re",
    .description = "Go net/http server: a client's TLS handshake failed",
    .samples = kGoTlsHandshakeErrorSamples,
};

constexpr RuleSample kTlsNoSharedCipherSamples[] = {
    {"OpenSSL: error:1408A0C1:SSL routines:ssl3_get_client_hello:no shared cipher"},
};
constexpr Rule kTlsNoSharedCipher = {
    .name = "tls_no_shared_cipher",
    .kind = Kind::kTlsError,
    .pattern = R"re(no shared cipher)re",
    .description = "TLS: client and server have no cipher suite in common",
    .samples = kTlsNoSharedCipherSamples,
};

// OpenSSL writes "...:unsupported protocol"; the colon keeps Go's
// "unsupported protocol scheme" (a bad URL, not TLS) out.
constexpr RuleSample kTlsProtocolVersionSamples[] = {
    {"error:0A000102:SSL routines::unsupported protocol"},
    {"SSL routines:tls_early_post_process_client_hello:unsupported protocol"},
    {"error:1409442E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version"},
};
constexpr Rule kTlsProtocolVersion = {
    .name = "tls_protocol_version",
    .kind = Kind::kTlsError,
    .pattern = R"re(:unsupported protocol|alert protocol version)re",
    .description = "TLS: the peers support no common protocol version",
    .samples = kTlsProtocolVersionSamples,
};

constexpr RuleSample kTlsWrongVersionSamples[] = {
    {"ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1123)"},
};
constexpr Rule kTlsWrongVersion = {
    .name = "tls_wrong_version_number",
    .kind = Kind::kTlsError,
    .pattern = R"re(wrong version number)re",
    .description = "TLS: the peer did not speak TLS (plain HTTP on a TLS port, or vice versa)",
    .samples = kTlsWrongVersionSamples,
};

constexpr RuleSample kTlsHandshakeFailureSamples[] = {
    {"ssl.SSLError: [SSL: SSLV3_ALERT_HANDSHAKE_FAILURE] sslv3 alert handshake failure "
     "(_ssl.c:1006)"},
    {"192.0.2.8:51234 [01/Mar/2024:10:15:02.123] fe_https/1: SSL handshake failure"},
};
constexpr Rule kTlsHandshakeFailure = {
    .name = "tls_handshake_failure",
    .kind = Kind::kTlsError,
    .pattern = R"re(handshake failure)re",
    .description = "TLS: the handshake_failure alert (no acceptable parameters)",
    .samples = kTlsHandshakeFailureSamples,
    .ignore_case = true,
};

constexpr RuleSample kTlsCertVerifySamples[] = {
    {"[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self signed certificate in "
     "certificate chain (_ssl.c:1006)"},
};
constexpr Rule kTlsCertVerify = {
    .name = "tls_certificate_verify_failed",
    .kind = Kind::kTlsError,
    .pattern = R"re(certificate verify failed)re",
    .description = "TLS: the peer's certificate did not verify",
    .samples = kTlsCertVerifySamples,
};

constexpr RuleSample kTlsClosedInHandshakeSamples[] = {
    {"Connection closed during SSL handshake"},
    {"javax.net.ssl.SSLHandshakeException: Remote host terminated the handshake"},
};
constexpr Rule kTlsClosedInHandshake = {
    .name = "tls_closed_during_handshake",
    .kind = Kind::kTlsError,
    .pattern =
        R"re([Cc]onnection closed during (?:SSL|TLS) handshake|Remote host terminated the handshake)re",
    .description = "TLS: the peer closed the connection in the middle of the handshake",
    .samples = kTlsClosedInHandshakeSamples,
};

constexpr RuleSample kDotnetTlsSamples[] = {
    {"System.Net.WebException: The request was aborted: Could not create SSL/TLS secure "
     "channel."},
    {"System.Net.Http.HttpRequestException: The SSL connection could not be established, see "
     "inner exception."},
    {"The underlying connection was closed: Could not establish trust relationship for the "
     "SSL/TLS secure channel."},
};
constexpr Rule kDotnetTls = {
    .name = "dotnet_tls_failure",
    .kind = Kind::kTlsError,
    .pattern =
        R"re(Could not (?:create|establish trust relationship for the) SSL/TLS secure channel|The SSL connection could not be established)re",
    .description = ".NET: the TLS channel could not be set up",
    .samples = kDotnetTlsSamples,
};

// ---------------------------------------------------------------------------
// 3. OOM kills. The victim line names the killed pid and comm (FORMATS.md
// §4.1, every era); the other lines of the burst are context (kind other)
// so that one kill is counted once.

constexpr RuleSample kKernelMemcgOomSamples[] = {
    {"Memory cgroup out of memory: Killed process 19289 (memcg_process) total-vm:2676kB, "
     "anon-rss:84kB, file-rss:1468kB, shmem-rss:4kB, UID:0 pgtables:40kB oom_score_adj:0",
     "memcg_process", 19289},
    {"Memory cgroup out of memory: Killed process 50624 (java) total-vm:59726088kB, "
     "anon-rss:8225208kB, file-rss:26912kB, shmem-rss:0kB, UID:10000 pgtables:21384kB "
     "oom_score_adj:969",
     "java", 50624},
};
constexpr Rule kKernelMemcgOom = {
    .name = "kernel_memcg_oom_kill",
    .kind = Kind::kOomKill,
    .pattern =
        R"re(Memory cgroup out of memory: Killed process (?P<pid>[0-9]+) \((?P<process>[^)\n]*)\))re",
    .description = "kernel: a process was killed for exceeding its cgroup's memory limit",
    .samples = kKernelMemcgOomSamples,
};

constexpr RuleSample kKernelOomSamples[] = {
    {"Out of memory: Killed process 6439 (tracker-miner-f) total-vm:127921280kB, "
     "anon-rss:60906104kB, file-rss:0kB, shmem-rss:4kB, UID:1000 pgtables:249416kB "
     "oom_score_adj:0",
     "tracker-miner-f", 6439},
    {"Out of Memory: Killed process 2592 (mysql).", "mysql", 2592},
};
constexpr Rule kKernelOom = {
    .name = "kernel_oom_kill",
    .kind = Kind::kOomKill,
    .pattern =
        R"re(Out of [Mm]emory(?: \([^)\n]*\))?: Killed process (?P<pid>[0-9]+) \((?P<process>[^)\n]*)\))re",
    .description = "kernel: the global OOM killer killed a process",
    .samples = kKernelOomSamples,
};

// 3.x-4.x kernels print the victim line without a prefix, and the RHEL 7
// backport adds ", UID 1000," after the comm.
constexpr RuleSample kKernelKilledProcessSamples[] = {
    {"Killed process 21945 (tidb-server), UID 1000, total-vm:33027492kB, anon-rss:31303276kB, "
     "file-rss:0kB, shmem-rss:0kB",
     "tidb-server", 21945},
    {"Killed process 18694 (perl) total-vm:1972392kB, anon-rss:1953348kB, file-rss:0kB", "perl",
     18694},
    {"[16508.733356] Killed process 2603 (flasherav) total-vm:1498536kB, anon-rss:721784kB, "
     "file-rss:4228kB, shmem-rss:0kB",
     "flasherav", 2603},
};
constexpr Rule kKernelKilledProcess = {
    .name = "kernel_killed_process",
    .kind = Kind::kOomKill,
    .pattern = R"re(\bKilled process (?P<pid>[0-9]+) \((?P<process>[^)\n]*)\))re",
    .description = "kernel (3.x-4.x, RHEL 7): the OOM killer's victim line without a prefix",
    .samples = kKernelKilledProcessSamples,
};

// systemd logs "UNIT: ..." with the unit first; the process is the unit
// name without ".service" (lazy, so that the suffix is left out).
constexpr RuleSample kSystemdUnitOomSamples[] = {
    {"erigon.service: A process of this unit has been killed by the OOM killer.", "erigon"},
    {"user@1000.service: A process of this unit has been killed by the OOM killer.", "user@1000"},
};
constexpr Rule kSystemdUnitOom = {
    .name = "systemd_unit_oom_killed",
    .kind = Kind::kOomKill,
    .pattern =
        R"re((?P<process>[^\s:]+?)(?:\.service)?: A process of this unit has been killed by the OOM killer)re",
    .description = "systemd: the kernel OOM killer killed a process of a unit",
    .samples = kSystemdUnitOomSamples,
};

constexpr RuleSample kSystemdResultOomSamples[] = {
    {"erigon.service: Failed with result 'oom-kill'.", "erigon"},
};
constexpr Rule kSystemdResultOom = {
    .name = "systemd_result_oom_kill",
    .kind = Kind::kOomKill,
    .pattern = R"re((?P<process>[^\s:]+?)(?:\.service)?: Failed with result 'oom-kill')re",
    .description = "systemd: a unit failed because of an OOM kill",
    .samples = kSystemdResultOomSamples,
};

constexpr RuleSample kGunicornSigkillSamples[] = {
    {"Worker (pid:66) was sent SIGKILL! Perhaps out of memory?", "", 66},
    {"[ERROR] Worker (pid:2187) was sent SIGKILL! Perhaps out of memory?", "", 2187},
};
constexpr Rule kGunicornSigkill = {
    .name = "gunicorn_worker_sigkill",
    .kind = Kind::kOomKill,
    .pattern = R"re(Worker \(pid:(?P<pid>[0-9]+)\) was sent SIGKILL! Perhaps out of memory)re",
    .description = "gunicorn: a worker died of SIGKILL, most likely the OOM killer",
    .samples = kGunicornSigkillSamples,
};

constexpr RuleSample kK8sSystemOomSamples[] = {
    {"System OOM encountered, victim process: java, pid: 4412", "java", 4412},
};
constexpr Rule kK8sSystemOom = {
    .name = "k8s_system_oom",
    .kind = Kind::kOomKill,
    .pattern =
        R"re(System OOM encountered, victim process: (?P<process>[^,\n]+), pid: (?P<pid>[0-9]+))re",
    .description = "Kubernetes kubelet SystemOOM event naming the victim",
    .samples = kK8sSystemOomSamples,
};

constexpr RuleSample kK8sOomKilledSamples[] = {
    {"Last State: Terminated  Reason: OOMKilled  Exit Code: 137"},
    {"kernel-monitor, node-1  OOMKilling  Out of memory: Kill process 4412 (java) score 1000 or "
     "sacrifice child"},
};
constexpr Rule kK8sOomKilled = {
    .name = "k8s_oom_killed",
    .kind = Kind::kOomKill,
    .pattern = R"re(\bOOMKill(?:ed|ing)\b)re",
    .description = "Kubernetes: a container terminated OOMKilled, or an OOMKilling node event",
    .samples = kK8sOomKilledSamples,
};

constexpr RuleSample kKernelOomInvokedSamples[] = {
    {"memcg_process invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0"},
    {"perl invoked oom-killer: gfp_mask=0x280da, order=0, oom_score_adj=0"},
};
constexpr Rule kKernelOomInvoked = {
    .name = "kernel_oom_invoked",
    .kind = Kind::kOther,
    .pattern = R"re(invoked oom-killer: )re",
    .description = "kernel: an OOM burst begins (the trigger is usually not the victim)",
    .samples = kKernelOomInvokedSamples,
};

// The summary's nodemask and mems_allowed contain commas; the greedy run up
// to ",task=" finds the last one. Truncated summaries still match.
constexpr RuleSample kKernelOomSummarySamples[] = {
    {"oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/"
     "ltp_19257,task_memcg=/ltp_19257,task=memcg_process,pid=19289,uid=0",
     "memcg_process", 19289},
    {"oom-kill:constraint=CONSTRAINT_NONE,nodemask=0-2,4,cpuset=/,mems_allowed=0,2-4,global_oom,"
     "task_memcg=/system.slice/mysqld.service,task=mysqld,pid=1849,uid=27",
     "mysqld", 1849},
    {"oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,"
     "task_m\xE2\x80\xA6"},
};
constexpr Rule kKernelOomSummary = {
    .name = "kernel_oom_summary",
    .kind = Kind::kOther,
    .pattern =
        R"re(oom-kill:constraint=(?:[^\n]*,task=(?P<process>[^,\n]*),pid=(?P<pid>[0-9]+))?)re",
    .description = "kernel (4.19+): the OOM summary line naming the victim task",
    .samples = kKernelOomSummarySamples,
};

constexpr RuleSample kKernelOomReaperSamples[] = {
    {"oom_reaper: reaped process 6439 (tracker-miner-f), now anon-rss:0kB, file-rss:0kB, "
     "shmem-rss:4kB",
     "tracker-miner-f", 6439},
};
constexpr Rule kKernelOomReaper = {
    .name = "kernel_oom_reaper",
    .kind = Kind::kOther,
    .pattern = R"re(oom_reaper: reaped process (?P<pid>[0-9]+) \((?P<process>[^)\n]*)\))re",
    .description = "kernel: the OOM reaper freed the victim's memory (after the kill)",
    .samples = kKernelOomReaperSamples,
};

constexpr RuleSample kKernelOomSelectSamples[] = {
    {"Out of memory: Kill process 18694 (perl) score 246 or sacrifice child", "perl", 18694},
    {"Memory cgroup out of memory: Kill process 18286 (java) score 933 or sacrifice child", "java",
     18286},
};
constexpr Rule kKernelOomSelect = {
    .name = "kernel_oom_select",
    .kind = Kind::kOther,
    .pattern =
        R"re(Kill process (?P<pid>[0-9]+) \((?P<process>[^)\n]*)\) score [0-9]+ or sacrifice child)re",
    .description = "kernel (before 5.x): the OOM killer chose a victim; the kill line follows",
    .samples = kKernelOomSelectSamples,
};

constexpr RuleSample kKernelMemcgLimitSamples[] = {
    {"Task in /docker/4f1c2d3e killed as a result of limit of /docker/4f1c2d3e"},
};
constexpr Rule kKernelMemcgLimit = {
    .name = "kernel_memcg_oom_context",
    .kind = Kind::kOther,
    .pattern = R"re(killed as a result of limit of )re",
    .description = "kernel (4.x): which memory cgroup's limit an OOM burst hit",
    .samples = kKernelMemcgLimitSamples,
};

// ---------------------------------------------------------------------------
// 4. Crashes.

// The comm may contain a space ("Web Content") and end in a colon (thread
// names); a first word ending in a colon ("kernel: ") is a prefix, not part
// of it. No counted repetition: {0,14} here multiplied the set's DFA states
// (~50x slower on long multi-line records).
constexpr RuleSample kKernelSegfaultSamples[] = {
    {"a.out[40342]: segfault at 0 ip 00000000004005b1 sp 00007ffc5b1be400 error 4 in "
     "a.out[400000+1000]",
     "a.out", 40342},
    {"[55175.576858] matroskademux0:[1740126]: segfault at 0 ip 0000000000000000 sp "
     "00007f41465edcc8 error 14 likely on CPU 17 (core 6, socket 0)",
     "matroskademux0:", 1740126},
    {"Web Content[4242]: segfault at 8 ip 00007f3a1b2c3d4e sp 00007ffd5e6f7a80 error 4 in "
     "libxul.so[7f3a18000000+5c00000]",
     "Web Content", 4242},
};
constexpr Rule kKernelSegfault = {
    .name = "kernel_segfault",
    .kind = Kind::kCrash,
    .pattern =
        R"re((?P<process>(?:[^\[\]\s]*[^\[\]\s:] )?[^\[\]\s]+)\[(?P<pid>[0-9]+)\]: segfault at )re",
    .description = "kernel: a thread died of SIGSEGV (the pid is the faulting thread's)",
    .samples = kKernelSegfaultSamples,
};

constexpr RuleSample kKernelTrapSamples[] = {
    {"traps: nginx[1234] general protection fault ip:7f1c2d3e4f50 sp:7ffd1a2b3c40 error:0 in "
     "libc.so.6[7f1c2d300000+195000]",
     "nginx", 1234},
    {"traps: php-fpm[5120] trap invalid opcode ip:55d0c8f1a2b3 sp:7ffc9e8d7c60 error:0 in "
     "php-fpm[55d0c8c00000+400000]",
     "php-fpm", 5120},
};
constexpr Rule kKernelTrap = {
    .name = "kernel_trap",
    .kind = Kind::kCrash,
    .pattern =
        R"re(traps: (?P<process>[^\[\]\n]+)\[(?P<pid>[0-9]+)\] (?:general protection|trap (?:invalid opcode|divide error|int3|stack segment)))re",
    .description = "kernel: a process died of a CPU trap (general protection, invalid opcode)",
    .samples = kKernelTrapSamples,
};

constexpr RuleSample kSystemdMainKilledSamples[] = {
    {"erigon.service: Main process exited, code=killed, status=9/KILL", "erigon"},
    {"tidb-4000.service: main process exited, code=killed, status=9/KILL", "tidb-4000"},
    {"nginx.service: Main process exited, code=dumped, status=11/SEGV", "nginx"},
};
constexpr Rule kSystemdMainKilled = {
    .name = "systemd_main_process_killed",
    .kind = Kind::kCrash,
    .pattern =
        R"re((?P<process>[^\s:]+?)(?:\.service)?: [Mm]ain process exited, code=(?:killed|dumped), status=)re",
    .description = "systemd: a unit's main process died of a signal",
    .samples = kSystemdMainKilledSamples,
};

constexpr RuleSample kSystemdMainFailedSamples[] = {
    {"mailhog.service: Main process exited, code=exited, status=1/FAILURE", "mailhog"},
    {"app.service: Main process exited, code=exited, status=203/EXEC", "app"},
};
constexpr Rule kSystemdMainFailed = {
    .name = "systemd_main_process_failed",
    .kind = Kind::kCrash,
    .pattern =
        R"re((?P<process>[^\s:]+?)(?:\.service)?: [Mm]ain process exited, code=exited, status=[1-9][0-9]*/)re",
    .description = "systemd: a unit's main process exited with a non-zero status",
    .samples = kSystemdMainFailedSamples,
};

constexpr RuleSample kSystemdFailedResultSamples[] = {
    {"mailhog.service: Failed with result 'exit-code'.", "mailhog"},
    {"nginx.service: Failed with result 'core-dump'.", "nginx"},
    {"api.service: Failed with result 'watchdog'.", "api"},
};
constexpr Rule kSystemdFailedResult = {
    .name = "systemd_failed_result",
    .kind = Kind::kCrash,
    .pattern =
        R"re((?P<process>[^\s:]+?)(?:\.service)?: Failed with result '(?:signal|core-dump|exit-code|watchdog|timeout)')re",
    .description = "systemd: a unit failed by signal, core dump, exit code, watchdog or timeout",
    .samples = kSystemdFailedResultSamples,
};

constexpr RuleSample kSystemdWatchdogSamples[] = {
    {"api.service: Watchdog timeout (limit 30s)!", "api"},
};
constexpr Rule kSystemdWatchdog = {
    .name = "systemd_watchdog_timeout",
    .kind = Kind::kCrash,
    .pattern = R"re((?P<process>[^\s:]+?)(?:\.service)?: Watchdog timeout \(limit )re",
    .description = "systemd: a unit missed its watchdog and is aborted",
    .samples = kSystemdWatchdogSamples,
};

constexpr RuleSample kNginxWorkerSignalSamples[] = {
    {"worker process 1234 exited on signal 9", "", 1234},
    {"worker process 5120 exited on signal 11 (core dumped)", "", 5120},
};
constexpr Rule kNginxWorkerSignal = {
    .name = "nginx_worker_signal",
    .kind = Kind::kCrash,
    .pattern = R"re(worker process (?P<pid>[0-9]+) exited on signal [0-9]+)re",
    .description = "nginx: a worker process died of a signal",
    .samples = kNginxWorkerSignalSamples,
};

constexpr RuleSample kApacheChildSignalSamples[] = {
    {"AH00052: child pid 23142 exit signal Segmentation fault (11)", "", 23142},
    {"AH00051: child pid 3121 exit signal Aborted (6), possible coredump in /etc/apache2", "",
     3121},
};
constexpr Rule kApacheChildSignal = {
    .name = "apache_child_signal",
    .kind = Kind::kCrash,
    .pattern = R"re(AH0005[12]: child pid (?P<pid>[0-9]+) exit signal)re",
    .description = "Apache: a child process died of a signal",
    .samples = kApacheChildSignalSamples,
};

constexpr RuleSample kPostgresBackendSignalSamples[] = {
    {"server process (PID 1234) was terminated by signal 9: Killed", "", 1234},
    {"LOG:  server process (PID 20561) was terminated by signal 11: Segmentation fault", "", 20561},
};
constexpr Rule kPostgresBackendSignal = {
    .name = "postgres_backend_signal",
    .kind = Kind::kCrash,
    .pattern = R"re(server process \(PID (?P<pid>[0-9]+)\) was terminated by signal)re",
    .description = "PostgreSQL: a backend died of a signal; every session is then reset",
    .samples = kPostgresBackendSignalSamples,
};

// At a line start only: net/http's recovered "http: panic serving ..." is
// not a crash.
constexpr RuleSample kGoPanicSamples[] = {
    {"panic: runtime error: invalid memory address or nil pointer dereference"},
    {"worker stopped\npanic: send on closed channel\n\ngoroutine 1 [running]:\nmain.main()"},
};
constexpr Rule kGoPanic = {
    .name = "go_panic",
    .kind = Kind::kCrash,
    .pattern = R"re((?m)^panic: )re",
    .description = "Go: an unrecovered panic ends the process",
    .samples = kGoPanicSamples,
};

// ASP.NET Core's "An unhandled exception has occurred while executing the
// request" is handled by middleware and does not match.
constexpr RuleSample kDotnetUnhandledSamples[] = {
    {"Unhandled exception. System.InvalidOperationException: Sequence contains no elements"},
    {"Unhandled Exception: System.NullReferenceException: Object reference not set to an "
     "instance of an object."},
};
constexpr Rule kDotnetUnhandled = {
    .name = "dotnet_unhandled_exception",
    .kind = Kind::kCrash,
    .pattern = R"re((?m)^Unhandled [Ee]xception[.:] )re",
    .description = ".NET: the runtime reports the unhandled exception that ends the process",
    .samples = kDotnetUnhandledSamples,
};

constexpr RuleSample kJvmOomExitSamples[] = {
    {"Terminating due to java.lang.OutOfMemoryError: Java heap space"},
};
constexpr Rule kJvmOomExit = {
    .name = "jvm_oom_exit",
    .kind = Kind::kCrash,
    .pattern = R"re(Terminating due to java\.lang\.OutOfMemoryError)re",
    .description = "JVM with -XX:+ExitOnOutOfMemoryError: the heap is exhausted, exit code 3",
    .samples = kJvmOomExitSamples,
};

constexpr RuleSample kCxxTerminateSamples[] = {
    {"terminate called after throwing an instance of 'std::bad_alloc'\n  what():  "
     "std::bad_alloc"},
    {"terminate called without an active exception"},
};
constexpr Rule kCxxTerminate = {
    .name = "cxx_terminate",
    .kind = Kind::kCrash,
    .pattern = R"re(terminate called (?:after throwing|without an active exception))re",
    .description = "C++: std::terminate aborts the process",
    .samples = kCxxTerminateSamples,
};

constexpr RuleSample kNodeUnhandledErrorSamples[] = {
    {"node:events:495\n      throw er; // Unhandled 'error' event\n      ^"},
};
constexpr Rule kNodeUnhandledError = {
    .name = "node_unhandled_error_event",
    .kind = Kind::kCrash,
    .pattern = R"re(Unhandled 'error' event)re",
    .description = "Node.js: an 'error' event without a listener ends the process",
    .samples = kNodeUnhandledErrorSamples,
};

constexpr RuleSample kWindowsServiceCrashSamples[] = {
    {"The WSUS Service service terminated unexpectedly.  It has done this 1 time(s).  The "
     "following corrective action will be taken in 300000 milliseconds: Restart the service.",
     "WSUS Service"},
    {"The VirtualBox system service service terminated unexpectedly.  It has done this 1 "
     "time(s).",
     "VirtualBox system service"},
};
constexpr Rule kWindowsServiceCrash = {
    .name = "windows_service_crashed",
    .kind = Kind::kCrash,
    .pattern = R"re(The (?P<process>[^\n]+?) service terminated unexpectedly\.)re",
    .description = "Windows SCM 7031/7034: a service terminated unexpectedly",
    .samples = kWindowsServiceCrashSamples,
};

// ---------------------------------------------------------------------------
// 5. Resource exhaustion.

constexpr RuleSample kTooManyOpenFilesSamples[] = {
    {"*101 accept4() failed (24: Too many open files)"},
    {"http: Accept error: accept tcp [::]:8080: accept4: too many open files; retrying in 5ms"},
    {"Error: EMFILE: too many open files, open '/app/data/orders.json'"},
};
constexpr Rule kTooManyOpenFiles = {
    .name = "too_many_open_files",
    .kind = Kind::kOverload,
    .pattern = R"re(too many open files|\bemfile\b|accept4?\(\) failed \(24: )re",
    .description = "a process ran out of file descriptors (EMFILE)",
    .samples = kTooManyOpenFilesSamples,
    .ignore_case = true,
};

constexpr RuleSample kNginxWorkerConnectionsSamples[] = {
    {"1024 worker_connections are not enough while connecting to upstream, client: 10.1.2.3, "
     "server: api.example.com"},
};
constexpr Rule kNginxWorkerConnections = {
    .name = "nginx_worker_connections",
    .kind = Kind::kOverload,
    .pattern = R"re(worker_connections are not enough)re",
    .description = "nginx: a worker reached its worker_connections limit",
    .samples = kNginxWorkerConnectionsSamples,
};

constexpr RuleSample kApacheMaxWorkersSamples[] = {
    {"AH00161: server reached MaxRequestWorkers setting, consider raising the MaxRequestWorkers "
     "setting"},
    {"server reached MaxClients setting, consider raising the MaxClients setting"},
};
constexpr Rule kApacheMaxWorkers = {
    .name = "apache_max_request_workers",
    .kind = Kind::kOverload,
    .pattern = R"re(MaxRequestWorkers|reached MaxClients setting)re",
    .description = "Apache: all workers are busy (MaxRequestWorkers / MaxClients)",
    .samples = kApacheMaxWorkersSamples,
};

constexpr RuleSample kKernelSynFloodSamples[] = {
    {"TCP: request_sock_TCP: Possible SYN flooding on port 80. Sending cookies.  Check SNMP "
     "counters."},
    {"[16508.733356] possible SYN flooding on port 4671. Sending cookies."},
    {"TCP: request_sock_TCPv6: Possible SYN flooding on port [::]:20002. Dropping request.  "
     "Check SNMP counters."},
};
constexpr Rule kKernelSynFlood = {
    .name = "kernel_syn_flood",
    .kind = Kind::kOverload,
    .pattern = R"re(possible SYN flooding on port)re",
    .description = "kernel: a listen backlog overflowed (the application accepts too slowly)",
    .samples = kKernelSynFloodSamples,
    .ignore_case = true,
};

constexpr RuleSample kKernelConntrackFullSamples[] = {
    {"[104235.156774] nf_conntrack: nf_conntrack: table full, dropping packet"},
    {"nf_conntrack: table full, dropping packet"},
};
constexpr Rule kKernelConntrackFull = {
    .name = "kernel_conntrack_full",
    .kind = Kind::kOverload,
    .pattern = R"re((?:nf|ip)_conntrack: table full, dropping packet)re",
    .description = "kernel: the connection tracking table is full; new flows are dropped",
    .samples = kKernelConntrackFullSamples,
};

constexpr RuleSample kPostgresTooManyClientsSamples[] = {
    {"FATAL:  sorry, too many clients already"},
};
constexpr Rule kPostgresTooManyClients = {
    .name = "postgres_too_many_clients",
    .kind = Kind::kOverload,
    .pattern = R"re(sorry, too many clients already)re",
    .description = "PostgreSQL: max_connections reached",
    .samples = kPostgresTooManyClientsSamples,
};

constexpr RuleSample kPostgresReservedSlotsSamples[] = {
    {"FATAL:  remaining connection slots are reserved for non-replication superuser "
     "connections"},
};
constexpr Rule kPostgresReservedSlots = {
    .name = "postgres_reserved_slots",
    .kind = Kind::kOverload,
    .pattern = R"re(remaining connection slots are reserved)re",
    .description = "PostgreSQL: only reserved connection slots are left",
    .samples = kPostgresReservedSlotsSamples,
};

constexpr RuleSample kKernelOrphanedSocketsSamples[] = {
    {"TCP: too many orphaned sockets"},
};
constexpr Rule kKernelOrphanedSockets = {
    .name = "kernel_orphaned_sockets",
    .kind = Kind::kOverload,
    .pattern = R"re(too many orphaned sockets)re",
    .description = "kernel: tcp_max_orphans reached; the kernel resets connections",
    .samples = kKernelOrphanedSocketsSamples,
};

constexpr RuleSample kKernelTcpMemSamples[] = {
    {"TCP: out of memory -- consider tuning tcp_mem"},
};
constexpr Rule kKernelTcpMem = {
    .name = "kernel_tcp_mem",
    .kind = Kind::kOverload,
    .pattern = R"re(out of memory -- consider tuning tcp_mem)re",
    .description = "kernel: TCP socket memory (tcp_mem) exhausted; connections are reset",
    .samples = kKernelTcpMemSamples,
};

constexpr RuleSample kMysqlTooManyConnectionsSamples[] = {
    {"ERROR 1040 (HY000): Too many connections"},
};
constexpr Rule kMysqlTooManyConnections = {
    .name = "mysql_too_many_connections",
    .kind = Kind::kOverload,
    .pattern = R"re(\bToo many connections\b)re",
    .description = "MySQL: max_connections reached (ER_CON_COUNT_ERROR)",
    .samples = kMysqlTooManyConnectionsSamples,
};

// ---------------------------------------------------------------------------
// 6. Restart, stop, start.

constexpr RuleSample kSystemdScheduledRestartSamples[] = {
    {"erigon.service: Scheduled restart job, restart counter is at 3.", "erigon"},
};
constexpr Rule kSystemdScheduledRestart = {
    .name = "systemd_scheduled_restart",
    .kind = Kind::kRestart,
    .pattern =
        R"re((?P<process>[^\s:]+?)(?:\.service)?: Scheduled restart job, restart counter is at [0-9]+)re",
    .description = "systemd: Restart= schedules a restart of a failed unit",
    .samples = kSystemdScheduledRestartSamples,
};

constexpr RuleSample kSystemdHoldoffSamples[] = {
    {"tidb-4000.service holdoff time over, scheduling restart.", "tidb-4000"},
    {"Service hold-off time over, scheduling restart."},
};
constexpr Rule kSystemdHoldoff = {
    .name = "systemd_holdoff_restart",
    .kind = Kind::kRestart,
    .pattern =
        R"re((?:(?P<process>[^\s:]+?)\.service:? )?hold-?off time over, scheduling restart)re",
    .description = "systemd (RHEL 7 era): a restart is scheduled after the hold-off time",
    .samples = kSystemdHoldoffSamples,
    .ignore_case = true,
};

constexpr RuleSample kSystemdReloadSamples[] = {
    {"Reloading nginx.service - A high performance web server and a reverse proxy server..."},
    {"Reloaded A high performance web server and a reverse proxy server."},
    {"Reloading."},
};
constexpr Rule kSystemdReload = {
    .name = "systemd_reload",
    .kind = Kind::kRestart,
    .pattern = R"re(^Reload(?:ing|ed)\b)re",
    .description = "systemd: a unit or the manager is reloading",
    .samples = kSystemdReloadSamples,
};

constexpr RuleSample kNginxReconfiguringSamples[] = {
    {"signal 1 (SIGHUP) received from 4321, reconfiguring"},
    {"reconfiguring"},
};
constexpr Rule kNginxReconfiguring = {
    .name = "nginx_reconfiguring",
    .kind = Kind::kRestart,
    .pattern = R"re((?:^|, )reconfiguring$)re",
    .description = "nginx: the master reloads its configuration and replaces its workers",
    .samples = kNginxReconfiguringSamples,
};

constexpr RuleSample kApacheRestartSamples[] = {
    {"AH00171: SIGHUP received.  Attempting to restart"},
    {"AH00171: Graceful restart requested, doing restart"},
};
constexpr Rule kApacheRestart = {
    .name = "apache_restart",
    .kind = Kind::kRestart,
    .pattern = R"re(SIGHUP received\. +Attempting to restart|Graceful restart requested)re",
    .description = "Apache: a restart or graceful restart was requested",
    .samples = kApacheRestartSamples,
};

constexpr RuleSample kK8sBackoffSamples[] = {
    {"Back-off restarting failed container serverless-test in pod "
     "serverless-test-deployment-6c7657c859-66pn6_default(b50a7fa8-bb90-46f1-aba4-f17a2bb67161)"},
};
constexpr Rule kK8sBackoff = {
    .name = "k8s_backoff_restart",
    .kind = Kind::kRestart,
    .pattern = R"re(Back-off restarting failed container)re",
    .description = "Kubernetes: a crashing container is being restarted (CrashLoopBackOff)",
    .samples = kK8sBackoffSamples,
};

constexpr RuleSample kSystemdStoppingSamples[] = {
    {"Stopping nginx.service - A high performance web server and a reverse proxy server...",
     "nginx"},
    {"Stopping Session 3 of User root..."},
};
constexpr Rule kSystemdStopping = {
    .name = "systemd_stopping",
    .kind = Kind::kStop,
    .pattern = R"re(^Stopping (?:(?P<process>\S+?)\.service - )?[^\n]*\.\.\.$)re",
    .description = "systemd: a unit is being stopped",
    .samples = kSystemdStoppingSamples,
};

constexpr RuleSample kSystemdStoppedSamples[] = {
    {"Stopped nginx.service - A high performance web server and a reverse proxy server.", "nginx"},
    {"Stopped A high performance web server and a reverse proxy server."},
};
constexpr Rule kSystemdStopped = {
    .name = "systemd_stopped",
    .kind = Kind::kStop,
    .pattern = R"re(^Stopped (?:(?P<process>\S+?)\.service - )?[^\n]*\.$)re",
    .description = "systemd: a unit stopped",
    .samples = kSystemdStoppedSamples,
};

constexpr RuleSample kNginxShutdownSamples[] = {
    {"gracefully shutting down"},
    {"exiting"},
    {"signal 15 (SIGTERM) received from 1, exiting"},
    {"signal 3 (SIGQUIT) received from 1, shutting down"},
};
constexpr Rule kNginxShutdown = {
    .name = "nginx_shutdown",
    .kind = Kind::kStop,
    .pattern =
        R"re(gracefully shutting down|(?:^|, |: )exiting$|\(SIG(?:TERM|QUIT|INT)\) received[^\n]*, shutting down)re",
    .description = "nginx: the master or a worker is shutting down",
    .samples = kNginxShutdownSamples,
};

constexpr RuleSample kApacheSigtermSamples[] = {
    {"AH00169: caught SIGTERM, shutting down"},
};
constexpr Rule kApacheSigterm = {
    .name = "apache_sigterm",
    .kind = Kind::kStop,
    .pattern = R"re(caught SIG(?:TERM|WINCH), shutting down)re",
    .description = "Apache: the server is shutting down on a signal",
    .samples = kApacheSigtermSamples,
};

constexpr RuleSample kReceivedSigtermSamples[] = {
    {"signal-handler (1693279182) Received SIGTERM scheduling shutdown..."},
    {"received SIGTERM, shutting down gracefully"},
};
constexpr Rule kReceivedSigterm = {
    .name = "received_sigterm",
    .kind = Kind::kStop,
    .pattern = R"re(received SIGTERM)re",
    .description = "a process reports that it received SIGTERM",
    .samples = kReceivedSigtermSamples,
    .ignore_case = true,
};

constexpr RuleSample kGunicornHandlingSignalSamples[] = {
    {"Handling signal: term"},
    {"[INFO] Handling signal: int"},
};
constexpr Rule kGunicornHandlingSignal = {
    .name = "gunicorn_handling_signal",
    .kind = Kind::kStop,
    .pattern = R"re(Handling signal: (?:term|int|quit))re",
    .description = "gunicorn: the master is shutting down on a signal",
    .samples = kGunicornHandlingSignalSamples,
};

constexpr RuleSample kDotnetShuttingDownSamples[] = {
    {"Application is shutting down..."},
};
constexpr Rule kDotnetShuttingDown = {
    .name = "dotnet_shutting_down",
    .kind = Kind::kStop,
    .pattern = R"re(Application is shutting down\.\.\.)re",
    .description = ".NET generic host: the application is stopping",
    .samples = kDotnetShuttingDownSamples,
};

constexpr RuleSample kMysqlShutdownSamples[] = {
    {"[System] [MY-013172] [Server] Received SHUTDOWN from user <via user signal>. Shutting down "
     "mysqld (Version: 8.4.2)."},
};
constexpr Rule kMysqlShutdown = {
    .name = "mysql_shutdown",
    .kind = Kind::kStop,
    .pattern = R"re(Received SHUTDOWN from user)re",
    .description = "MySQL: the server is shutting down",
    .samples = kMysqlShutdownSamples,
};

constexpr RuleSample kPostgresShutdownSamples[] = {
    {"LOG:  received fast shutdown request"},
    {"received smart shutdown request"},
};
constexpr Rule kPostgresShutdown = {
    .name = "postgres_shutdown_request",
    .kind = Kind::kStop,
    .pattern = R"re(received (?:fast|smart|immediate) shutdown request)re",
    .description = "PostgreSQL: the postmaster is shutting down",
    .samples = kPostgresShutdownSamples,
};

constexpr RuleSample kPostgresAdminTerminateSamples[] = {
    {"FATAL:  terminating connection due to administrator command"},
};
constexpr Rule kPostgresAdminTerminate = {
    .name = "postgres_admin_terminate",
    .kind = Kind::kStop,
    .pattern = R"re(terminating connection due to administrator command)re",
    .description = "PostgreSQL: a session was ended by shutdown or pg_terminate_backend",
    .samples = kPostgresAdminTerminateSamples,
};

constexpr RuleSample kWindowsServiceStoppedSamples[] = {
    {"The Print Spooler service entered the stopped state.", "Print Spooler"},
};
constexpr Rule kWindowsServiceStopped = {
    .name = "windows_service_stopped",
    .kind = Kind::kStop,
    .pattern = R"re(The (?P<process>[^\n]+?) service entered the stopped state)re",
    .description = "Windows SCM 7036: a service stopped",
    .samples = kWindowsServiceStoppedSamples,
};

constexpr RuleSample kSpringStartedSamples[] = {
    {"Started ShopApplication in 3.456 seconds (process running for 3.912)"},
    {"Started PaymentServiceApplication in 12.07 seconds (JVM running for 13.1)"},
};
constexpr Rule kSpringStarted = {
    .name = "spring_boot_started",
    .kind = Kind::kStart,
    .pattern = R"re(Started \S+ in [0-9.]+ seconds)re",
    .description = "Spring Boot: the application context is up",
    .samples = kSpringStartedSamples,
};

constexpr RuleSample kSystemdStartedSamples[] = {
    {"Started nginx.service - A high performance web server and a reverse proxy server.", "nginx"},
    {"Started Session 3 of User root."},
};
constexpr Rule kSystemdStarted = {
    .name = "systemd_started",
    .kind = Kind::kStart,
    .pattern = R"re(^Started (?:(?P<process>\S+?)\.service - )?[^\n]*\.$)re",
    .description = "systemd: a unit started",
    .samples = kSystemdStartedSamples,
};

constexpr RuleSample kNginxStartWorkersSamples[] = {
    {"start worker processes"},
    {"start worker process 1235"},
};
constexpr Rule kNginxStartWorkers = {
    .name = "nginx_start_workers",
    .kind = Kind::kStart,
    .pattern = R"re(start worker process(?:es)?\b)re",
    .description = "nginx: the master starts its workers",
    .samples = kNginxStartWorkersSamples,
};

constexpr RuleSample kApacheResumingSamples[] = {
    {"AH00163: Apache/2.4.23 (Unix) configured -- resuming normal operations"},
};
constexpr Rule kApacheResuming = {
    .name = "apache_resuming",
    .kind = Kind::kStart,
    .pattern = R"re(resuming normal operations)re",
    .description = "Apache: the server is up after a start or restart",
    .samples = kApacheResumingSamples,
};

constexpr RuleSample kDotnetListeningSamples[] = {
    {"Now listening on: http://[::]:8080"},
};
constexpr Rule kDotnetListening = {
    .name = "dotnet_now_listening",
    .kind = Kind::kStart,
    .pattern = R"re(Now listening on: )re",
    .description = "ASP.NET Core: Kestrel listens on an address",
    .samples = kDotnetListeningSamples,
};

constexpr RuleSample kDotnetStartedSamples[] = {
    {"Application started. Press Ctrl+C to shut down."},
};
constexpr Rule kDotnetStarted = {
    .name = "dotnet_application_started",
    .kind = Kind::kStart,
    .pattern = R"re(Application started\.)re",
    .description = ".NET generic host: the application started",
    .samples = kDotnetStartedSamples,
};

constexpr RuleSample kMysqlReadySamples[] = {
    {"/usr/sbin/mysqld: ready for connections. Version: '8.0.36'  socket: "
     "'/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL."},
};
constexpr Rule kMysqlReady = {
    .name = "mysql_ready",
    .kind = Kind::kStart,
    .pattern = R"re(ready for connections)re",
    .description = "MySQL: the server accepts connections",
    .samples = kMysqlReadySamples,
};

constexpr RuleSample kReadyToAcceptSamples[] = {
    {"LOG:  database system is ready to accept connections"},
    {"Ready to accept connections tcp"},
};
constexpr Rule kReadyToAccept = {
    .name = "ready_to_accept_connections",
    .kind = Kind::kStart,
    .pattern = R"re(ready to accept connections)re",
    .description = "PostgreSQL or Redis: the server accepts connections",
    .samples = kReadyToAcceptSamples,
    .ignore_case = true,
};

constexpr RuleSample kGunicornBootingSamples[] = {
    {"Booting worker with pid: 74", "", 74},
};
constexpr Rule kGunicornBooting = {
    .name = "gunicorn_booting_worker",
    .kind = Kind::kStart,
    .pattern = R"re(Booting worker with pid: (?P<pid>[0-9]+))re",
    .description = "gunicorn: a new worker starts",
    .samples = kGunicornBootingSamples,
};

constexpr RuleSample kWindowsServiceRunningSamples[] = {
    {"The Print Spooler service entered the running state.", "Print Spooler"},
};
constexpr Rule kWindowsServiceRunning = {
    .name = "windows_service_running",
    .kind = Kind::kStart,
    .pattern = R"re(The (?P<process>[^\n]+?) service entered the running state)re",
    .description = "Windows SCM 7036: a service is running",
    .samples = kWindowsServiceRunningSamples,
};

// ---- firewall rules ----
// Firewall and flow-log evidence in text the firewall formats did not parse
// (a relay that mangled the header, a dmesg dump, a copy in an application
// log). The formats set these kinds themselves from their fields.

constexpr RuleSample kAsaTextTcpResetSamples[] = {
    {"Teardown TCP connection 10 for outside:10.1.2.1/28218 to NP Identity Ifc:10.1.2.2/22 "
     "duration 0:00:33 bytes 968 TCP Reset-O"},
    {"%ASA-6-302014: Teardown TCP connection 207860548 for inside:10.117.142.19/42098 to "
     "dmz:192.168.198.28/443 duration 0:00:08 bytes 0 TCP Reset-I from inside"},
    {"Teardown TCP connection 55 for outside:198.51.100.7/443 to inside:10.1.1.5/50000 "
     "duration 0:00:01 bytes 0 TCP Reset-APPLIANCE"},
};
constexpr Rule kAsaTextTcpReset = {
    .name = "asa_text_tcp_reset",
    .kind = Kind::kFwReset,
    .pattern = R"re(\bbytes [0-9]+ (?:TCP Reset-(?:I|O|APPLIANCE)|Flow reset by IPS)\b)re",
    .description = "Cisco ASA/FTD: a connection torn down by a TCP reset (302014 reason)",
    .samples = kAsaTextTcpResetSamples,
};

constexpr RuleSample kPanosTextRstSamples[] = {
    {"TRAFFIC,end,2305,2020/05/19 07:34:54,10.154.172.134,151.151.88.132,,,rule-443,,,ssl,"
     "vsys1,0,17,9,tcp-rst-from-server,31,12"},
    {"TRAFFIC,end,1,2024/03/01 10:15:02,10.0.0.5,10.0.1.9,,,db,,,postgres,vsys1,"
     "tcp-rst-from-client,0"},
};
constexpr Rule kPanosTextRst = {
    .name = "panos_text_tcp_rst",
    .kind = Kind::kFwReset,
    .pattern = R"re(,tcp-rst-from-(?:client|server),)re",
    .description = "Palo Alto traffic log: the session ended with a TCP reset",
    .samples = kPanosTextRstSamples,
};

constexpr RuleSample kNetfilterTextRstSamples[] = {
    {"[UFW BLOCK] IN=eth0 OUT= MAC= SRC=203.0.113.7 DST=10.0.0.5 LEN=40 TOS=0x00 PREC=0x00 "
     "TTL=249 ID=54321 PROTO=TCP SPT=51514 DPT=443 WINDOW=0 RES=0x00 ACK RST URGP=0"},
};
constexpr Rule kNetfilterTextRst = {
    .name = "netfilter_text_rst",
    .kind = Kind::kFwReset,
    .pattern = R"re(\bPROTO=TCP SPT=[0-9]+ DPT=[0-9]+ [^\n]*\bRST [^\n]*URGP=)re",
    .description = "netfilter LOG: a logged TCP packet carried the RST flag",
    .samples = kNetfilterTextRstSamples,
};

constexpr RuleSample kUfwBlockSamples[] = {
    {"[UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:12:34:56 SRC=198.51.100.4 DST=10.0.0.5 LEN=60 "
     "PROTO=TCP SPT=40000 DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0"},
    {"[UFW REJECT] IN=eth0 OUT= SRC=198.51.100.4 DST=10.0.0.5 PROTO=UDP SPT=5353 DPT=53"},
};
constexpr Rule kUfwBlock = {
    .name = "ufw_block",
    .kind = Kind::kFwDeny,
    .pattern = R"re(\[UFW (?:BLOCK|REJECT|AUDIT INVALID)\])re",
    .description = "UFW: a packet blocked or rejected by policy",
    .samples = kUfwBlockSamples,
};

constexpr RuleSample kAsaTextDenySamples[] = {
    {"Deny tcp src outside:203.0.113.66/40000 dst inside:10.1.1.10/3389 by access-group "
     "\"outside_in\" [0x0, 0x0]"},
    {"Deny TCP (no connection) from 10.1.1.10/443 to 198.51.100.7/51515 flags RST  on "
     "interface inside"},
    {"Deny inbound UDP from 198.51.100.9/5353 to 10.1.1.53/53 on interface outside"},
};
constexpr Rule kAsaTextDeny = {
    .name = "asa_text_deny",
    .kind = Kind::kFwDeny,
    .pattern =
        R"re(\bDeny (?:(?:tcp|udp|icmp) src |(?:TCP|UDP) \(no connection\) from |inbound (?:TCP|UDP|icmp) (?:from|src) ))re",
    .description = "Cisco ASA/FTD: a packet denied by an ACL or with no connection (106xxx)",
    .samples = kAsaTextDenySamples,
};

constexpr RuleSample kFwIdleTimeoutSamples[] = {
    {"Teardown TCP connection 4711 for outside:198.51.100.7/51515 to inside:10.1.1.10/443 "
     "duration 1:00:01 bytes 123456 Idle Timeout"},
    {"Teardown TCP connection 78 for outside:198.51.100.9/61000 to inside:10.1.1.20/8443 "
     "duration 0:05:00 bytes 5120 Conn-timeout"},
    {"TRAFFIC,end,1,2024/03/01 10:15:02,10.0.0.5,10.0.1.9,,,db,,,postgres,vsys1,aged-out,0"},
    {"2024-03-01 10:15:02 10.0.0.5 52311 10.0.0.9 443 HTTP/1.1 GET /api - - "
     "Timer_ConnectionIdle -"},
};
constexpr Rule kFwIdleTimeout = {
    .name = "fw_idle_timeout",
    .kind = Kind::kIdleTimeout,
    .pattern =
        R"re(\bbytes [0-9]+ (?:Idle Timeout|Conn-timeout)\b|,aged-out,|\bTimer_ConnectionIdle\b)re",
    .description = "a firewall (ASA Idle Timeout, PAN-OS aged-out) or HTTP.sys dropped an idle "
                   "connection",
    .samples = kFwIdleTimeoutSamples,
};
// ---- end firewall rules ----

// ---- windows/platform rules ----
// Windows event log texts (FORMATS.md §5.2, Application and System logs)
// and container runtime events (§3.5). The SCM 7031/7034/7036 texts have
// their rules above; these are the crash, rapid-fail and SChannel events
// that explain resets of IIS-hosted services.

constexpr RuleSample kWindowsAppErrorSamples[] = {
    {"Faulting application name: w3wp.exe, version: 10.0.20348.1, time stamp: 0x5c1a5b3e",
     "w3wp.exe"},
    {"Faulting application name: OrdersService.exe, version: 1.4.0.0, time stamp: "
     "0x65a1b2c3\nFaulting module name: KERNELBASE.dll, version: 10.0.20348.2227",
     "OrdersService.exe"},
};
constexpr Rule kWindowsAppError = {
    .name = "windows_application_error_1000",
    .kind = Kind::kCrash,
    .pattern = R"re(Faulting application name: (?P<process>[^,\s]+),)re",
    .description = "Windows Application Error 1000: a process crashed (faulting module)",
    .samples = kWindowsAppErrorSamples,
};

constexpr RuleSample kDotnetRuntime1026Samples[] = {
    {"Application: OrdersService.exe\nFramework Version: v4.0.30319\nDescription: The process "
     "was terminated due to an unhandled exception.\nException Info: "
     "System.InvalidOperationException",
     "OrdersService.exe"},
    {"Application: w3wp.exe\nCoreCLR Version: 8.0.124.6010\n.NET Version: 8.0.1\nDescription: "
     "The process was terminated due to an unhandled exception.",
     "w3wp.exe"},
};
constexpr Rule kDotnetRuntime1026 = {
    .name = "dotnet_runtime_1026",
    .kind = Kind::kCrash,
    .pattern =
        R"re(Application: (?P<process>[^\n]+)\n(?s:.*?)The process was terminated due to an unhandled exception)re",
    .description = ".NET Runtime 1026: a .NET process ended on an unhandled exception",
    .samples = kDotnetRuntime1026Samples,
};

constexpr RuleSample kWasWorkerFailedSamples[] = {
    {"A process serving application pool 'OrdersPool' suffered a fatal communication error "
     "with the Windows Process Activation Service. The process id was '4312'. The data field "
     "contains the error number.",
     "", 4312},
    {"A process serving application pool 'DefaultAppPool' terminated unexpectedly. The process "
     "id was '2684'. The process exit code was '0xc0000005'.",
     "", 2684},
};
constexpr Rule kWasWorkerFailed = {
    .name = "was_worker_process_failed",
    .kind = Kind::kCrash,
    .pattern =
        R"re(A process serving application pool '[^'\n]*' (?:suffered a fatal communication error|terminated unexpectedly)[^\n]*?The process id was '(?P<pid>[0-9]+)')re",
    .description = "IIS WAS 5009/5011: the worker process of an application pool died",
    .samples = kWasWorkerFailedSamples,
};

constexpr RuleSample kWasRapidFailSamples[] = {
    {"Application pool 'OrdersPool' is being automatically disabled due to a series of failures "
     "in the process(es) serving that application pool."},
};
constexpr Rule kWasRapidFail = {
    .name = "was_rapid_fail_protection",
    .kind = Kind::kCrash,
    .pattern = R"re(is being automatically disabled due to a series of failures)re",
    .description = "IIS WAS 5002: rapid-fail protection disabled a crashing application pool",
    .samples = kWasRapidFailSamples,
};

// SChannel 36874 (no common cipher suite), 36887/36888 (fatal alert
// received/sent) and the "TLS protocol defined fatal alert code" texts.
constexpr RuleSample kSchannelSamples[] = {
    {"An TLS 1.2 connection request was received from a remote client application, but none "
     "of the cipher suites supported by the client application are supported by the server. "
     "The TLS connection request has failed."},
    {"A fatal alert was generated and sent to the remote endpoint. This may result in "
     "termination of the connection. The TLS protocol defined fatal error code is 40. The "
     "Windows SChannel error state is 1205."},
    {"A fatal alert was received from the remote endpoint. The TLS protocol defined fatal alert "
     "code is 46."},
};
constexpr Rule kSchannel = {
    .name = "schannel_tls_error",
    .kind = Kind::kTlsError,
    .pattern =
        R"re(none of the cipher suites supported by the client application are supported|A fatal alert was (?:generated and sent to|received from) the remote endpoint)re",
    .description = "Windows SChannel 36874/36887/36888: a TLS handshake failed",
    .samples = kSchannelSamples,
};

// docker events (FORMATS.md §3.5), for lines that reach the classifier
// through another container (syslog, journald).
constexpr RuleSample kDockerOomSamples[] = {
    {"container oom 3f1c2d9e8b7a (image=acme/api:1.4, name=api)", "api"},
};
constexpr Rule kDockerOom = {
    .name = "docker_container_oom",
    .kind = Kind::kOomKill,
    .pattern = R"re(\bcontainer oom [0-9a-f]+ \([^\n]*\bname=(?P<process>[^,)\s]+))re",
    .description = "docker events: the kernel OOM-killed a process of a container",
    .samples = kDockerOomSamples,
};

constexpr RuleSample kDockerUnhealthySamples[] = {
    {"container health_status: unhealthy 3f1c2d9e8b7a (image=acme/api:1.4, name=api)", "api"},
    {"health_status: unhealthy"},
};
constexpr Rule kDockerUnhealthy = {
    .name = "docker_health_unhealthy",
    .kind = Kind::kUnhealthy,
    .pattern =
        R"re(health_status: unhealthy(?: [0-9a-f]+ \([^\n]*\bname=(?P<process>[^,)\s]+))?)re",
    .description = "docker events: a container's health check failed",
    .samples = kDockerUnhealthySamples,
};
// PostgreSQL's postmaster ends every session when one backend crashed
// (FORMATS.md §10.1): each client of the cluster sees a reset.
constexpr RuleSample kPostgresCrashOfAnotherSamples[] = {
    {"terminating connection because of crash of another server process"},
};
constexpr Rule kPostgresCrashOfAnother = {
    .name = "postgres_crash_of_another_process",
    .kind = Kind::kCrash,
    .pattern = R"re(terminating connection because of crash of another server process)re",
    .description = "PostgreSQL: sessions end because another backend crashed",
    .samples = kPostgresCrashOfAnotherSamples,
};

constexpr RuleSample kPostgresReinitializingSamples[] = {
    {"all server processes terminated; reinitializing"},
};
constexpr Rule kPostgresReinitializing = {
    .name = "postgres_reinitializing",
    .kind = Kind::kRestart,
    .pattern = R"re(all server processes terminated; reinitializing)re",
    .description = "PostgreSQL: the postmaster restarts the cluster after a backend crash",
    .samples = kPostgresReinitializingSamples,
};
// ---- end windows/platform rules ----

// ---------------------------------------------------------------------------
// 7. Client-side resets (FORMATS.md §9-§11), specific before generic.

// The Python (C-core) status block spans lines; the peer address, when the
// build prints it, is the server that reset.
constexpr RuleSample kGrpcPythonSamples[] = {
    {"_MultiThreadedRendezvous: <_MultiThreadedRendezvous of RPC that terminated with:\n"
     "\tstatus = StatusCode.UNAVAILABLE\n"
     "\tdetails = \"recvmsg:Connection reset by peer\"\n"
     "\tdebug_error_string = \"UNKNOWN:Error received from peer ipv4:158.160.4.227:50051 "
     "{grpc_message:\"recvmsg:Connection reset by peer\", grpc_status:14, "
     "created_time:\"2023-04-30T22:28:42.424122289+00:00\"}\"\n"
     ">"},
    {"<_InactiveRpcError of RPC that terminated with:\n"
     "\tstatus = StatusCode.UNAVAILABLE\n"
     "\tdetails = \"Socket closed\"\n"
     "\tdebug_error_string = \"UNKNOWN:Error received from peer  {grpc_message:\"Socket "
     "closed\", grpc_status:14}\"\n"
     ">"},
};
constexpr Rule kGrpcPython = {
    .name = "grpc_python_unavailable",
    .kind = Kind::kReset,
    .pattern =
        R"re(StatusCode\.UNAVAILABLE\s+details = "[^"\n]*(?i:connection reset|socket closed|broken pipe|forcibly closed)[^"\n]*"(?:\s+debug_error_string = "[^"\n]*?Error received from peer ipv[46]:\[?(?P<dst_ip>[0-9A-Fa-f:.]+)\]?:(?P<dst_port>[0-9]+))?)re",
    .description = "gRPC (Python/C-core): UNAVAILABLE because the connection was reset",
    .samples = kGrpcPythonSamples,
};

// Go's *net.OpError prints "local->remote": the full 4-tuple, the best key
// for joining with firewall and proxy logs. IPv6 addresses are bracketed.
constexpr RuleSample kGoNetResetSamples[] = {
    {"Get \"https://cafe.example.com/tea\": read tcp 10.138.0.89:37041->10.138.0.27:443: read: "
     "connection reset by peer"},
    {"rpc error: code = Unavailable desc = error reading from server: read tcp "
     "10.224.1.235:56358->10.0.197.139:80: read: connection reset by peer"},
    {"write tcp [2001:db8::10]:51000->[2001:db8::1]:443: write: connection reset by peer"},
};
constexpr Rule kGoNetReset = {
    .name = "go_net_reset",
    .kind = Kind::kReset,
    .pattern =
        R"re((?:read|write|readfrom) tcp[46]? \[?(?P<src_ip>[0-9A-Fa-f:.]+)\]?:(?P<src_port>[0-9]+)->\[?(?P<dst_ip>[0-9A-Fa-f:.]+)\]?:(?P<dst_port>[0-9]+): [a-z]+: connection reset by peer)re",
    .description = "Go: a read or write got ECONNRESET; local->remote is the 4-tuple",
    .samples = kGoNetResetSamples,
};

constexpr RuleSample kGoNetBrokenPipeSamples[] = {
    {"write tcp 10.123.45.67:51000->10.0.0.1:8443: write: broken pipe"},
};
constexpr Rule kGoNetBrokenPipe = {
    .name = "go_net_broken_pipe",
    .kind = Kind::kReset,
    .pattern =
        R"re(write tcp[46]? \[?(?P<src_ip>[0-9A-Fa-f:.]+)\]?:(?P<src_port>[0-9]+)->\[?(?P<dst_ip>[0-9A-Fa-f:.]+)\]?:(?P<dst_port>[0-9]+): [a-z]+: broken pipe)re",
    .description = "Go: a write hit a connection the peer had closed (EPIPE)",
    .samples = kGoNetBrokenPipeSamples,
};

constexpr RuleSample kGrpcGoSamples[] = {
    {"rpc error: code = Unavailable desc = error reading from server: read unix "
     "@->/run/containerd/containerd.sock: read: connection reset by peer"},
};
constexpr Rule kGrpcGo = {
    .name = "grpc_go_unavailable",
    .kind = Kind::kReset,
    .pattern = R"re(code = Unavailable desc = [^\n]*(?i:connection reset by peer|broken pipe))re",
    .description = "gRPC-Go: Unavailable because the connection was reset",
    .samples = kGrpcGoSamples,
};

constexpr RuleSample kDotnetWsaeconnresetSamples[] = {
    {"System.Net.Sockets.SocketException (10054): An existing connection was forcibly closed by "
     "the remote host."},
    {"System.Net.Http.HttpRequestException: An error occurred while sending the request.\n"
     " ---> System.IO.IOException: Unable to read data from the transport connection: An "
     "existing connection was forcibly closed by the remote host..\n"
     " ---> System.Net.Sockets.SocketException (10054): An existing connection was forcibly "
     "closed by the remote host.\n"
     "   --- End of inner exception stack trace ---"},
};
constexpr Rule kDotnetWsaeconnreset = {
    .name = "dotnet_wsaeconnreset",
    .kind = Kind::kReset,
    .pattern = R"re(SocketException \(10054\))re",
    .description = ".NET on Windows: SocketException 10054 (WSAECONNRESET)",
    .samples = kDotnetWsaeconnresetSamples,
};

constexpr RuleSample kDotnetEconnresetSamples[] = {
    {"System.Net.Sockets.SocketException (104): Connection reset by peer"},
    {"System.Net.Http.HttpRequestException: An error occurred while sending the request.\n"
     "---> System.IO.IOException: Unable to read data from the transport connection: "
     "Connection reset by peer.\n"
     "---> System.Net.Sockets.SocketException (104): Connection reset by peer"},
};
constexpr Rule kDotnetEconnreset = {
    .name = "dotnet_econnreset",
    .kind = Kind::kReset,
    .pattern = R"re(SocketException \(104\))re",
    .description = ".NET on Linux: SocketException 104 (ECONNRESET)",
    .samples = kDotnetEconnresetSamples,
};

// 0x80004005 (E_FAIL) is the HRESULT of every .NET Framework socket error,
// so the text decides.
constexpr RuleSample kDotnetHresultResetSamples[] = {
    {"System.Net.Sockets.SocketException (0x80004005): An existing connection was forcibly "
     "closed by the remote host"},
    {"System.Net.Sockets.SocketException (0x80004005): Connection reset by peer"},
};
constexpr Rule kDotnetHresultReset = {
    .name = "dotnet_socket_hresult_reset",
    .kind = Kind::kReset,
    .pattern =
        R"re(SocketException \(0x80004005\): (?:An existing connection was forcibly closed|Connection reset by peer|Broken pipe|An established connection was aborted))re",
    .description = ".NET Framework: SocketException (0x80004005) with a reset text",
    .samples = kDotnetHresultResetSamples,
};

constexpr RuleSample kDotnetUnderlyingClosedSamples[] = {
    {"System.Net.WebException: The underlying connection was closed: An unexpected error "
     "occurred on a receive."},
    {"System.Net.WebException: The underlying connection was closed: A connection that was "
     "expected to be kept alive was closed by the server."},
};
constexpr Rule kDotnetUnderlyingClosed = {
    .name = "dotnet_underlying_connection_closed",
    .kind = Kind::kReset,
    .pattern =
        R"re(The underlying connection was closed: (?:An unexpected error occurred on a (?:receive|send)|A connection that was expected to be kept alive was closed|The connection was closed unexpectedly))re",
    .description = ".NET HttpWebRequest/WCF: the server closed or reset the connection",
    .samples = kDotnetUnderlyingClosedSamples,
};

constexpr RuleSample kDotnetResponseEndedSamples[] = {
    {"System.Net.Http.HttpIOException: The response ended prematurely. (ResponseEnded)"},
    {"The response ended prematurely while waiting for the next frame from the server. "
     "(ResponseEnded)"},
};
constexpr Rule kDotnetResponseEnded = {
    .name = "dotnet_response_ended",
    .kind = Kind::kReset,
    .pattern = R"re(The response ended prematurely)re",
    .description = ".NET SocketsHttpHandler: the server closed before the response was complete",
    .samples = kDotnetResponseEndedSamples,
};

constexpr RuleSample kDotnetHttp2ResetSamples[] = {
    {"System.Net.Http.HttpRequestException: The HTTP/2 server reset the stream. HTTP/2 error "
     "code 'INTERNAL_ERROR' (0x2)."},
};
constexpr Rule kDotnetHttp2Reset = {
    .name = "dotnet_http2_stream_reset",
    .kind = Kind::kReset,
    .pattern = R"re(The HTTP/2 server reset the stream)re",
    .description = ".NET: the HTTP/2 server sent RST_STREAM",
    .samples = kDotnetHttp2ResetSamples,
};

constexpr RuleSample kDotnetSocketResetSamples[] = {
    {"System.Net.Http.HttpRequestException: The socket connection was reset."},
};
constexpr Rule kDotnetSocketReset = {
    .name = "dotnet_socket_connection_reset",
    .kind = Kind::kReset,
    .pattern = R"re(The socket connection was reset)re",
    .description = ".NET: HttpRequestException for a reset socket",
    .samples = kDotnetSocketResetSamples,
};

constexpr RuleSample kJavaWindowsSocketSamples[] = {
    {"java.net.SocketException: Connection reset by peer: socket write error"},
    {"java.net.SocketException: Software caused connection abort: recv failed"},
};
constexpr Rule kJavaWindowsSocket = {
    .name = "java_windows_socket_error",
    .kind = Kind::kReset,
    .pattern =
        R"re((?:Connection reset by peer|Software caused connection abort): (?:socket write error|recv failed))re",
    .description = "Java on Windows: a socket read or write was reset or aborted",
    .samples = kJavaWindowsSocketSamples,
};

constexpr RuleSample kJavaBrokenPipeSamples[] = {
    {"java.net.SocketException: Broken pipe (Write failed)"},
    {"java.net.SocketException: Broken pipe"},
};
constexpr Rule kJavaBrokenPipe = {
    .name = "java_broken_pipe",
    .kind = Kind::kReset,
    .pattern = R"re(SocketException: Broken pipe)re",
    .description = "Java: a write hit a connection the peer had closed",
    .samples = kJavaBrokenPipeSamples,
};

constexpr RuleSample kJavaResetByPeerSamples[] = {
    {"java.io.IOException: Connection reset by peer"},
    {"java.net.SocketException: Connection reset by peer"},
};
constexpr Rule kJavaResetByPeer = {
    .name = "java_connection_reset_by_peer",
    .kind = Kind::kReset,
    .pattern = R"re((?:SocketException|IOException): Connection reset by peer)re",
    .description = "Java NIO (Netty, Jetty, Tomcat): ECONNRESET from the OS",
    .samples = kJavaResetByPeerSamples,
};

// The JDK's own read-side text has no "by peer".
constexpr RuleSample kJavaResetSamples[] = {
    {"java.net.SocketException: Connection reset"},
    {"Payment failed\njava.net.SocketTimeoutException: Read timed out\n\tat "
     "java.base/java.net.SocketInputStream.read(SocketInputStream.java:168)\nCaused by: "
     "java.net.SocketException: Connection reset\n\t... 42 common frames omitted"},
    {"org.apache.thrift.transport.TTransportException: java.net.SocketException: Connection "
     "reset"},
};
constexpr Rule kJavaReset = {
    .name = "java_connection_reset",
    .kind = Kind::kReset,
    .pattern = R"re(SocketException: Connection reset)re",
    .description = "Java: java.net.SocketException: Connection reset (read side)",
    .samples = kJavaResetSamples,
};

constexpr RuleSample kOkhttpEndOfStreamSamples[] = {
    {"java.io.IOException: unexpected end of stream on http://10.0.0.21:8080/..."},
};
constexpr Rule kOkhttpEndOfStream = {
    .name = "okhttp_unexpected_end_of_stream",
    .kind = Kind::kReset,
    .pattern = R"re(unexpected end of stream on )re",
    .description = "OkHttp: the server closed a connection before the response",
    .samples = kOkhttpEndOfStreamSamples,
};

constexpr RuleSample kOkhttpStreamResetSamples[] = {
    {"okhttp3.internal.http2.StreamResetException: stream was reset: NO_ERROR"},
    {"okhttp3.internal.http2.StreamResetException: stream was reset: CANCEL"},
};
constexpr Rule kOkhttpStreamReset = {
    .name = "okhttp_stream_reset",
    .kind = Kind::kReset,
    .pattern = R"re(StreamResetException: stream was reset)re",
    .description = "OkHttp: the HTTP/2 server reset the stream",
    .samples = kOkhttpStreamResetSamples,
};

constexpr RuleSample kHttpClientNoResponseSamples[] = {
    {"org.apache.http.NoHttpResponseException: api.example.com:443 failed to respond"},
    {"org.apache.hc.core5.http.NoHttpResponseException: 10.0.0.21:8080 failed to respond"},
};
constexpr Rule kHttpClientNoResponse = {
    .name = "httpclient_no_http_response",
    .kind = Kind::kReset,
    .pattern = R"re(NoHttpResponseException: [^\n]*failed to respond)re",
    .description = "Apache HttpClient: a pooled keep-alive connection was closed by the server",
    .samples = kHttpClientNoResponseSamples,
};

constexpr RuleSample kPythonResetErrorSamples[] = {
    {"ConnectionResetError: [Errno 104] Connection reset by peer"},
    {"requests.exceptions.ConnectionError: ('Connection aborted.', ConnectionResetError(104, "
     "'Connection reset by peer'))"},
    {"ConnectionResetError: [WinError 10054] An existing connection was forcibly closed by the "
     "remote host"},
};
constexpr Rule kPythonResetError = {
    .name = "python_connection_reset_error",
    .kind = Kind::kReset,
    .pattern = R"re(ConnectionResetError)re",
    .description = "Python: ConnectionResetError (errno 104 / WinError 10054)",
    .samples = kPythonResetErrorSamples,
};

constexpr RuleSample kPythonBrokenPipeSamples[] = {
    {"BrokenPipeError: [Errno 32] Broken pipe"},
};
constexpr Rule kPythonBrokenPipe = {
    .name = "python_broken_pipe_error",
    .kind = Kind::kReset,
    .pattern = R"re(BrokenPipeError)re",
    .description = "Python: BrokenPipeError (EPIPE)",
    .samples = kPythonBrokenPipeSamples,
};

constexpr RuleSample kPythonAbortedSamples[] = {
    {"ConnectionAbortedError: [WinError 10053] An established connection was aborted by the "
     "software in your host machine"},
};
constexpr Rule kPythonAborted = {
    .name = "python_connection_aborted_error",
    .kind = Kind::kReset,
    .pattern = R"re(ConnectionAbortedError)re",
    .description = "Python: ConnectionAbortedError (WinError 10053)",
    .samples = kPythonAbortedSamples,
};

constexpr RuleSample kPythonRemoteDisconnectedSamples[] = {
    {"requests.exceptions.ConnectionError: ('Connection aborted.', "
     "RemoteDisconnected('Remote end closed connection without response'))"},
    {"http.client.RemoteDisconnected: Remote end closed connection without response"},
};
constexpr Rule kPythonRemoteDisconnected = {
    .name = "python_remote_disconnected",
    .kind = Kind::kReset,
    .pattern = R"re(Remote end closed connection without response)re",
    .description = "Python http.client: the server closed without answering",
    .samples = kPythonRemoteDisconnectedSamples,
};

constexpr RuleSample kAiohttpOsErrorSamples[] = {
    {"aiohttp.client_exceptions.ClientOSError: [Errno 104] Connection reset by peer"},
};
constexpr Rule kAiohttpOsError = {
    .name = "aiohttp_client_os_error",
    .kind = Kind::kReset,
    .pattern = R"re(ClientOSError: \[Errno 104\])re",
    .description = "aiohttp: ClientOSError with errno 104",
    .samples = kAiohttpOsErrorSamples,
};

constexpr RuleSample kPythonWinError10054Samples[] = {
    {"<urlopen error [WinError 10054] An existing connection was forcibly closed by the remote "
     "host>"},
};
constexpr Rule kPythonWinError10054 = {
    .name = "python_winerror_10054",
    .kind = Kind::kReset,
    .pattern = R"re(\[WinError 10054\])re",
    .description = "Python on Windows: an OSError with WinError 10054",
    .samples = kPythonWinError10054Samples,
};

constexpr RuleSample kPythonErrno104Samples[] = {
    {"urllib.error.URLError: <urlopen error [Errno 104] Connection reset by peer>"},
};
constexpr Rule kPythonErrno104 = {
    .name = "python_errno_104",
    .kind = Kind::kReset,
    .pattern = R"re(\[Errno 104\])re",
    .description = "Python on Linux: an OSError with errno 104",
    .samples = kPythonErrno104Samples,
};

constexpr RuleSample kNodeReadEconnresetSamples[] = {
    {"Error: read ECONNRESET"},
    {"TypeError: fetch failed\n    at node:internal/deps/undici/undici:13502:13\n  [cause]: "
     "Error: read ECONNRESET"},
};
constexpr Rule kNodeReadEconnreset = {
    .name = "node_read_econnreset",
    .kind = Kind::kReset,
    .pattern = R"re(\bread ECONNRESET\b)re",
    .description = "Node.js: a socket read got ECONNRESET",
    .samples = kNodeReadEconnresetSamples,
};

constexpr RuleSample kNodeSocketHangUpSamples[] = {
    {"Error: socket hang up"},
    {"FetchError: request to https://api.example.com/v1/orders failed, reason: socket hang up"},
};
constexpr Rule kNodeSocketHangUp = {
    .name = "node_socket_hang_up",
    .kind = Kind::kReset,
    .pattern = R"re(\bsocket hang up\b)re",
    .description = "Node.js HTTP client: the socket closed before a response arrived",
    .samples = kNodeSocketHangUpSamples,
};

constexpr RuleSample kNodeWriteEpipeSamples[] = {
    {"Error: write EPIPE"},
};
constexpr Rule kNodeWriteEpipe = {
    .name = "node_write_epipe",
    .kind = Kind::kReset,
    .pattern = R"re(\bwrite EPIPE\b)re",
    .description = "Node.js: a socket write hit a closed connection",
    .samples = kNodeWriteEpipeSamples,
};

constexpr RuleSample kCurlSendRecvSamples[] = {
    {"curl: (56) Recv failure: Connection reset by peer"},
    {"curl: (55) Send failure: Broken pipe"},
};
constexpr Rule kCurlSendRecv = {
    .name = "curl_send_recv_failure",
    .kind = Kind::kReset,
    .pattern = R"re(\((?:55|56)\) (?:Recv|Send) failure: )re",
    .description = "curl: exit 56/55, the connection was reset while receiving or sending",
    .samples = kCurlSendRecvSamples,
};

constexpr RuleSample kCurlEmptyReplySamples[] = {
    {"curl: (52) Empty reply from server"},
};
constexpr Rule kCurlEmptyReply = {
    .name = "curl_empty_reply",
    .kind = Kind::kReset,
    .pattern = R"re(Empty reply from server)re",
    .description = "curl: exit 52, the server closed without sending anything",
    .samples = kCurlEmptyReplySamples,
};

constexpr RuleSample kLibpqServerClosedSamples[] = {
    {"server closed the connection unexpectedly\n\tThis probably means the server terminated "
     "abnormally\n\tbefore or while processing the request."},
    {"psycopg2.OperationalError: server closed the connection unexpectedly"},
};
constexpr Rule kLibpqServerClosed = {
    .name = "libpq_server_closed",
    .kind = Kind::kReset,
    .pattern = R"re(server closed the connection unexpectedly)re",
    .description = "libpq: the PostgreSQL server closed the connection (often a backend crash)",
    .samples = kLibpqServerClosedSamples,
};

constexpr RuleSample kMysqlLostConnectionSamples[] = {
    {"ERROR 2013 (HY000): Lost connection to MySQL server during query"},
};
constexpr Rule kMysqlLostConnection = {
    .name = "mysql_lost_connection",
    .kind = Kind::kReset,
    .pattern = R"re(Lost connection to MySQL server during query)re",
    .description = "MySQL client: CR_SERVER_LOST (2013)",
    .samples = kMysqlLostConnectionSamples,
};

constexpr RuleSample kMysqlGoneAwaySamples[] = {
    {"ERROR 2006 (HY000): MySQL server has gone away"},
};
constexpr Rule kMysqlGoneAway = {
    .name = "mysql_gone_away",
    .kind = Kind::kReset,
    .pattern = R"re(MySQL server has gone away)re",
    .description = "MySQL client: CR_SERVER_GONE_ERROR (2006)",
    .samples = kMysqlGoneAwaySamples,
};

constexpr RuleSample kWsaeconnabortedSamples[] = {
    {"System.IO.IOException: Unable to write data to the transport connection: An established "
     "connection was aborted by the software in your host machine."},
    {"System.Net.Sockets.SocketException (10053): An established connection was aborted by the "
     "software in your host machine."},
};
constexpr Rule kWsaeconnaborted = {
    .name = "wsaeconnaborted",
    .kind = Kind::kReset,
    .pattern =
        R"re(An established connection was aborted by the software in your host machine|SocketException \(10053\))re",
    .description = "Windows WSAECONNABORTED (10053): the local stack aborted the connection",
    .samples = kWsaeconnabortedSamples,
};

constexpr RuleSample kWsaeconnresetTextSamples[] = {
    {"System.IO.IOException: Unable to read data from the transport connection: An existing "
     "connection was forcibly closed by the remote host.."},
    {"An existing connection was forcibly closed by the remote host"},
};
constexpr Rule kWsaeconnresetText = {
    .name = "wsaeconnreset_text",
    .kind = Kind::kReset,
    .pattern = R"re(forcibly closed by the remote host)re",
    .description = "Windows WSAECONNRESET (10054) text, any language",
    .samples = kWsaeconnresetTextSamples,
};

constexpr RuleSample kConnectionResetByPeerSamples[] = {
    {"could not receive data from server: Connection reset by peer"},
    {"kex_exchange_identification: read: Connection reset by peer"},
    {"Npgsql.NpgsqlException (0x80004005): Exception while writing to stream ---> "
     "System.IO.IOException: Unable to write data to the transport connection: Connection reset "
     "by peer."},
};
constexpr Rule kConnectionResetByPeer = {
    .name = "connection_reset_by_peer",
    .kind = Kind::kReset,
    .pattern = R"re(connection reset by peer)re",
    .description = "ECONNRESET text (strerror), any client",
    .samples = kConnectionResetByPeerSamples,
    .ignore_case = true,
};

constexpr RuleSample kEconnresetSamples[] = {
    {"Error: Client network socket disconnected before secure TLS connection was established { "
     "code: 'ECONNRESET' }"},
    {"redis: connection error: ECONNRESET"},
};
constexpr Rule kEconnreset = {
    .name = "econnreset",
    .kind = Kind::kReset,
    .pattern = R"re(\bECONNRESET\b)re",
    .description = "the ECONNRESET symbol, any client",
    .samples = kEconnresetSamples,
};

constexpr RuleSample kBrokenPipeSamples[] = {
    {"Non HTTP response code: java.net.SocketException/Non HTTP response message: Broken pipe "
     "(Write failed)"},
    {"sendmsg() failed: broken pipe"},
};
constexpr Rule kBrokenPipe = {
    .name = "broken_pipe",
    .kind = Kind::kReset,
    .pattern = R"re(\bbroken pipe\b)re",
    .description = "EPIPE text (strerror): a write to a connection the peer closed",
    .samples = kBrokenPipeSamples,
    .ignore_case = true,
};

constexpr RuleSample kEpipeSamples[] = {
    {"{ errno: -32, code: 'EPIPE', syscall: 'write' }"},
};
constexpr Rule kEpipe = {
    .name = "epipe",
    .kind = Kind::kReset,
    .pattern = R"re(\bEPIPE\b)re",
    .description = "the EPIPE symbol, any client",
    .samples = kEpipeSamples,
};

// The table, in priority order.
constexpr Rule kRules[] = {
    // 1. Client aborts seen by servers; proxy-to-upstream signatures.
    kNginxClientClosed,
    kNginxClientReset,
    kPostgresClientReset,
    kPostgresClientEof,
    kMysqlAbortedError,
    kNginxUpstreamClosed,
    kNginxUpstreamReset,
    kApacheTimeout,
    kApacheProxyReset,
    kApacheProxyReadError,
    // ---- proxy rules ----
    kHaproxyServerDown,
    kHaproxyNoServer,
    kHaproxyTermReset,
    kHaproxyTermTimeout,
    kHaproxyTermClient,
    kHaproxyTermResource,
    kEnvoyUpstreamReset,
    kEnvoyUpstreamTimeout,
    kEnvoyNoHealthy,
    kEnvoyConnectFailure,
    kEnvoyOverflow,
    kEnvoyDownstream,
    kSquidAborted,
    kSquidTimedOut,
    kAlbTargetReset,
    kAlbTimeout,
    // ---- end proxy rules ----
    // 2. Refused, timeouts, TLS.
    kNginxUpstreamRefused,
    kNginxNoLiveUpstreams,
    kWsaeconnrefused,
    kNodeEconnrefused,
    kGoDialRefused,
    kConnectionRefused,
    kNginxUpstreamTimeout,
    kGunicornWorkerTimeout,
    kMysqlTimeout,
    kMysqlInactivity,
    kPostgresIdleTimeout,
    kNginxSslHandshake,
    kSslHandshakeFailed,
    kGoTlsHandshakeError,
    kTlsNoSharedCipher,
    kTlsProtocolVersion,
    kTlsWrongVersion,
    kTlsHandshakeFailure,
    kTlsCertVerify,
    kTlsClosedInHandshake,
    kDotnetTls,
    // 3. OOM kills, then the burst's context lines.
    kKernelMemcgOom,
    kKernelOom,
    kKernelKilledProcess,
    kSystemdUnitOom,
    kSystemdResultOom,
    kGunicornSigkill,
    kK8sSystemOom,
    kK8sOomKilled,
    kKernelOomInvoked,
    kKernelOomSummary,
    kKernelOomReaper,
    kKernelOomSelect,
    kKernelMemcgLimit,
    // 4. Crashes.
    kKernelSegfault,
    kKernelTrap,
    kSystemdMainKilled,
    kSystemdMainFailed,
    kSystemdFailedResult,
    kSystemdWatchdog,
    kNginxWorkerSignal,
    kApacheChildSignal,
    kPostgresBackendSignal,
    kGoPanic,
    kDotnetUnhandled,
    kJvmOomExit,
    kCxxTerminate,
    kNodeUnhandledError,
    kWindowsServiceCrash,
    // 5. Resource exhaustion.
    kTooManyOpenFiles,
    kNginxWorkerConnections,
    kApacheMaxWorkers,
    kKernelSynFlood,
    kKernelConntrackFull,
    kPostgresTooManyClients,
    kPostgresReservedSlots,
    kKernelOrphanedSockets,
    kKernelTcpMem,
    kMysqlTooManyConnections,
    // 6. Restart, stop, start.
    kSystemdScheduledRestart,
    kSystemdHoldoff,
    kSystemdReload,
    kNginxReconfiguring,
    kApacheRestart,
    kK8sBackoff,
    kSystemdStopping,
    kSystemdStopped,
    kNginxShutdown,
    kApacheSigterm,
    kReceivedSigterm,
    kGunicornHandlingSignal,
    kDotnetShuttingDown,
    kMysqlShutdown,
    kPostgresShutdown,
    kPostgresAdminTerminate,
    kWindowsServiceStopped,
    kSpringStarted,
    kSystemdStarted,
    kNginxStartWorkers,
    kApacheResuming,
    kDotnetListening,
    kDotnetStarted,
    kMysqlReady,
    kReadyToAccept,
    kGunicornBooting,
    kWindowsServiceRunning,
    // ---- firewall rules ----
    kAsaTextTcpReset,
    kPanosTextRst,
    kNetfilterTextRst,
    kUfwBlock,
    kAsaTextDeny,
    kFwIdleTimeout,
    // ---- end firewall rules ----
    // ---- windows/platform rules ----
    kWindowsAppError,
    kDotnetRuntime1026,
    kWasWorkerFailed,
    kWasRapidFail,
    kSchannel,
    kDockerOom,
    kDockerUnhealthy,
    kPostgresCrashOfAnother,
    kPostgresReinitializing,
    // ---- end windows/platform rules ----
    // 7. Client-side resets, specific first.
    kGrpcPython,
    kGoNetReset,
    kGoNetBrokenPipe,
    kGrpcGo,
    kDotnetWsaeconnreset,
    kDotnetEconnreset,
    kDotnetHresultReset,
    kDotnetUnderlyingClosed,
    kDotnetResponseEnded,
    kDotnetHttp2Reset,
    kDotnetSocketReset,
    kJavaWindowsSocket,
    kJavaBrokenPipe,
    kJavaResetByPeer,
    kJavaReset,
    kOkhttpEndOfStream,
    kOkhttpStreamReset,
    kHttpClientNoResponse,
    kPythonResetError,
    kPythonBrokenPipe,
    kPythonAborted,
    kPythonRemoteDisconnected,
    kAiohttpOsError,
    kPythonWinError10054,
    kPythonErrno104,
    kNodeReadEconnreset,
    kNodeSocketHangUp,
    kNodeWriteEpipe,
    kCurlSendRecv,
    kCurlEmptyReply,
    kLibpqServerClosed,
    kMysqlLostConnection,
    kMysqlGoneAway,
    kWsaeconnaborted,
    kWsaeconnresetText,
    kConnectionResetByPeer,
    kEconnreset,
    kBrokenPipe,
    kEpipe,
};

}  // namespace

std::span<const Rule> BuiltinRules() { return kRules; }

}  // namespace rstscope::parsers
