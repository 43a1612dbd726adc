// SPDX-License-Identifier: Apache-2.0
#include "core/json.h"

#include <gtest/gtest.h>

namespace sw {
namespace {

TEST(ParseJson, ReportsWhereParsingStopped) {
  auto r = ParseJson("{\n  \"a\": 1,\n  \"b\": tru\n}");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("line 3"), std::string::npos) << r.status().message();
}

TEST(ParseJson, LimitsSizeAndDepth) {
  EXPECT_FALSE(ParseJson(std::string(100, ' ') + "{}", {.max_bytes = 50}).ok());
  std::string deep(40, '[');
  deep += std::string(40, ']');
  EXPECT_FALSE(ParseJson(deep, {.max_bytes = 1000, .max_depth = 32}).ok());
  EXPECT_TRUE(ParseJson(deep, {.max_bytes = 1000, .max_depth = 64}).ok());
}

TEST(ParseJson, RejectsInvalidUtf8) { EXPECT_FALSE(ParseJson("\"\xff\xfe\"").ok()); }

TEST(ObjectReader, ReadsFieldsAndNamesPaths) {
  auto v = ParseJson(R"({"name":"x","n":5,"flag":true,"tags":["a","b"],"nested":{"k":1}})");
  ASSERT_TRUE(v.ok());
  auto r = ObjectReader::Of(*v, "");
  ASSERT_TRUE(r.ok());
  std::string name;
  int64_t n = 0;
  bool flag = false;
  std::vector<std::string> tags;
  EXPECT_TRUE(r->String("name", name, kRequired).ok());
  EXPECT_TRUE(r->Int("n", n, kRequired).ok());
  EXPECT_TRUE(r->Bool("flag", flag, kRequired).ok());
  EXPECT_TRUE(r->StringArray("tags", tags, kRequired).ok());
  EXPECT_EQ(name, "x");
  EXPECT_EQ(n, 5);
  EXPECT_TRUE(flag);
  EXPECT_EQ(tags, (std::vector<std::string>{"a", "b"}));
  Status unknown = r->Finish();
  EXPECT_EQ(unknown.message(), "nested: unknown field");
  EXPECT_EQ(unknown.field(), "nested");
}

TEST(ObjectReader, TypeErrorsNameThePath) {
  auto v = ParseJson(R"({"tags":["a",3]})");
  auto r = ObjectReader::Of(*v, "asset");
  std::vector<std::string> tags;
  Status s = r->StringArray("tags", tags, kRequired);
  EXPECT_EQ(s.message(), "asset.tags[1]: expected a string");
  EXPECT_EQ(s.field(), "asset.tags[1]");
  std::string missing;
  EXPECT_EQ(r->String("name", missing, kRequired).message(), "asset.name: required");
}

TEST(ObjectReader, RejectsNonObjectsAndLongStrings) {
  auto arr = ParseJson("[1]");
  EXPECT_FALSE(ObjectReader::Of(*arr, "").ok());
  auto v = ParseJson(R"({"s":"abcdef"})");
  auto r = ObjectReader::Of(*v, "");
  std::string s;
  EXPECT_EQ(r->String("s", s, kRequired, 3).message(), "s: longer than 3 bytes");
}

}  // namespace
}  // namespace sw
