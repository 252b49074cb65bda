#include "query/output.h"

#include <algorithm>
#include <memory>

#include "base/strings.h"
#include "base/utf8.h"

namespace rstscope::query {

std::optional<OutputFormat> OutputFormatFromName(std::string_view name) {
  if (name == "table") return OutputFormat::kTable;
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "json") return OutputFormat::kJson;
  if (name == "ndjson") return OutputFormat::kNdjson;
  return std::nullopt;
}

std::string CsvField(std::string_view s, bool neutralize_formulas) {
  std::string prefix;
  if (neutralize_formulas && !s.empty() &&
      (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')) {
    prefix = "'";
  }
  const bool quote = !prefix.empty() || s.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) return std::string(s);
  std::string out = "\"" + prefix;
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

namespace {

void WriteJsonValue(const Value& v, std::string* out) {
  switch (v.type) {
    case Value::kNull: out->append("null"); break;
    case Value::kInteger:
    case Value::kReal: out->append(v.text); break;
    case Value::kText: base::AppendJsonString(v.text, out); break;
  }
}

class CsvWriter : public ResultWriter {
 public:
  explicit CsvWriter(std::FILE* out) : out_(out) {}
  void Columns(const std::vector<std::string>& names) override {
    std::string line;
    for (size_t i = 0; i < names.size(); ++i) {
      if (i > 0) line.push_back(',');
      line += CsvField(names[i], true);
    }
    line += "\r\n";
    std::fwrite(line.data(), 1, line.size(), out_);
  }
  void Row(const std::vector<Value>& values) override {
    std::string line;
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) line.push_back(',');
      // Numbers are never neutralized: -5 must stay a number.
      if (values[i].type == Value::kText) {
        line += CsvField(values[i].text, true);
      } else {
        line += values[i].text;
      }
    }
    line += "\r\n";
    std::fwrite(line.data(), 1, line.size(), out_);
  }
  void End() override { std::fflush(out_); }

 private:
  std::FILE* out_;
};

class JsonWriter : public ResultWriter {
 public:
  JsonWriter(std::FILE* out, bool ndjson) : out_(out), ndjson_(ndjson) {}
  void Columns(const std::vector<std::string>& names) override { names_ = names; }
  void Row(const std::vector<Value>& values) override {
    std::string line;
    if (!ndjson_) line += rows_ == 0 ? "[" : ",\n";
    line.push_back('{');
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) line.push_back(',');
      base::AppendJsonString(names_[i], &line);
      line.push_back(':');
      WriteJsonValue(values[i], &line);
    }
    line.push_back('}');
    if (ndjson_) line.push_back('\n');
    std::fwrite(line.data(), 1, line.size(), out_);
    ++rows_;
  }
  void End() override {
    if (!ndjson_) std::fputs(rows_ == 0 ? "[]\n" : "]\n", out_);
    std::fflush(out_);
  }

 private:
  std::FILE* out_;
  bool ndjson_;
  std::vector<std::string> names_;
  size_t rows_ = 0;
};

// Display width of UTF-8 text, counting each code point as one column.
size_t Width(std::string_view s) { return base::CountCodepoints(s); }

class TableWriter : public ResultWriter {
 public:
  explicit TableWriter(std::FILE* out) : out_(out) {}
  void Columns(const std::vector<std::string>& names) override { names_ = names; }
  void Row(const std::vector<Value>& values) override {
    std::vector<std::string> cells;
    cells.reserve(values.size());
    for (const Value& v : values) {
      std::string cell = v.type == Value::kNull ? "" : v.text;
      // One line per row: show newlines and tabs as escapes.
      std::string clean;
      for (char c : cell) {
        if (c == '\n') {
          clean += "\\n";
        } else if (c == '\t') {
          clean += "\\t";
        } else if (c == '\r') {
          clean += "\\r";
        } else {
          clean.push_back(c);
        }
      }
      cells.push_back(std::move(clean));
    }
    rows_.push_back(std::move(cells));
    if (rows_.size() >= 1000) Flush();
  }
  void End() override {
    Flush();
    if (!printed_header_) PrintHeader({});
    std::fflush(out_);
  }

 private:
  void PrintHeader(const std::vector<size_t>& widths) {
    std::string line;
    for (size_t i = 0; i < names_.size(); ++i) {
      const size_t w = i < widths.size() ? widths[i] : Width(names_[i]);
      line += names_[i];
      if (i + 1 < names_.size()) line.append(w - Width(names_[i]) + 2, ' ');
    }
    line.push_back('\n');
    for (size_t i = 0; i < names_.size(); ++i) {
      const size_t w = i < widths.size() ? widths[i] : Width(names_[i]);
      line.append(w, '-');
      if (i + 1 < names_.size()) line += "  ";
    }
    line.push_back('\n');
    std::fputs(line.c_str(), out_);
    printed_header_ = true;
  }
  void Flush() {
    if (rows_.empty()) return;
    if (widths_.empty()) {
      for (const std::string& n : names_) widths_.push_back(Width(n));
      for (const auto& r : rows_) {
        for (size_t i = 0; i < r.size() && i < widths_.size(); ++i) {
          // Cap very long cells' influence on alignment.
          widths_[i] = std::max(widths_[i], std::min<size_t>(Width(r[i]), 80));
        }
      }
      PrintHeader(widths_);
    }
    for (const auto& r : rows_) {
      std::string line;
      for (size_t i = 0; i < r.size(); ++i) {
        line += r[i];
        if (i + 1 < r.size()) {
          const size_t w = Width(r[i]);
          line.append(w < widths_[i] ? widths_[i] - w + 2 : 2, ' ');
        }
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      line.push_back('\n');
      std::fwrite(line.data(), 1, line.size(), out_);
    }
    rows_.clear();
  }

  std::FILE* out_;
  std::vector<std::string> names_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<size_t> widths_;
  bool printed_header_ = false;
};

}  // namespace

std::unique_ptr<ResultWriter> MakeResultWriter(OutputFormat format, std::FILE* out) {
  switch (format) {
    case OutputFormat::kTable: return std::make_unique<TableWriter>(out);
    case OutputFormat::kCsv: return std::make_unique<CsvWriter>(out);
    case OutputFormat::kJson: return std::make_unique<JsonWriter>(out, false);
    case OutputFormat::kNdjson: return std::make_unique<JsonWriter>(out, true);
  }
  return nullptr;
}

}  // namespace rstscope::query
