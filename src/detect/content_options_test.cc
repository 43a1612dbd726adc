// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "detect/rule_builder.h"
#include "detect/rule_testing.h"

namespace sw::detect {
namespace {

using testing::ParseOptions;

const Content& ContentAt(const Rule& r, size_t i) { return std::get<Content>(r.options.at(i).kind); }

TEST(Content, HexAndEscapesDecodeToRawBytes) {
  auto r = ParseOptions(R"(content:"|41 42|C";)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(ContentAt(*r, 0).bytes, "ABC");
  EXPECT_EQ(*DecodeContentString(R"("a\"b\;c\\d\:e")", "content"), "a\"b;c\\d:e");
  EXPECT_EQ(*DecodeContentString(R"("|00 ff|x|0D0A|")", "content"), std::string("\0\xff" "x\r\n", 5));
}

TEST(Content, DecodeErrors) {
  EXPECT_EQ(DecodeContentString(R"("|4|")", "content").status().message(),
            "content: odd number of hex digits in \"|4|\"");
  EXPECT_EQ(DecodeContentString(R"("|4G|")", "content").status().message(),
            "content: bad hex digit 'G' in \"|4G|\"");
  EXPECT_EQ(DecodeContentString(R"("|41")", "content").status().message(),
            "content: unterminated hex block in \"|41\"");
  EXPECT_EQ(DecodeContentString(R"("a\x")", "content").status().message(),
            "content: invalid escape \"\\x\" in \"a\\x\"");
  EXPECT_EQ(DecodeContentString("abc", "content").status().message(), "content: pattern is not quoted in abc");
  EXPECT_EQ(ParseOptions(R"(content:"";)").status().message(), "content: empty pattern");
}

TEST(Content, ModifiersApplyToThePreviousContent) {
  auto r = ParseOptions(
      R"(content:!"evil"; nocase; offset:2; depth:10; content:"GET"; distance:1; within:20; content:"x"; startswith; content:"end"; endswith;)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Content& a = ContentAt(*r, 0);
  EXPECT_TRUE(a.negated);
  EXPECT_TRUE(a.nocase);
  EXPECT_EQ(a.offset, 2);
  EXPECT_EQ(a.depth, 10);
  EXPECT_FALSE(a.relative());
  const Content& b = ContentAt(*r, 1);
  EXPECT_EQ(b.distance, 1);
  EXPECT_EQ(b.within, 20);
  EXPECT_TRUE(b.relative());
  EXPECT_TRUE(ContentAt(*r, 2).startswith);
  EXPECT_TRUE(ContentAt(*r, 3).endswith);
  EXPECT_EQ(ParseOptions(R"(content:"a"; distance:-5;)").value().options[0].kind.index(), 0u);
}

TEST(Content, ModifierErrors) {
  EXPECT_EQ(ParseOptions("nocase;").status().message(), "nocase: no content before it");
  EXPECT_EQ(ParseOptions(R"(content:"abcd"; depth:2;)").status().message(),
            "depth: 2 is smaller than the content length 4");
  EXPECT_EQ(ParseOptions(R"(content:"abcd"; within:3;)").status().message(),
            "within: 3 is smaller than the content length 4");
  EXPECT_EQ(ParseOptions(R"(content:"a"; depth:5; distance:1;)").status().message(),
            "distance: cannot be combined with depth/offset on the same content");
  EXPECT_EQ(ParseOptions(R"(content:"a"; startswith; depth:5;)").status().message(),
            "depth: cannot be combined with startswith");
  EXPECT_EQ(ParseOptions(R"(content:"a"; nocase; nocase;)").status().message(),
            "nocase: given twice for the same content");
  EXPECT_EQ(ParseOptions(R"(content:"a"; offset:x;)").status().message(), "offset: \"x\" is not a number");
}

TEST(Content, StickyBuffersAndTransforms) {
  auto r = ParseOptions(
      R"(http.method; content:"POST"; http.host; dotprefix; content:".evil.com"; endswith; pkt_data; content:"x";)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->header.protocol.app, "http");  // implied by the http buffers
  EXPECT_EQ(r->options[0].buffer.buffer, Buffer::kHttpMethod);
  EXPECT_EQ(r->options[1].buffer.buffer, Buffer::kHttpHost);
  EXPECT_EQ(r->options[1].buffer.transforms, std::vector<Transform>{Transform::kDotPrefix});
  EXPECT_EQ(r->options[2].buffer, BufferRef{});
  EXPECT_EQ(ParseOptions(R"(dotprefix; content:"a";)").status().message(),
            "dotprefix: needs a sticky buffer before it");
}

TEST(Content, LegacyModifiersMoveThePreviousContent) {
  auto r = ParseOptions(R"(content:"/admin"; http_uri; content:"Mozilla"; http_user_agent; uricontent:"x";)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->options[0].buffer.buffer, Buffer::kHttpUri);
  EXPECT_EQ(r->options[1].buffer.buffer, Buffer::kHttpUserAgent);
  EXPECT_EQ(r->options[2].buffer.buffer, Buffer::kHttpUri);
  EXPECT_EQ(ParseOptions(R"(http.header; content:"a"; http_uri;)").status().message(),
            "http_uri: the content is already bound to http.header");
  EXPECT_EQ(ParseOptions(R"(content:"a"; http_uri;)", "dns").status().message(),
            "http_uri: http.uri is a http buffer, the rule protocol is dns");
  // The newer buffers' underscore names are sticky, as in Suricata.
  auto sticky = ParseOptions(R"(http_content_type; content:"json";)");
  ASSERT_TRUE(sticky.ok());
  EXPECT_EQ(sticky->options[0].buffer.buffer, Buffer::kHttpContentType);
}

TEST(Content, FastPatternForms) {
  auto r = ParseOptions(R"(content:"abcdef"; fast_pattern:1,3; content:"longer content";)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->fast_pattern.has_value());
  EXPECT_EQ(r->fast_pattern->option_index, 0u);
  EXPECT_EQ(r->fast_pattern->bytes, "bcd");
  EXPECT_TRUE(r->fast_pattern->explicit_choice);
  auto only = ParseOptions(R"(content:"ab"; fast_pattern:only;)");
  ASSERT_TRUE(only.ok());
  EXPECT_TRUE(ContentAt(*only, 0).fast_pattern_only);
  EXPECT_EQ(ParseOptions(R"(content:"a"; fast_pattern; content:"b"; fast_pattern;)").status().message(),
            "fast_pattern: only one content of a rule may have it");
  EXPECT_EQ(ParseOptions(R"(content:"abc"; fast_pattern:2,5;)").status().message(),
            "fast_pattern: offset plus length exceeds the content length");
}

TEST(FastPattern, LongestNonNegatedThenStrongest) {
  auto r = ParseOptions(R"(content:!"a much longer negated one"; content:"GET "; content:"|00 01 02 03|"; nocase;)");
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->fast_pattern.has_value());
  // Same length: the binary pattern is rarer than "GET ".
  EXPECT_EQ(r->fast_pattern->option_index, 2u);
  EXPECT_TRUE(r->fast_pattern->nocase);
  EXPECT_FALSE(r->fast_pattern->explicit_choice);
  auto negated_only = ParseOptions(R"(content:!"ab"; content:!"abc";)");
  ASSERT_TRUE(negated_only.ok());
  EXPECT_EQ(negated_only->fast_pattern->option_index, 1u);
  auto http = ParseOptions(R"(http.uri; content:"/a"; http.user_agent; content:"curl/";)");
  ASSERT_TRUE(http.ok());
  EXPECT_EQ(http->fast_pattern->buffer.buffer, Buffer::kHttpUserAgent);
  EXPECT_FALSE(ParseOptions("dsize:0;")->fast_pattern.has_value());
}

}  // namespace
}  // namespace sw::detect
