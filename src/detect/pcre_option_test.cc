// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "detect/rule_testing.h"

namespace sw::detect {
namespace {

using testing::ParseOptions;

const Pcre& PcreAt(const Rule& r, size_t i) { return std::get<Pcre>(r.options.at(i).kind); }

TEST(Pcre, CompilesWithTranslatedFlags) {
  auto r = ParseOptions(R"(pcre:"/^user\x3a\s+[a-z]{3,}$/smiR";)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Pcre& p = PcreAt(*r, 0);
  EXPECT_EQ(p.pattern, R"(^user\x3a\s+[a-z]{3,}$)");
  EXPECT_TRUE(p.relative);
  EXPECT_FALSE(p.negated);
  ASSERT_NE(p.regex, nullptr);
  EXPECT_EQ(p.regex->options(), PCRE2_DOTALL | PCRE2_MULTILINE | PCRE2_CASELESS);
  EXPECT_EQ(p.regex->limits().match_limit, 3500u);
  auto m = p.regex->Find("x\nUSER:  abc");
  ASSERT_TRUE(m.ok());
  ASSERT_TRUE(m->has_value());
  EXPECT_EQ((*m)->first, 2u);
  EXPECT_EQ((*m)->second, 12u);
}

TEST(Pcre, AnchoredUngreedyDollarEndonlyExtended) {
  auto r = ParseOptions(R"(pcre:!"/a b/AGEx";)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(PcreAt(*r, 0).negated);
  EXPECT_EQ(PcreAt(*r, 0).regex->options(),
            PCRE2_ANCHORED | PCRE2_UNGREEDY | PCRE2_DOLLAR_ENDONLY | PCRE2_EXTENDED);
}

TEST(Pcre, BufferFlagsBindTheRegex) {
  auto r = ParseOptions(R"(pcre:"/\.php$/U"; pcre:"/^Mozilla/V"; file_data; pcre:"/x/Q";)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->options[0].buffer.buffer, Buffer::kHttpUri);
  EXPECT_EQ(r->options[1].buffer.buffer, Buffer::kHttpUserAgent);
  EXPECT_EQ(r->options[2].buffer.buffer, Buffer::kFileData);
  EXPECT_EQ(r->header.protocol.app, "http");
  EXPECT_EQ(ParseOptions(R"(http.header; pcre:"/x/U";)").status().message(),
            "pcre: modifier 'U' (http.uri) conflicts with the sticky buffer http.header");
  auto body = ParseOptions(R"(http.response_body; pcre:"/x/Q";)");
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(body->options[0].buffer.buffer, Buffer::kHttpResponseBody);
  // Without a flag the regex follows the sticky buffer.
  auto sticky = ParseOptions(R"(http.cookie; to_lowercase; pcre:"/sess=/";)");
  ASSERT_TRUE(sticky.ok());
  EXPECT_EQ(sticky->options[0].buffer.buffer, Buffer::kHttpCookie);
  EXPECT_EQ(sticky->options[0].buffer.transforms.size(), 1u);
}

TEST(Pcre, UnquotedAndCaptures) {
  auto r = ParseOptions(R"(pcre:/^\/one(self)?$/U;)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(PcreAt(*r, 0).pattern, R"(^\/one(self)?$)");
  EXPECT_EQ(r->options[0].buffer.buffer, Buffer::kHttpUri);
  auto c = ParseOptions(R"(pcre:"/uid=(\d+)\(([^)]+)\)/i, pkt:uid, flow:username";)");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(PcreAt(*c, 0).captures, (std::vector<std::string>{"pkt:uid", "flow:username"}));
  EXPECT_EQ(PcreAt(*c, 0).regex->options(), PCRE2_CASELESS);
}

TEST(Pcre, UncompilableRegexSkipsTheRule) {
  auto r = ParseOptions(R"(pcre:"/(unclosed/";)");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnimplemented);
  EXPECT_EQ(r.status().message(), "pcre does not compile: missing closing parenthesis at offset 9");
  EXPECT_EQ(SkipReason(r.status()), "pcre does not compile");
}

TEST(Pcre, SyntaxErrors) {
  EXPECT_EQ(ParseOptions(R"(pcre:"/x/k";)").status().message(), "pcre: unknown modifier 'k'");
  EXPECT_EQ(ParseOptions(R"(pcre:"/x/i, tmp:v";)").status().message(),
            "pcre: bad capture \"tmp:v\" (expected pkt:name, flow:name or alert:name)");
  EXPECT_EQ(ParseOptions(R"(pcre:"x";)").status().message(), "pcre: expected \"/regex/flags\", got \"x\"");
}

}  // namespace
}  // namespace sw::detect
