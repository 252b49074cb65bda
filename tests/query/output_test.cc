#include "query/output.h"

#include <cstdio>
#include <string>

#include "gtest/gtest.h"

namespace rstscope::query {
namespace {

std::string Render(OutputFormat format) {
  char* buf = nullptr;
  size_t size = 0;
  std::FILE* f = open_memstream(&buf, &size);
  auto w = MakeResultWriter(format, f);
  w->Columns({"n", "text", "nothing"});
  w->Row({{Value::kInteger, "42"}, {Value::kText, "say \"hi\", then\nleave"}, {Value::kNull, ""}});
  w->Row({{Value::kReal, "-1.5"}, {Value::kText, "=HYPERLINK(\"x\")"}, {Value::kNull, ""}});
  w->End();
  std::fclose(f);
  std::string out(buf, size);
  std::free(buf);
  return out;
}

TEST(OutputTest, CsvQuotesPerRfc4180AndNeutralizesFormulas) {
  EXPECT_EQ(Render(OutputFormat::kCsv),
            "n,text,nothing\r\n"
            "42,\"say \"\"hi\"\", then\nleave\",\r\n"
            "-1.5,\"'=HYPERLINK(\"\"x\"\")\",\r\n");
}

TEST(OutputTest, JsonIsAnArrayOfObjectsWithNulls) {
  EXPECT_EQ(Render(OutputFormat::kJson),
            "[{\"n\":42,\"text\":\"say \\\"hi\\\", then\\nleave\",\"nothing\":null},\n"
            "{\"n\":-1.5,\"text\":\"=HYPERLINK(\\\"x\\\")\",\"nothing\":null}]\n");
}

TEST(OutputTest, NdjsonIsOneObjectPerLine) {
  EXPECT_EQ(Render(OutputFormat::kNdjson),
            "{\"n\":42,\"text\":\"say \\\"hi\\\", then\\nleave\",\"nothing\":null}\n"
            "{\"n\":-1.5,\"text\":\"=HYPERLINK(\\\"x\\\")\",\"nothing\":null}\n");
}

TEST(OutputTest, TableAlignsColumnsAndEscapesNewlines) {
  EXPECT_EQ(Render(OutputFormat::kTable),
            "n     text                   nothing\n"
            "----  ---------------------  -------\n"
            "42    say \"hi\", then\\nleave\n"
            "-1.5  =HYPERLINK(\"x\")\n");
}

TEST(OutputTest, FormatNames) {
  EXPECT_EQ(OutputFormatFromName("ndjson"), OutputFormat::kNdjson);
  EXPECT_EQ(OutputFormatFromName("xml"), std::nullopt);
}

}  // namespace
}  // namespace rstscope::query
