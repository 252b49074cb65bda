#include "base/hash.h"

#include <string>

#include "gtest/gtest.h"

namespace rstscope::base {
namespace {

TEST(HashTest, StableAcrossChunkingAndRuns) {
  std::string data;
  for (int i = 0; i < 1000; ++i) data += "line " + std::to_string(i) + "\n";
  Hasher whole;
  whole.Update(data);
  Hasher pieces;
  for (size_t i = 0; i < data.size(); i += 7) pieces.Update(data.substr(i, 7));
  EXPECT_EQ(whole.HexDigest(), pieces.HexDigest());
  EXPECT_EQ(whole.HexDigest(), HashHex(data));
  // A fixed value: the digest must not change between versions, or every
  // database would re-import what it already holds.
  EXPECT_EQ(HashHex("rstscope"), "ce5bd02dd8aa3cda25793f98e883e007");
  EXPECT_EQ(HashHex(""), "e413e8da836037aa1162d497e26effce");
}

TEST(HashTest, DiffersOnAnyChange) {
  EXPECT_NE(HashHex("a"), HashHex("b"));
  EXPECT_NE(HashHex(""), HashHex(std::string(1, '\0')));
  EXPECT_NE(HashHex(std::string(64, 'x')), HashHex(std::string(65, 'x')));
}

}  // namespace
}  // namespace rstscope::base
