// Writing query results: an aligned table for people, CSV (RFC 4180) and
// JSON (an array of objects, as `sqlite3 -json` writes) or NDJSON for
// programs.
//
// CSV output neutralizes cells that a spreadsheet would run as a formula
// (text starting with =, +, -, @, tab or CR gets a leading apostrophe)
// unless the caller asks for raw CSV.
#ifndef RSTSCOPE_QUERY_OUTPUT_H_
#define RSTSCOPE_QUERY_OUTPUT_H_

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rstscope::query {

enum class OutputFormat { kTable, kCsv, kJson, kNdjson };
std::optional<OutputFormat> OutputFormatFromName(std::string_view name);

// One result value: SQL NULL, an integer or real (kept as its text), or text.
struct Value {
  enum Type { kNull, kInteger, kReal, kText };
  Type type = kNull;
  std::string text;
};

// Receives a result set row by row. Table output buffers rows to align
// columns (up to a limit, then flushes in blocks); the others stream.
class ResultWriter {
 public:
  virtual ~ResultWriter() = default;
  virtual void Columns(const std::vector<std::string>& names) = 0;
  virtual void Row(const std::vector<Value>& values) = 0;
  virtual void End() = 0;
};

std::unique_ptr<ResultWriter> MakeResultWriter(OutputFormat format, std::FILE* out);

// RFC 4180 quoting of one CSV field (quotes when needed).
std::string CsvField(std::string_view s, bool neutralize_formulas);

}  // namespace rstscope::query

#endif  // RSTSCOPE_QUERY_OUTPUT_H_
