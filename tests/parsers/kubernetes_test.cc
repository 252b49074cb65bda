// Edge cases of the Kubernetes event formats beyond their samples: the
// `kubectl get events` text table (header offsets, -A, -o wide, empty cells,
// messages with wide gaps and non-ASCII text, ages and the mtime), its
// rejections and detection, and the reason -> kind mapping it shares with
// the -o json format.
#include <memory>
#include <string>
#include <vector>

#include "base/civil_time.h"
#include "base/event_batch.h"
#include "gtest/gtest.h"
#include "parsers/formats/platform_formats.h"
#include "parsers/sniffer.h"

namespace rstscope::parsers {
namespace {

// 2024-11-19T14:27:40Z, when kubectl ran (the file's mtime).
constexpr int64_t kMtimeUs = 1732026460LL * 1000000;

// `kubectl get events -n shop -o wide`, laid out as kubectl's tabwriter does
// (three spaces after the widest cell of each column).
constexpr std::string_view kWideHeader =
    "LAST SEEN   TYPE     REASON              OBJECT                            SUBOBJECT    "
    "                 SOURCE                  MESSAGE                                        "
    "    FIRST SEEN   COUNT   NAME";
constexpr std::string_view kWideKilling =
    "7m13s       Normal   Killing             pod/orders-api-7d4b9c6f58-x8k2p   spec.containe"
    "rs{orders-api}   kubelet, k8s-node-2     Stopping container orders-api                  "
    "    7m13s        1       orders-api-7d4b9c6f58-x8k2p.180951e2a1f0c3b7";
constexpr std::string_view kWideScaling =
    "7m45s       Normal   ScalingReplicaSet   deployment/orders-api                          "
    "                 deployment-controller   Scaled up replica set orders-api-5f8c7d9b44 to "
    "1   7m45s        1       orders-api.180951d9c3e2a410";

std::string Iso(int64_t ts_us) {
  char buf[24];  // FormatIsoMillis writes exactly 24 characters, no terminator
  base::FormatIsoMillis(ts_us, buf);
  return std::string(buf, sizeof buf);
}

class KubectlTableTest : public ::testing::Test {
 protected:
  void SetUp() override { Reset(kMtimeUs); }
  void Reset(int64_t mtime_us) {
    SourceContext ctx;
    ctx.mtime_us = mtime_us;
    parser_ = kKubectlEventsTableFormat.make_parser(ctx);
  }
  ParseStatus Parse(std::string_view line) {
    parsed_ = ParsedLine();
    line_ = line;
    return parser_->Parse(line, &parsed_).status;
  }
  std::string_view Message() const {
    return line_.substr(parsed_.msg_offset, parsed_.msg_length);
  }
  std::string_view Attr(std::string_view key) const {
    return parsed_.FindAttr(key).value_or("<none>");
  }

  std::unique_ptr<LineParser> parser_;
  ParsedLine parsed_;
  std::string_view line_;
};

TEST_F(KubectlTableTest, WideRowsAreCutAtTheHeaderOffsets) {
  ASSERT_TRUE(parser_->ConsumeDirective(kWideHeader));
  ASSERT_EQ(Parse(kWideKilling), ParseStatus::kParsed);
  EXPECT_TRUE(parsed_.has_ts);
  EXPECT_EQ(Iso(parsed_.ts_us), "2024-11-19T14:20:27.000Z");
  EXPECT_EQ(parsed_.flags, base::kFlagTimeFromAge);
  EXPECT_EQ(parsed_.host, "k8s-node-2");
  EXPECT_EQ(parsed_.process, "orders-api-7d4b9c6f58-x8k2p");
  EXPECT_EQ(parsed_.severity, base::Severity::kInfo);
  EXPECT_EQ(parsed_.kind, base::Kind::kStop);
  EXPECT_EQ(parsed_.rule, "k8s_event_Killing");
  EXPECT_EQ(Message(), "Stopping container orders-api");
  EXPECT_EQ(Attr("subobject"), "spec.containers{orders-api}");
  EXPECT_EQ(Attr("component"), "kubelet");
  EXPECT_EQ(Attr("count"), "1");
  EXPECT_EQ(Attr("name"), "orders-api-7d4b9c6f58-x8k2p.180951e2a1f0c3b7");

  // Empty SUBOBJECT, a SOURCE without a host: no host, the component kept.
  ASSERT_EQ(Parse(kWideScaling), ParseStatus::kParsed);
  EXPECT_EQ(Iso(parsed_.ts_us), "2024-11-19T14:19:55.000Z");
  EXPECT_EQ(parsed_.host, "");
  EXPECT_EQ(parsed_.process, "orders-api");
  EXPECT_EQ(Attr("object_kind"), "deployment");
  EXPECT_EQ(Attr("subobject"), "<none>");
  EXPECT_EQ(Attr("component"), "deployment-controller");
  EXPECT_EQ(parsed_.kind, base::Kind::kOther);
  EXPECT_EQ(Message(), "Scaled up replica set orders-api-5f8c7d9b44 to 1");
}

TEST_F(KubectlTableTest, AllNamespacesDefaultTableMessageRunsToTheEnd) {
  ASSERT_TRUE(parser_->ConsumeDirective(
      "NAMESPACE     LAST SEEN   TYPE      REASON    OBJECT                 MESSAGE"));
  ASSERT_EQ(Parse("kube-system   45s         Warning   BackOff   pod/fluent-bit-7xk2q   "
                  "Back-off restarting failed container fluent-bit in pod fluent-bit-7xk2q_kube-"
                  "system(0c1d)   (x3)"),
            ParseStatus::kParsed);
  EXPECT_EQ(Iso(parsed_.ts_us), "2024-11-19T14:26:55.000Z");
  EXPECT_EQ(Attr("namespace"), "kube-system");
  EXPECT_EQ(parsed_.severity, base::Severity::kWarning);
  EXPECT_EQ(parsed_.kind, base::Kind::kCrash);
  // Wide gaps inside the message are the message's own.
  EXPECT_EQ(Message(),
            "Back-off restarting failed container fluent-bit in pod "
            "fluent-bit-7xk2q_kube-system(0c1d)   (x3)");
  EXPECT_EQ(Attr("count"), "<none>");
  EXPECT_EQ(parsed_.host, "");
}

TEST_F(KubectlTableTest, ColumnsAreCountedInCodePoints) {
  // kubectl's tabwriter pads by code points: after a message with "é" the
  // next columns start one byte later than the header's byte offsets.
  ASSERT_TRUE(parser_->ConsumeDirective(
      "LAST SEEN   TYPE     REASON    OBJECT      SUBOBJECT   SOURCE            MESSAGE     "
      "FIRST SEEN   COUNT   NAME"));
  ASSERT_EQ(Parse("12s         Normal   Created   pod/caf-1               kubelet, node-1   "
                  "Créé tout   12s          2       caf-1.1809"),
            ParseStatus::kParsed);
  EXPECT_EQ(Message(), "Créé tout");
  EXPECT_EQ(Attr("first_seen"), "12s");
  EXPECT_EQ(Attr("count"), "2");
  EXPECT_EQ(Attr("name"), "caf-1.1809");
}

TEST_F(KubectlTableTest, AgesOfEveryUnit) {
  ASSERT_TRUE(parser_->ConsumeDirective(
      "LAST SEEN   TYPE     REASON    OBJECT      MESSAGE"));
  const std::vector<std::pair<std::string_view, std::string>> cases = {
      {"0s", "2024-11-19T14:27:40.000Z"},   {"119s", "2024-11-19T14:25:41.000Z"},
      {"9m59s", "2024-11-19T14:17:41.000Z"}, {"14m", "2024-11-19T14:13:40.000Z"},
      {"3h20m", "2024-11-19T11:07:40.000Z"}, {"2d3h", "2024-11-17T11:27:40.000Z"},
      {"2y10d", "2022-11-10T14:27:40.000Z"},
  };
  for (const auto& [age, iso] : cases) {
    std::string line = std::string(age);
    line.resize(12, ' ');
    line += "Normal   Pulled    pod/a-1     Successfully pulled image";
    ASSERT_EQ(Parse(line), ParseStatus::kParsed) << line;
    EXPECT_EQ(Iso(parsed_.ts_us), iso) << age;
    EXPECT_EQ(Attr("last_seen"), age);
  }
}

TEST_F(KubectlTableTest, ReasonsOfOtherControllersMayHoldPunctuation) {
  ASSERT_EQ(Parse("12s   Warning   Failed_Issue-2.x   certificate/api-tls   The certificate request failed"),
            ParseStatus::kParsed);
  EXPECT_EQ(Attr("reason"), "Failed_Issue-2.x");
  EXPECT_EQ(Attr("object_kind"), "certificate");
  EXPECT_EQ(parsed_.kind, base::Kind::kOther);
}

TEST_F(KubectlTableTest, UnknownAgeOrNoMtimeLeavesTheTimeToTheImport) {
  ASSERT_EQ(Parse("<unknown>   Normal   Starting   node/k8s-node-2   Starting kubelet."),
            ParseStatus::kParsed);
  EXPECT_FALSE(parsed_.has_ts);
  EXPECT_TRUE(parsed_.ts_in_record);  // previous record's time, else the mtime
  EXPECT_EQ(parsed_.flags, 0);
  EXPECT_EQ(parsed_.process, "k8s-node-2");

  Reset(0);  // stdin: no mtime
  ASSERT_EQ(Parse("5m12s   Normal   Killing   pod/a-1   Stopping container a"),
            ParseStatus::kParsed);
  EXPECT_FALSE(parsed_.has_ts);
  EXPECT_TRUE(parsed_.ts_in_record);
  EXPECT_EQ(parsed_.kind, base::Kind::kStop);
}

TEST_F(KubectlTableTest, WithoutAHeaderRowsAreSplitAtWideGaps) {
  // Empty SUBOBJECT: the gaps around it merge.
  ASSERT_EQ(Parse("2m          Normal   Killing   pod/a-1      kubelet, node-1   Stopping container a"
                  "   2m           1       a-1.1809"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.host, "node-1");
  EXPECT_EQ(Attr("subobject"), "<none>");
  EXPECT_EQ(Message(), "Stopping container a");
  EXPECT_EQ(Iso(parsed_.ts_us), "2024-11-19T14:25:40.000Z");
}

TEST_F(KubectlTableTest, RejectsOtherLines) {
  for (std::string_view line : {
           "Nov 19 14:20:27 k8s-node-2 kubelet[1187]: I1119 14:20:27.091 Killing container",
           "2024-11-19T14:20:27.091Z stdout F Stopping container orders-api",
           "LAST SEEN   TYPE   REASON   OBJECT   MESSAGE",  // a header is not a row
           "5m12s   Normal   Killing   Stopping container a",  // no kind/name
           "5m12s   Normal   Kill ing   pod/a-1   x",
           "soon    Normal   Killing   pod/a-1   Stopping container a",
           "99999999y   Normal   Killing   pod/a-1   Stopping container a",  // not an age
           "5m   Normal   Kill/ing   pod/a-1   x",
           "        {",
       }) {
    EXPECT_EQ(Parse(line), ParseStatus::kNotThisFormat) << line;
  }
  ASSERT_TRUE(parser_->ConsumeDirective(kWideHeader));
  EXPECT_EQ(Parse("Nov 19 14:20:27 k8s-node-2 kubelet[1187]: I1119 14:20:27.091 Killing container"),
            ParseStatus::kNotThisFormat);
}

TEST_F(KubectlTableTest, RowsNotAlignedWithTheHeaderAreSplitAtTheirGaps) {
  // `kubectl get events --watch` flushes each row with its own column widths.
  ASSERT_TRUE(parser_->ConsumeDirective(kWideHeader));
  ASSERT_EQ(Parse("0s      Normal   Killing   pod/orders-api-7d4b9c6f58-x8k2p   "
                  "spec.containers{orders-api}   kubelet, k8s-node-2   Stopping container orders-api"
                  "   0s      1       orders-api-7d4b9c6f58-x8k2p.180951e2a1f0c3b7"),
            ParseStatus::kParsed);
  EXPECT_EQ(Message(), "Stopping container orders-api");
  EXPECT_EQ(parsed_.host, "k8s-node-2");
  EXPECT_EQ(Attr("subobject"), "spec.containers{orders-api}");
  EXPECT_EQ(Iso(parsed_.ts_us), "2024-11-19T14:27:40.000Z");
  // The aligned rows after it still use the header.
  ASSERT_EQ(Parse(kWideScaling), ParseStatus::kParsed);
  EXPECT_EQ(Attr("component"), "deployment-controller");
  EXPECT_EQ(Attr("subobject"), "<none>");
}

TEST_F(KubectlTableTest, HeaderMustBeAKubectlLayout) {
  EXPECT_FALSE(parser_->ConsumeDirective("LAST SEEN   TYPE   MESSAGE"));
  EXPECT_FALSE(parser_->ConsumeDirective("NAMESPACE   NAME   READY   STATUS   RESTARTS   AGE"));
  EXPECT_FALSE(parser_->ConsumeDirective("NAME   LAST SEEN"));
  EXPECT_TRUE(parser_->ConsumeDirective("LAST SEEN   TYPE   REASON   OBJECT   MESSAGE"));
}

TEST(KubernetesReasonsTest, TableAndJsonShareTheReasonKinds) {
  for (const auto& [reason, kind] : std::vector<std::pair<std::string, base::Kind>>{
           {"Killing", base::Kind::kStop},
           {"BackOff", base::Kind::kCrash},
           {"Unhealthy", base::Kind::kUnhealthy},
           {"OOMKilling", base::Kind::kOomKill},
           {"Started", base::Kind::kStart},
           {"Pulled", base::Kind::kOther}}) {
    auto table = kKubectlEventsTableFormat.make_parser(SampleContext());
    const std::string row = "5s   Normal   " + reason + "   pod/a-1   text";
    ParsedLine from_table;
    ASSERT_EQ(table->Parse(row, &from_table).status, ParseStatus::kParsed) << row;

    auto json = kKubectlEventsFormat.make_parser(SampleContext());
    const std::string item = "        {\n            \"reason\": \"" + reason +
                             "\",\n            \"message\": \"text\"\n        }";
    ParsedLine from_json;
    ASSERT_EQ(json->Parse("        {", &from_json).status, ParseStatus::kParsed);
    json->CompleteRecord(item, &from_json);
    EXPECT_EQ(from_table.kind, kind) << reason;
    EXPECT_EQ(from_json.kind, kind) << reason;
    EXPECT_EQ(from_table.rule, from_json.rule) << reason;
  }
}

TEST(KubectlTableDetectionTest, AFileWithItsHeaderIsDetected) {
  const std::vector<std::string_view> lines = {kWideHeader, kWideScaling, kWideKilling};
  SourceContext ctx;
  ctx.mtime_us = kMtimeUs;
  const SniffResult r = SniffFormat(lines, ctx);
  ASSERT_NE(r.format, nullptr) << r.reason;
  EXPECT_EQ(r.format->name, "kubectl_events_table") << r.reason;
}

}  // namespace
}  // namespace rstscope::parsers
