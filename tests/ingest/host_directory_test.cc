#include "ingest/host_directory.h"

#include "gtest/gtest.h"

namespace rstscope::ingest {
namespace {

TEST(HostsFileTest, ParsesEntriesAliasesAndComments) {
  auto entries = ParseHostsFile(
      "# lab hosts\n10.20.0.11  api01 api01.corp.example  # the API\n\n10.20.0.21\tclient01\n",
      "hosts");
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].address, "10.20.0.11");
  EXPECT_EQ((*entries)[0].canonical, "api01");
  EXPECT_EQ((*entries)[0].aliases, (std::vector<std::string>{"api01.corp.example"}));
  EXPECT_EQ((*entries)[1].canonical, "client01");
}

TEST(HostsFileTest, AddressWithoutNameIsAnErrorNamingTheLine) {
  auto entries = ParseHostsFile("10.0.0.1 a\n10.0.0.2\n", "my-hosts");
  EXPECT_EQ(entries.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(entries.status().message(),
            "my-hosts:2: expected 'ADDRESS NAME [ALIAS...]', got '10.0.0.2'");
}

TEST(HostDirectoryTest, CanonicalNamesFromAliasesAddressesAndShortNames) {
  HostDirectory dir;
  dir.AddHostsEntries(*ParseHostsFile("10.20.0.11 api01.corp.example api01-alias\n", "h"));
  EXPECT_EQ(dir.Canonical("API01-ALIAS"), "api01.corp.example");
  EXPECT_EQ(dir.Canonical("10.20.0.11"), "api01.corp.example");
  EXPECT_EQ(dir.Canonical("api01"), "api01.corp.example");
  EXPECT_EQ(dir.Canonical("api02"), "");
}

TEST(HostDirectoryTest, TopMostPathComponentNamingAHostWins) {
  HostDirectory dir;
  dir.AddHostsEntries(
      *ParseHostsFile("10.0.0.1 api01\n10.0.0.2 lb01 inventory\n", "h"));
  dir.Learn("client01");
  auto [host, why] = dir.ResolvePath("bundle/api01/var/log/inventory/app.log");
  EXPECT_EQ(host, "api01");
  EXPECT_EQ(why, "path component 'api01' names a host from the hosts file");
  EXPECT_EQ(dir.ResolvePath("x/Client01/app.log").first, "client01");
  EXPECT_EQ(dir.ResolvePath("x/Client01/app.log").second,
            "path component 'Client01' names a host seen in other logs");
  EXPECT_EQ(dir.ResolvePath("dump/api01.tgz!/var/log/api01").first, "");
  EXPECT_EQ(dir.ResolvePath("logs/api01/b.tgz!/var/log/syslog").first, "api01");
  EXPECT_EQ(dir.ResolvePath("api01").first, "");  // a file name is not a directory
}

TEST(HostDirectoryTest, OnlyCanonicalNamesAnswerToTheirFirstLabel) {
  HostDirectory dir;
  dir.AddHostsEntries(
      *ParseHostsFile("10.0.0.2 lb01.corp.example inventory.corp.example\n", "h"));
  EXPECT_EQ(dir.Canonical("lb01"), "lb01.corp.example");
  EXPECT_EQ(dir.Canonical("inventory.corp.example"), "lb01.corp.example");
  EXPECT_EQ(dir.Canonical("inventory"), "");
  EXPECT_EQ(dir.ResolvePath("app01/var/log/inventory/inventory.log").first, "");
}

}  // namespace
}  // namespace rstscope::ingest
