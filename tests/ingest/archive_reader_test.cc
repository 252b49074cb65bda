// Archives and compressed files built with the system's tar/gzip/zip/xz/
// bzip2/zstd in a temporary directory, read back through ArchiveReader.
#include "ingest/archive_reader.h"

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace rstscope::ingest {
namespace {

class ArchiveReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/rstscope-archive-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    Write("logs/a.log", "alpha 1\nalpha 2\n");
    Write("logs/sub/b.log", "beta\n");
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }

  void Write(const std::string& rel, const std::string& content) {
    std::system(("mkdir -p $(dirname " + dir_ + "/" + rel + ")").c_str());
    std::ofstream(dir_ + "/" + rel, std::ios::binary) << content;
  }
  void Sh(const std::string& cmd) { ASSERT_EQ(std::system(("cd " + dir_ + " && " + cmd).c_str()), 0) << cmd; }

  // Reads every entry: path -> content.
  std::vector<std::pair<std::string, std::string>> ReadAll(const std::string& rel) {
    auto reader = ArchiveReader::OpenFile(dir_ + "/" + rel);
    EXPECT_TRUE(reader.ok()) << reader.status();
    std::vector<std::pair<std::string, std::string>> out;
    ArchiveEntry entry;
    for (;;) {
      auto more = (*reader)->NextEntry(&entry);
      EXPECT_TRUE(more.ok()) << more.status();
      if (!more.ok() || !*more) break;
      if (!entry.regular) continue;
      std::string content;
      char buf[3];
      for (;;) {
        auto got = (*reader)->data()->Read(buf, sizeof buf);
        EXPECT_TRUE(got.ok());
        if (!got.ok() || *got == 0) break;
        content.append(buf, *got);
      }
      out.emplace_back(entry.path, content);
    }
    return out;
  }

  std::string dir_;
};

TEST_F(ArchiveReaderTest, DetectsContainersByMagicNotName) {
  EXPECT_EQ(DetectContainer("\x1f\x8b\x08"), Container::kGzip);
  EXPECT_EQ(DetectContainer("BZh91AY"), Container::kBzip2);
  EXPECT_EQ(DetectContainer(std::string("\xFD" "7zXZ\0\0", 7)), Container::kXz);
  EXPECT_EQ(DetectContainer("\x28\xB5\x2F\xFD\x00"), Container::kZstd);
  EXPECT_EQ(DetectContainer("PK\x03\x04"), Container::kZip);
  EXPECT_EQ(DetectContainer("Nov  5 13:03:27 api01 kernel: x"), Container::kPlain);
  std::string tar(512, '\0');
  tar.replace(257, 5, "ustar");
  EXPECT_EQ(DetectContainer(tar), Container::kTar);
}

TEST_F(ArchiveReaderTest, TarGzMembersInOrderWithMtime) {
  Sh("touch -d '2024-11-05 13:05:00 UTC' logs/a.log && tar --sort=name -czf b.tgz logs");
  auto reader = ArchiveReader::OpenFile(dir_ + "/b.tgz");
  ASSERT_TRUE(reader.ok());
  ArchiveEntry entry;
  std::vector<std::string> paths;
  int64_t a_mtime = 0;
  for (;;) {
    auto more = (*reader)->NextEntry(&entry);
    ASSERT_TRUE(more.ok());
    if (!*more) break;
    if (!entry.regular) continue;
    paths.push_back(entry.path);
    if (entry.path == "logs/a.log") a_mtime = entry.mtime_us;
  }
  EXPECT_FALSE((*reader)->is_raw());
  EXPECT_EQ(paths, (std::vector<std::string>{"logs/a.log", "logs/sub/b.log"}));
  EXPECT_EQ(a_mtime, 1730811900LL * 1000000);
}

TEST_F(ArchiveReaderTest, EveryCompressionOfASingleFileIsRaw) {
  for (const char* cmd : {"gzip -kf logs/a.log", "bzip2 -kf logs/a.log", "xz -kf logs/a.log",
                          "zstd -qf logs/a.log"}) {
    Sh(cmd);
  }
  for (const char* ext : {".gz", ".bz2", ".xz", ".zst"}) {
    auto entries = ReadAll(std::string("logs/a.log") + ext);
    ASSERT_EQ(entries.size(), 1u) << ext;
    EXPECT_EQ(entries[0].first, "") << ext;
    EXPECT_EQ(entries[0].second, "alpha 1\nalpha 2\n") << ext;
  }
}

TEST_F(ArchiveReaderTest, ZipAndTarXzAndTarZst) {
  Sh("zip -qr b.zip logs && tar -cJf b.txz logs && tar --zstd -cf b.tzst logs");
  for (const char* name : {"b.zip", "b.txz", "b.tzst"}) {
    auto entries = ReadAll(name);
    ASSERT_EQ(entries.size(), 2u) << name;
    EXPECT_EQ(entries[0].second, "alpha 1\nalpha 2\n") << name;
    EXPECT_EQ(entries[1].second, "beta\n") << name;
  }
}

TEST_F(ArchiveReaderTest, TruncatedGzipReportsDataLossAfterTheReadableBytes) {
  std::string big;
  for (int i = 0; i < 20000; ++i) big += "line " + std::to_string(i) + " some text to compress\n";
  Write("big.log", big);
  Sh("gzip -kf big.log && head -c 20000 big.log.gz > cut.gz");
  auto reader = ArchiveReader::OpenFile(dir_ + "/cut.gz");
  ASSERT_TRUE(reader.ok());
  ArchiveEntry entry;
  ASSERT_TRUE(*(*reader)->NextEntry(&entry));
  std::string content;
  char buf[4096];
  absl::Status error;
  for (;;) {
    auto got = (*reader)->data()->Read(buf, sizeof buf);
    if (!got.ok()) {
      error = got.status();
      break;
    }
    if (*got == 0) break;
    content.append(buf, *got);
  }
  EXPECT_EQ(error.code(), absl::StatusCode::kDataLoss);
  EXPECT_GT(content.size(), 20000u);
  EXPECT_EQ(big.compare(0, content.size(), content), 0);
}

}  // namespace
}  // namespace rstscope::ingest
