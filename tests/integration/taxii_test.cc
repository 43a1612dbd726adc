// SPDX-License-Identifier: Apache-2.0
//
// The TAXII 2.1 server of the real `shouwang serve` over HTTPS, checked
// against the specification (OASIS TAXII Version 2.1): discovery, API root,
// collections, objects, one object, versions, manifest, status; media types
// (406, 415), TAXII error messages (401, 404, 405); paging through "next"
// while another client adds objects; added_after and the match[...] filters;
// TLP per reader; the medallion reference server's test objects posted and
// read back unchanged.
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "support/server_process.h"
#include "support/temp_dir.h"

namespace sw::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kTaxii = "application/taxii+json;version=2.1";
constexpr const char* kRoot = "/api/taxii2/shared/";
constexpr const char* kShared =
    "4c8f6b2e-1d3a-4e57-9b0c-7a2d5e8f1c36";  // model::kSharedCollectionId
// TLP 2.0 marking-definition ids (src/intel/export.h TlpMarkingId).
constexpr const char* kTlpGreen = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
constexpr const char* kTlpAmberStrict = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003";

const std::string kObjects = std::string(kRoot) + "collections/" + kShared + "/objects/";
const std::string kManifest = std::string(kRoot) + "collections/" + kShared + "/manifest/";

fs::path MedallionData() {
  const char* shared = std::getenv("SW_SHARED_DATA");
  return fs::path(shared ? shared : SW_SOURCE_DIR "/../shared/data") /
         "stix/taxii21-medallion-test-data/default_data.json";
}

// A TAXII client with one bearer token: sends Accept: TAXII 2.1 unless told
// otherwise, parses TAXII JSON bodies.
class TaxiiClient {
 public:
  TaxiiClient(const ServerProcess& server, std::string token) : token_(std::move(token)) {
    auto c = sys::HttpClient::Create({.base_url = server.url(), .ca_file = server.cert_file()});
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    http_ = std::move(*c);
  }
  Reply Call(const std::string& method, const std::string& path, const std::string& body = "",
             std::optional<std::string> accept = kTaxii,
             std::optional<std::string> content_type = std::nullopt) {
    sys::HeaderList h;
    if (accept) h.emplace_back("Accept", *accept);
    if (!token_.empty()) h.emplace_back("Authorization", "Bearer " + token_);
    if (content_type) h.emplace_back("Content-Type", *content_type);
    Reply r;
    auto resp = http_->Send(method, path, h, body);
    if (!resp.ok()) {
      ADD_FAILURE() << method << " " << path << ": " << resp.status().ToString();
      return r;
    }
    r.raw = std::move(*resp);
    r.status = r.raw.status;
    if (r.raw.header("Content-Type").starts_with("application/taxii+json")) {
      auto v = ParseJson(r.raw.body, {.max_bytes = size_t{64} << 20, .max_depth = 128});
      EXPECT_TRUE(v.ok()) << r.raw.body;
      if (v.ok()) r.body = std::move(*v);
    }
    return r;
  }
  Reply Get(const std::string& path) { return Call("GET", path); }
  Reply Post(const std::string& path, const json::array& objects) {
    return Call("POST", path, ToJson(json::object{{"objects", objects}}), kTaxii, kTaxii);
  }

 private:
  std::unique_ptr<sys::HttpClient> http_;
  std::string token_;
};

// A TAXII error message with this status.
void ExpectTaxiiError(const Reply& r, int status, const std::string& what) {
  EXPECT_EQ(r.status, status) << what << ": " << r.raw.body;
  EXPECT_EQ(r.raw.header("Content-Type"), kTaxii) << what;
  ASSERT_TRUE(r.body.is_object()) << what << ": " << r.raw.body;
  EXPECT_FALSE(r.body.at("title").as_string().empty()) << what;
  EXPECT_EQ(r.body.at("http_status").as_string(), std::to_string(status)) << what;
  EXPECT_TRUE(r.body.as_object().contains("description")) << what;
}

std::string Uuid(int n) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "5a0e%04x-1111-4222-8333-%012x", n & 0xffff, n);
  return buf;
}

json::object Indicator(int n, const char* marking,
                       const std::string& modified = "2026-11-01T00:00:00.000Z") {
  return json::object{
      {"type", "indicator"},
      {"spec_version", "2.1"},
      {"id", "indicator--" + Uuid(n)},
      {"created", "2026-11-01T00:00:00.000Z"},
      {"modified", modified},
      {"name", "test indicator " + std::to_string(n)},
      {"pattern", "[ipv4-addr:value = '198.51.100." + std::to_string(n % 250) + "']"},
      {"pattern_type", "stix"},
      {"valid_from", "2026-11-01T00:00:00Z"},
      {"object_marking_refs", json::array{json::string(marking)}}};
}

std::vector<std::string> Ids(const Reply& envelope) {
  std::vector<std::string> out;
  if (!envelope.body.is_object() || !envelope.body.as_object().contains("objects")) return out;
  for (const auto& o : envelope.body.at("objects").as_array())
    out.emplace_back(o.at("id").as_string());
  return out;
}

bool IsMillisTime(std::string_view s) {
  static const std::regex re(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
  return std::regex_match(s.begin(), s.end(), re);
}

class TaxiiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(dir_.file("data"));
    ASSERT_TRUE(server_->Start()) << server_->Stderr();
    admin_ = std::make_unique<Client>(*server_);
    admin_->LoginReady("admin", server_->AdminPassword(), "taxii admin password");
    Reply t = admin_->Post("/api/v1/tenants",
                           json::object{{"name", "甲公司"}, {"credit_code", "91440300708461136T"}});
    ASSERT_EQ(t.status, 201) << t.raw.body;
    tenant_ = std::string(t.body.at("id").as_string());
    enterprise_token_ = MakeToken("/api/v1/tenants/" + tenant_ + "/tokens",
                                  json::object{{"name", "taxii-read"}, {"kind", "read_only"}});
    center_token_ = MakeToken("/api/v1/tenants/center/tokens",
                              json::object{{"name", "taxii-center"}, {"kind", "intel_exchange"}});
    Reply p = admin_->Post(
        "/api/v1/intel/partners",
        json::object{{"name", "运营商甲"}, {"clients", json::array{json::string(tenant_)}}});
    ASSERT_EQ(p.status, 201) << p.raw.body;
    partner_token_ =
        MakeToken("/api/v1/intel/partners/" + std::string(p.body.at("id").as_string()) + "/tokens",
                  json::object{{"name", "partner-taxii"}});
  }
  std::string MakeToken(const std::string& path, const json::object& body) {
    Reply r = admin_->Post(path, body);
    EXPECT_EQ(r.status, 201) << path << ": " << r.raw.body;
    return r.status == 201 ? std::string(r.body.at("secret").as_string()) : "";
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<Client> admin_;
  std::string tenant_, enterprise_token_, center_token_, partner_token_;
};
// The tests are named integration_suite.taxii.*: lower case, so that
// `ctest -R taxii` selects them.
using taxii = TaxiiTest;

TEST_F(taxii, DiscoveryApiRootAndCollections) {
  TaxiiClient partner(*server_, partner_token_);
  Reply d = partner.Get("/api/taxii2/");
  ASSERT_EQ(d.status, 200) << d.raw.body;
  EXPECT_EQ(d.raw.header("Content-Type"), kTaxii);
  EXPECT_EQ(d.body.at("title").as_string(), "守望 Shouwang TAXII 2.1");
  EXPECT_EQ(d.body.at("default").as_string(), kRoot);
  ASSERT_EQ(d.body.at("api_roots").as_array().size(), 1u);
  EXPECT_EQ(d.body.at("api_roots").at(0).as_string(), kRoot);

  Reply root = partner.Get(kRoot);
  ASSERT_EQ(root.status, 200) << root.raw.body;
  EXPECT_EQ(root.raw.header("Content-Type"), kTaxii);
  EXPECT_EQ(root.body.at("versions").as_array(), (json::array{json::string(kTaxii)}));
  EXPECT_EQ(root.body.at("max_content_length").to_number<int64_t>(), 1 << 20);
  EXPECT_FALSE(root.body.at("title").as_string().empty());

  // A partner token reads and adds to the shared collection.
  Reply cs = partner.Get(std::string(kRoot) + "collections/");
  ASSERT_EQ(cs.status, 200) << cs.raw.body;
  EXPECT_EQ(cs.raw.header("Content-Type"), kTaxii);
  bool found = false;
  for (const auto& c : cs.body.at("collections").as_array()) {
    if (c.at("id").as_string() != kShared) continue;
    found = true;
    EXPECT_TRUE(c.at("can_read").as_bool());
    EXPECT_TRUE(c.at("can_write").as_bool());
    EXPECT_FALSE(c.at("title").as_string().empty());
    EXPECT_EQ(c.at("media_types").as_array(),
              (json::array{json::string("application/stix+json;version=2.1")}));
  }
  EXPECT_TRUE(found) << cs.raw.body;
  Reply one = partner.Get(std::string(kRoot) + "collections/" + kShared + "/");
  ASSERT_EQ(one.status, 200) << one.raw.body;
  EXPECT_EQ(one.body.at("id").as_string(), kShared);

  // An enterprise's read-only token reads it and may not add to it.
  TaxiiClient enterprise(*server_, enterprise_token_);
  Reply ec = enterprise.Get(std::string(kRoot) + "collections/" + kShared + "/");
  ASSERT_EQ(ec.status, 200) << ec.raw.body;
  EXPECT_TRUE(ec.body.at("can_read").as_bool());
  EXPECT_FALSE(ec.body.at("can_write").as_bool());
  ExpectTaxiiError(enterprise.Post(kObjects, json::array{Indicator(1, kTlpGreen)}), 403,
                   "read-only POST");

  // Errors are TAXII error messages.
  ExpectTaxiiError(
      partner.Get(std::string(kRoot) + "collections/91a7b528-80eb-42ed-a74d-c6fbd5a26116/"), 404,
      "unknown collection");
  ExpectTaxiiError(
      partner.Get(std::string(kRoot) + "collections/91a7b528-80eb-42ed-a74d-c6fbd5a26116/objects/"),
      404, "objects of an unknown collection");
  ExpectTaxiiError(partner.Get(kObjects + "indicator--" + Uuid(999) + "/"), 404, "unknown object");
  ExpectTaxiiError(partner.Get(kObjects + "indicator--" + Uuid(999) + "/versions/"), 404,
                   "versions of unknown object");
  ExpectTaxiiError(partner.Get("/api/taxii2/nosuchroot/"), 404, "unknown API root");
  ExpectTaxiiError(partner.Get(std::string(kRoot) + "status/" + Uuid(5) + "/"), 404,
                   "unknown status");
  Reply del = partner.Call("DELETE", kObjects + "indicator--" + Uuid(1) + "/");
  ExpectTaxiiError(del, 405, "DELETE object");
  EXPECT_EQ(del.raw.header("Allow"), "GET");
  // Without the trailing slash the spec writes, there is no such path.
  ExpectTaxiiError(partner.Get("/api/taxii2"), 404, "discovery without the slash");
  ExpectTaxiiError(partner.Get(std::string(kRoot) + "collections"), 404,
                   "collections without the slash");

  TaxiiClient anonymous(*server_, "");
  Reply anon = anonymous.Get("/api/taxii2/");
  ExpectTaxiiError(anon, 401, "no credentials");
  EXPECT_NE(anon.raw.header("WWW-Authenticate").find("Bearer"), std::string::npos);
  ExpectTaxiiError(TaxiiClient(*server_, "sw_not_a_token").Get("/api/taxii2/"), 401, "bad token");

  // Accept: TAXII 2.1, or TAXII without a version (the latest, 2.1).
  for (const std::string ok :
       {"application/taxii+json;version=2.1", "application/taxii+json",
        "application/taxii+json; version=2.1", "Application/TAXII+JSON;Version=\"2.1\"",
        "application/json, application/taxii+json;version=2.1;q=0.9"}) {
    EXPECT_EQ(partner.Call("GET", kObjects, "", ok).status, 200) << ok;
  }
  for (const std::string bad :
       {"application/json", "*/*", "application/taxii+json;version=2.0",
        "application/stix+json;version=2.1", "application/taxii+json;version=2.1;q=0"}) {
    ExpectTaxiiError(partner.Call("GET", kObjects, "", bad), 406, "Accept: " + bad);
  }
  ExpectTaxiiError(partner.Call("GET", kObjects, "", std::nullopt), 406, "no Accept");
}

TEST_F(taxii, PostStatusAndContentTypes) {
  TaxiiClient partner(*server_, partner_token_);
  TaxiiClient center(*server_, center_token_);
  TaxiiClient enterprise(*server_, enterprise_token_);
  const std::string body = ToJson(json::object{{"objects", json::array{Indicator(1, kTlpGreen)}}});
  for (const std::string bad : {"application/json", "application/taxii+json;version=2.0",
                                "application/stix+json;version=2.1"}) {
    ExpectTaxiiError(partner.Call("POST", kObjects, body, kTaxii, bad), 415,
                     "Content-Type: " + bad);
  }
  ExpectTaxiiError(partner.Call("POST", kObjects, body, kTaxii, std::nullopt), 415,
                   "no Content-Type");
  ExpectTaxiiError(partner.Call("POST", kObjects, body, "application/json", kTaxii), 406,
                   "POST Accept");
  ExpectTaxiiError(partner.Call("POST", kObjects, "{\"objects\": [", kTaxii, kTaxii), 400,
                   "broken JSON");
  ExpectTaxiiError(partner.Call("POST", kObjects, "[]", kTaxii, kTaxii), 400, "not an envelope");
  ExpectTaxiiError(partner.Call("POST", kObjects, R"({"objects": {}})", kTaxii, kTaxii), 400,
                   "objects not a list");
  Reply big = partner.Call("POST", kObjects, std::string((1 << 20) + 10, ' '), kTaxii, kTaxii);
  EXPECT_EQ(big.status, 413);

  // One good object, one malformed, one with a bad pattern.
  json::object no_id = Indicator(2, kTlpGreen);
  no_id["id"] = "indicator--not-a-uuid";
  json::object bad_pattern = Indicator(3, kTlpGreen);
  bad_pattern["pattern"] = "[ipv4-addr:value = ";
  Reply posted = partner.Post(kObjects, json::array{Indicator(1, kTlpGreen), no_id, bad_pattern});
  ASSERT_EQ(posted.status, 202) << posted.raw.body;
  EXPECT_EQ(posted.raw.header("Content-Type"), kTaxii);
  const auto& s = posted.body.as_object();
  EXPECT_EQ(s.at("status").as_string(), "complete");
  EXPECT_EQ(s.at("total_count").to_number<int>(), 3);
  EXPECT_EQ(s.at("success_count").to_number<int>(), 1);
  EXPECT_EQ(s.at("failure_count").to_number<int>(), 2);
  EXPECT_EQ(s.at("pending_count").to_number<int>(), 0);
  EXPECT_TRUE(s.at("pendings").as_array().empty());
  EXPECT_TRUE(s.at("request_timestamp").is_string());
  ASSERT_EQ(s.at("successes").as_array().size(), 1u);
  EXPECT_EQ(s.at("successes").at(0).at("id").as_string(), "indicator--" + Uuid(1));
  EXPECT_EQ(s.at("successes").at(0).at("version").as_string(), "2026-11-01T00:00:00.000Z");
  ASSERT_EQ(s.at("failures").as_array().size(), 2u);
  for (const auto& f : s.at("failures").as_array()) {
    EXPECT_FALSE(f.at("message").as_string().empty()) << ToJson(f);
    EXPECT_TRUE(f.as_object().contains("id")) << ToJson(f);
  }
  EXPECT_EQ(s.at("failures").at(1).at("id").as_string(), "indicator--" + Uuid(3));
  EXPECT_NE(s.at("failures").at(1).at("message").as_string().find("pattern"), std::string::npos)
      << ToJson(s.at("failures"));

  const std::string status_path =
      std::string(kRoot) + "status/" + std::string(s.at("id").as_string()) + "/";
  Reply again = partner.Get(status_path);
  ASSERT_EQ(again.status, 200) << again.raw.body;
  EXPECT_EQ(again.raw.header("Content-Type"), kTaxii);
  EXPECT_EQ(again.body, posted.body);
  // Another organization's status does not exist for it; the center sees it.
  ExpectTaxiiError(enterprise.Get(status_path), 404, "an enterprise reads a partner's status");
  EXPECT_EQ(center.Get(status_path).status, 200);

  // The accepted object is served back as posted.
  Reply got = partner.Get(kObjects + "indicator--" + Uuid(1) + "/");
  ASSERT_EQ(got.status, 200) << got.raw.body;
  ASSERT_EQ(got.body.at("objects").as_array().size(), 1u);
  EXPECT_EQ(got.body.at("objects").at(0), json::value(Indicator(1, kTlpGreen)));
  EXPECT_FALSE(got.body.at("more").as_bool());
  EXPECT_FALSE(got.body.as_object().contains("next"));
}

TEST_F(taxii, TlpDecidesWhatEachReaderGets) {
  TaxiiClient center(*server_, center_token_);
  TaxiiClient enterprise(*server_, enterprise_token_);
  TaxiiClient partner(*server_, partner_token_);
  Reply posted =
      center.Post(kObjects, json::array{Indicator(10, kTlpGreen), Indicator(11, kTlpAmberStrict)});
  ASSERT_EQ(posted.status, 202) << posted.raw.body;
  EXPECT_EQ(posted.body.at("success_count").to_number<int>(), 2) << posted.raw.body;
  const std::string green = "indicator--" + Uuid(10), strict = "indicator--" + Uuid(11);
  EXPECT_EQ(Ids(center.Get(kObjects)), (std::vector<std::string>{green, strict}));
  EXPECT_EQ(Ids(enterprise.Get(kObjects)), (std::vector<std::string>{green}));
  EXPECT_EQ(Ids(partner.Get(kObjects)), (std::vector<std::string>{green}));
  ExpectTaxiiError(enterprise.Get(kObjects + strict + "/"), 404,
                   "AMBER+STRICT object for an enterprise");
  ExpectTaxiiError(enterprise.Get(kObjects + strict + "/versions/"), 404, "AMBER+STRICT versions");
  EXPECT_EQ(enterprise.Get(kObjects + green + "/").status, 200);
  Reply m = enterprise.Get(kManifest);
  ASSERT_EQ(m.status, 200);
  EXPECT_EQ(Ids(m), (std::vector<std::string>{green}));
  EXPECT_EQ(Ids(enterprise.Get(kObjects + "?match[id]=" + strict)), std::vector<std::string>{});
}

TEST_F(taxii, PagingWithNextWhileAnotherClientAdds) {
  TaxiiClient center(*server_, center_token_);
  TaxiiClient reader(*server_, enterprise_token_);
  json::array first;
  for (int i = 0; i < 9; ++i) first.push_back(Indicator(100 + i, kTlpGreen));
  ASSERT_EQ(center.Post(kObjects, first).status, 202);

  std::vector<std::string> seen;
  std::set<std::string> expected;
  for (int i = 0; i < 9; ++i) expected.insert("indicator--" + Uuid(100 + i));
  std::string next;
  int pages = 0, added = 0;
  while (true) {
    Reply page = reader.Get(kObjects + "?limit=2" + (next.empty() ? "" : "&next=" + next));
    ASSERT_EQ(page.status, 200) << page.raw.body;
    const auto ids = Ids(page);
    EXPECT_LE(ids.size(), 2u);
    seen.insert(seen.end(), ids.begin(), ids.end());
    if (!ids.empty()) {
      EXPECT_TRUE(IsMillisTime(page.raw.header("X-TAXII-Date-Added-First")))
          << page.raw.header("X-TAXII-Date-Added-First");
      EXPECT_TRUE(IsMillisTime(page.raw.header("X-TAXII-Date-Added-Last")));
    }
    ++pages;
    ASSERT_LT(pages, 40);
    if (!page.body.at("more").as_bool()) {
      EXPECT_FALSE(page.body.as_object().contains("next"));
      break;
    }
    next = std::string(page.body.at("next").as_string());
    ASSERT_FALSE(next.empty());
    // Another client adds objects between the pages (the first five pages).
    if (added < 5) {
      const int n = 200 + added++;
      ASSERT_EQ(center.Post(kObjects, json::array{Indicator(n, kTlpGreen)}).status, 202);
      expected.insert("indicator--" + Uuid(n));
    }
  }
  EXPECT_EQ(added, 5);
  // Every object once: none skipped, none repeated, in the order added.
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), expected);
  EXPECT_EQ(seen.size(), expected.size());
  EXPECT_EQ(seen.front(), "indicator--" + Uuid(100));
  EXPECT_EQ(seen.back(), "indicator--" + Uuid(204));

  // The manifest pages the same way.
  Reply m = reader.Get(kManifest + "?limit=3");
  ASSERT_EQ(m.status, 200);
  EXPECT_TRUE(m.body.at("more").as_bool());
  ASSERT_EQ(m.body.at("objects").as_array().size(), 3u);
  Reply m2 =
      reader.Get(kManifest + "?limit=1000&next=" + std::string(m.body.at("next").as_string()));
  EXPECT_EQ(m2.body.at("objects").as_array().size(), expected.size() - 3);

  // Bad paging parameters are 400; a huge limit is lowered, not refused.
  ExpectTaxiiError(reader.Get(kObjects + "?limit=0"), 400, "limit=0");
  ExpectTaxiiError(reader.Get(kObjects + "?limit=x"), 400, "limit=x");
  ExpectTaxiiError(reader.Get(kObjects + "?next=abc"), 400, "next=abc");
  ExpectTaxiiError(reader.Get(kObjects + "?added_after=yesterday"), 400, "added_after=yesterday");
  ExpectTaxiiError(reader.Get(kObjects + "?match[version]=newest"), 400, "match[version]=newest");
  Reply all = reader.Get(kObjects + "?limit=100000");
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(Ids(all).size(), expected.size());
  EXPECT_FALSE(all.body.at("more").as_bool());
}

// The medallion (OASIS TAXII 2.1 reference server) test collection: an
// indicator in three versions, a malware in two (one without spec_version),
// another indicator, a relationship and a marking definition.
TEST_F(taxii, MedallionObjectsRoundTripAndFilters) {
  const fs::path data = MedallionData();
  if (!fs::exists(data))
    GTEST_SKIP() << data.string() << " is missing (../shared/data not beside the project)";
  std::ifstream in(data);
  std::stringstream text;
  text << in.rdbuf();
  auto doc = ParseJson(text.str(), {.max_bytes = size_t{16} << 20, .max_depth = 64});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  json::array objects;
  for (const auto& c : doc->at("trustgroup1").at("collections").as_array()) {
    if (c.at("id").as_string() == "91a7b528-80eb-42ed-a74d-c6fbd5a26116")
      objects = c.at("objects").as_array();
  }
  ASSERT_EQ(objects.size(), 8u);

  TaxiiClient partner(*server_, partner_token_);
  Reply posted = partner.Post(kObjects, objects);
  ASSERT_EQ(posted.status, 202) << posted.raw.body;
  EXPECT_EQ(posted.body.at("total_count").to_number<int>(), 8);
  EXPECT_EQ(posted.body.at("success_count").to_number<int>(), 8) << posted.raw.body;
  EXPECT_EQ(posted.body.at("failure_count").to_number<int>(), 0) << posted.raw.body;

  // Every version comes back exactly as posted, in the order posted.
  Reply all = partner.Get(kObjects + "?match[version]=all");
  ASSERT_EQ(all.status, 200) << all.raw.body;
  EXPECT_EQ(all.body.at("objects").as_array(), objects);
  const std::string first_added(all.raw.header("X-TAXII-Date-Added-First"));
  const std::string last_added(all.raw.header("X-TAXII-Date-Added-Last"));
  EXPECT_TRUE(IsMillisTime(first_added)) << first_added;
  EXPECT_TRUE(IsMillisTime(last_added)) << last_added;

  const std::string ind = "indicator--6770298f-0fd8-471a-ab8c-1c658a46574e";
  const std::string mal = "malware--c0931cc6-c75e-47e5-9036-78fabc95d4ec";
  auto modified = [](const Reply& r) {
    std::vector<std::string> out;
    for (const auto& o : r.body.at("objects").as_array())
      out.emplace_back(o.at("modified").as_string());
    return out;
  };
  using V = std::vector<std::string>;
  // match[version]: last (the default), first, all, a version, several.
  EXPECT_EQ(modified(partner.Get(kObjects + "?match[id]=" + ind)), V{"2017-01-27T13:49:53.935Z"});
  EXPECT_EQ(modified(partner.Get(kObjects + "?match[id]=" + ind + "&match[version]=last")),
            V{"2017-01-27T13:49:53.935Z"});
  EXPECT_EQ(modified(partner.Get(kObjects + "?match[id]=" + ind + "&match[version]=first")),
            V{"2016-11-03T12:30:59.000Z"});
  // The same, percent-encoded as URL libraries send it.
  EXPECT_EQ(modified(partner.Get(kObjects + "?match%5Bid%5D=" + ind + "&match%5Bversion%5D=first")),
            V{"2016-11-03T12:30:59.000Z"});
  EXPECT_EQ(
      modified(partner.Get(kObjects + "?match[id]=" + ind + "&match[version]=all")),
      (V{"2016-11-03T12:30:59.000Z", "2016-12-25T12:30:59.444Z", "2017-01-27T13:49:53.935Z"}));
  EXPECT_EQ(modified(partner.Get(kObjects + "?match[id]=" + ind +
                                 "&match[version]=2016-12-25T12:30:59.444Z")),
            V{"2016-12-25T12:30:59.444Z"});
  EXPECT_EQ(modified(partner.Get(kObjects + "?match[id]=" + ind + "&match[version]=first,last")),
            (V{"2016-11-03T12:30:59.000Z", "2017-01-27T13:49:53.935Z"}));
  // The malware's last version is the 2018 one although it was added first.
  EXPECT_EQ(modified(partner.Get(kObjects + "?match[id]=" + mal)), V{"2018-02-23T18:30:00.000Z"});
  // match[id] with two ids, match[type] with one and two types.
  EXPECT_EQ(Ids(partner.Get(kObjects + "?match[id]=" + ind + "," + mal)), (V{ind, mal}));
  EXPECT_EQ(Ids(partner.Get(kObjects + "?match[type]=indicator")),
            (V{"indicator--cd981c25-8042-4166-8945-51178443bdac", ind}));
  EXPECT_EQ(Ids(partner.Get(kObjects + "?match[type]=malware,relationship")),
            (V{"relationship--2f9a9aa9-108a-4333-83e2-4fb25add0463", mal}));
  EXPECT_EQ(Ids(partner.Get(kObjects + "?match[type]=campaign")), V{});
  // match[spec_version]: the 2018 malware has none (STIX 2.0).
  EXPECT_EQ(Ids(partner.Get(kObjects + "?match[type]=malware&match[spec_version]=2.1")), V{});
  EXPECT_EQ(Ids(partner.Get(kObjects + "?match[type]=malware&match[spec_version]=2.0")), V{mal});
  EXPECT_EQ(Ids(partner.Get(kObjects + "?match[version]=all&match[spec_version]=2.1")).size(), 7u);

  // One object: match[version] applies, the default is last.
  Reply one = partner.Get(kObjects + ind + "/");
  ASSERT_EQ(one.status, 200) << one.raw.body;
  EXPECT_EQ(one.raw.header("Content-Type"), kTaxii);
  EXPECT_EQ(modified(one), V{"2017-01-27T13:49:53.935Z"});
  EXPECT_TRUE(IsMillisTime(one.raw.header("X-TAXII-Date-Added-First")));
  EXPECT_EQ(modified(partner.Get(kObjects + ind + "/?match[version]=all")).size(), 3u);
  EXPECT_EQ(modified(partner.Get(kObjects + ind + "/?match[version]=first")),
            V{"2016-11-03T12:30:59.000Z"});
  Reply paged = partner.Get(kObjects + ind + "/?match[version]=all&limit=2");
  EXPECT_EQ(paged.body.at("objects").as_array().size(), 2u);
  EXPECT_TRUE(paged.body.at("more").as_bool());
  Reply rest = partner.Get(kObjects + ind + "/?match[version]=all&limit=2&next=" +
                           std::string(paged.body.at("next").as_string()));
  EXPECT_EQ(modified(rest), V{"2017-01-27T13:49:53.935Z"});

  // Versions.
  Reply versions = partner.Get(kObjects + ind + "/versions/");
  ASSERT_EQ(versions.status, 200) << versions.raw.body;
  EXPECT_EQ(versions.raw.header("Content-Type"), kTaxii);
  EXPECT_FALSE(versions.body.at("more").as_bool());
  EXPECT_EQ(versions.body.at("versions").as_array(),
            (json::array{json::string("2016-11-03T12:30:59.000Z"),
                         json::string("2016-12-25T12:30:59.444Z"),
                         json::string("2017-01-27T13:49:53.935Z")}));
  EXPECT_TRUE(IsMillisTime(versions.raw.header("X-TAXII-Date-Added-Last")));
  Reply mv = partner.Get(kObjects + mal + "/versions/");
  EXPECT_EQ(mv.body.at("versions").as_array(),
            (json::array{json::string("2018-02-23T18:30:00.000Z"),
                         json::string("2017-01-27T13:49:53.997Z")}));

  // Manifest: the last version of each object, with date_added and the media type.
  Reply manifest = partner.Get(kManifest);
  ASSERT_EQ(manifest.status, 200) << manifest.raw.body;
  EXPECT_EQ(manifest.raw.header("Content-Type"), kTaxii);
  EXPECT_FALSE(manifest.body.at("more").as_bool());
  const auto& records = manifest.body.at("objects").as_array();
  ASSERT_EQ(records.size(), 5u);
  std::map<std::string, std::string> version_of;
  for (const auto& r : records) {
    EXPECT_EQ(r.at("media_type").as_string(), "application/stix+json;version=2.1");
    EXPECT_TRUE(IsMillisTime(r.at("date_added").as_string())) << ToJson(r);
    version_of[std::string(r.at("id").as_string())] = std::string(r.at("version").as_string());
  }
  EXPECT_EQ(version_of[ind], "2017-01-27T13:49:53.935Z");
  EXPECT_EQ(version_of[mal], "2018-02-23T18:30:00.000Z");
  // The marking definition has no modified: its version is created.
  EXPECT_EQ(version_of["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"],
            "2017-01-20T00:00:00.000Z");
  EXPECT_EQ(manifest.raw.header("X-TAXII-Date-Added-First"),
            records.front().at("date_added").as_string());
  Reply mi = partner.Get(kManifest + "?match[id]=" + ind + "&match[version]=all");
  EXPECT_EQ(mi.body.at("objects").as_array().size(), 3u);

  // added_after: only what came later (strictly after the time given).
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  json::array later{Indicator(300, kTlpGreen)};
  ASSERT_EQ(partner.Post(kObjects, later).status, 202);
  EXPECT_EQ(Ids(partner.Get(kObjects + "?added_after=" + last_added)),
            V{"indicator--" + Uuid(300)});
  EXPECT_EQ(Ids(partner.Get(kManifest + "?added_after=" + last_added)),
            V{"indicator--" + Uuid(300)});
  EXPECT_EQ(Ids(partner.Get(kObjects + "?added_after=2000-01-01T00:00:00Z")).size(), 6u);
  EXPECT_EQ(Ids(partner.Get(kObjects + "?added_after=2999-01-01T00:00:00.000Z")), V{});
  Reply none = partner.Get(kObjects + "?added_after=2999-01-01T00:00:00.000Z");
  EXPECT_EQ(none.raw.header("X-TAXII-Date-Added-First"), "");
  EXPECT_EQ(none.body, json::value(json::object{{"more", false}, {"objects", json::array{}}}));
}

}  // namespace
}  // namespace sw::testing
