// SPDX-License-Identifier: Apache-2.0
//
// The platform as a TAXII 2.1 client: `shouwang intel remote` on one data
// folder polls the project's own TAXII server (another platform, a real
// server process over HTTPS) with a partner token: only what TLP gives the
// partner arrives, stored as that partner's; the checkpoint makes the next
// poll ask only for what is new; a refused poll is recorded with its reason.
#include <gtest/gtest.h>

#include <regex>

#include "core/json.h"
#include "model/intel.h"
#include "support/server_process.h"
#include "support/shouwang_command.h"
#include "support/temp_dir.h"

namespace sw::testing {
namespace {

std::string Capture(const std::string& text, const std::string& pattern) {
  std::smatch m;
  return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : std::string();
}

TEST(TaxiiClient, PollsTheProjectsOwnServerWithCheckpointsAndTlp) {
  TempDir dir;
  ServerProcess remote(dir.file("remote"));
  ASSERT_TRUE(remote.Start()) << remote.Stderr();
  Client admin(remote);
  admin.LoginReady("admin", remote.AdminPassword(), "center admin password");
  Reply p = admin.Post("/api/v1/intel/partners", json::object{{"name", "本地中心"}});
  ASSERT_EQ(p.status, 201) << p.raw.body;
  const std::string remote_partner(p.body.at("id").as_string());
  Reply tok = admin.Post("/api/v1/intel/partners/" + remote_partner + "/tokens", json::object{{"name", "pull"}});
  ASSERT_EQ(tok.status, 201) << tok.raw.body;
  const std::string secret(tok.body.at("secret").as_string());
  ASSERT_EQ(admin.Call("POST", "/api/v1/intel/imports?tlp=green&name=a.txt", "198.51.100.7\nevil.example\n").status,
            200);
  ASSERT_EQ(admin.Call("POST", "/api/v1/intel/imports?tlp=amber%2Bstrict&name=s.txt", "strict.example\n").status, 200);

  // This side: a partner standing for the remote center, and the remote.
  const std::string data = " --data " + dir.file("local");
  const auto added = Shouwang("intel partner add 市级中心" + data);
  ASSERT_EQ(added.exit_code, 0) << added.out;
  const std::string local_partner = Capture(added.out, R"(id ([0-9A-Z]+))");
  ASSERT_FALSE(local_partner.empty()) << added.out;
  const std::string common = data + " --api-root " + remote.url() + "/api/taxii2/shared/ --collection " +
                             std::string(model::kSharedCollectionId) + " --ca-file " + remote.cert_file();
  auto r = Shouwang("intel remote add city" + common + " --token " + secret + " --partner " + local_partner +
                    " --tlp green");
  ASSERT_EQ(r.exit_code, 0) << r.out;

  // 1. Everything TLP lets the partner see: the two GREEN values, not the
  //    AMBER+STRICT one.
  auto poll = Shouwang("intel remote poll city" + data);
  ASSERT_EQ(poll.exit_code, 0) << poll.out;
  EXPECT_NE(poll.out.find("1 page, 2 objects"), std::string::npos) << poll.out;
  EXPECT_NE(poll.out.find("indicators: 2 new, 0 merged"), std::string::npos) << poll.out;
  auto match = Shouwang("intel match 198.51.100.7 strict.example" + data);
  ASSERT_EQ(match.exit_code, 0) << match.out;
  EXPECT_NE(match.out.find("198.51.100.7: ipv4 198.51.100.7 — 1 match"), std::string::npos) << match.out;
  EXPECT_NE(match.out.find("tlp:green"), std::string::npos) << match.out;
  EXPECT_NE(match.out.find("owner partner:" + local_partner), std::string::npos) << match.out;
  EXPECT_NE(match.out.find("strict.example: domain strict.example — no match"), std::string::npos) << match.out;

  // 2. Nothing new: the checkpoint asks only for later objects.
  poll = Shouwang("intel remote poll city" + data);
  ASSERT_EQ(poll.exit_code, 0) << poll.out;
  EXPECT_NE(poll.out.find("1 page, 0 objects"), std::string::npos) << poll.out;

  // 3. One more on the remote: exactly that one arrives.
  ASSERT_EQ(admin.Call("POST", "/api/v1/intel/imports?tlp=clear&name=b.txt", "203.0.113.5\n").status, 200);
  poll = Shouwang("intel remote poll city" + data);
  ASSERT_EQ(poll.exit_code, 0) << poll.out;
  EXPECT_NE(poll.out.find("1 page, 1 objects"), std::string::npos) << poll.out;
  EXPECT_NE(poll.out.find("indicators: 1 new"), std::string::npos) << poll.out;

  // 4. A refused token: the poll fails with the remote's reason, which the
  //    list shows with the backoff.
  r = Shouwang("intel remote add wrong" + common + " --token sw_not_a_token");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  poll = Shouwang("intel remote poll wrong" + data);
  EXPECT_NE(poll.exit_code, 0) << poll.out;
  EXPECT_NE(poll.out.find("HTTP 401"), std::string::npos) << poll.out;
  auto list = Shouwang("intel remote list" + data);
  ASSERT_EQ(list.exit_code, 0) << list.out;
  EXPECT_NE(list.out.find("city\t"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("1 objects: 1 new indicators, 0 merged, 0 rejected"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("error: HTTP 401"), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find(secret), std::string::npos) << "the token must not be shown";

  // The same through the API of the remote platform: a remote that cannot
  // be reached records the failure and backs off; its token is never shown.
  Reply add = admin.Post("/api/v1/intel/remotes", json::object{{"name", "down"},
                                                              {"api_root", "https://127.0.0.1:1/taxii2/api1/"},
                                                              {"collection_id", "c1"},
                                                              {"token", "very-secret-token"}});
  ASSERT_EQ(add.status, 201) << add.raw.body;
  const std::string id(add.body.at("id").as_string());
  Reply polled = admin.Call("POST", "/api/v1/intel/remotes/" + id + "/poll", "{}");
  ASSERT_EQ(polled.status, 200) << polled.raw.body;
  EXPECT_EQ(polled.body.at("failures").as_int64(), 1);
  EXPECT_EQ(std::string(polled.body.at("last_status").as_string()).substr(0, 7), "error: ");
  Reply remotes = admin.Get("/api/v1/intel/remotes");
  ASSERT_EQ(remotes.status, 200);
  ASSERT_EQ(remotes.body.at("items").as_array().size(), 1u);
  EXPECT_EQ(remotes.raw.body.find("very-secret-token"), std::string::npos);
  EXPECT_EQ(admin.Post("/api/v1/intel/remotes", json::object{{"name", "x"}, {"api_root", "ftp://x/"},
                                                            {"collection_id", "c"}})
                .status,
            400);
}

}  // namespace
}  // namespace sw::testing
