// SPDX-License-Identifier: Apache-2.0
#include "packet/app/http.h"

#include <gtest/gtest.h>

namespace sw::packet::app {
namespace {

Bytes B(std::string_view s) { return Bytes(reinterpret_cast<const uint8_t*>(s.data()), s.size()); }

TEST(HttpParser, PipelinedRequestsSplitAnywhere) {
  const std::string wire =
      "GET /a?x=1 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: curl/7.88\r\n\r\n"
      "POST /login HTTP/1.1\r\nHost: example.com\r\nContent-Length: 11\r\n\r\nuser=admin&";
  // Every split point must give the same two messages.
  for (size_t cut = 0; cut <= wire.size(); cut += 7) {
    HttpParser p(HttpParser::Side::kRequest);
    std::vector<HttpMessage> got;
    auto on = [&](HttpMessage&& m) { got.push_back(std::move(m)); };
    p.Feed(B(std::string_view(wire).substr(0, cut)), on);
    p.Feed(B(std::string_view(wire).substr(cut)), on);
    ASSERT_EQ(got.size(), 2u) << cut;
    EXPECT_EQ(got[0].method, "GET");
    EXPECT_EQ(got[0].uri, "/a?x=1");
    EXPECT_EQ(got[0].Header("host"), "example.com");
    EXPECT_EQ(got[0].Header("USER-AGENT"), "curl/7.88");
    EXPECT_EQ(got[1].method, "POST");
    EXPECT_EQ(got[1].body, "user=admin&");
    EXPECT_EQ(got[1].body_length, 11u);
  }
}

TEST(HttpParser, ChunkedHeadAndCloseDelimitedResponses) {
  HttpParser p(HttpParser::Side::kResponse);
  std::vector<HttpMessage> got;
  auto on = [&](HttpMessage&& m) { got.push_back(std::move(m)); };
  p.ExpectResponseTo("GET");
  p.ExpectResponseTo("HEAD");
  p.ExpectResponseTo("GET");
  p.Feed(B("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n"
           "HTTP/1.1 200 OK\r\nContent-Length: 999\r\n\r\n"
           "HTTP/1.0 404 Not Found\r\nServer: nginx\r\n\r\nnot here"),
         on);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].body, "hello world");
  EXPECT_EQ(got[1].body_length, 0u);  // HEAD: no body whatever Content-Length says
  p.Finish(on);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[2].status, 404);
  EXPECT_EQ(got[2].reason, "Not Found");
  EXPECT_EQ(got[2].body, "not here");
}

TEST(HttpParser, AHeadCutOffByTheCloseStillCountsOnceItsFirstLineIsComplete) {
  HttpParser p(HttpParser::Side::kRequest);
  std::vector<HttpMessage> got;
  auto on = [&](HttpMessage&& m) { got.push_back(std::move(m)); };
  p.Feed(B("POST /now_this_is_big HTTP/1.0\r\nUser-Agent: Mozilla/1.0\r\n"), on);
  EXPECT_TRUE(got.empty());
  p.Finish(on);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].uri, "/now_this_is_big");
  EXPECT_EQ(got[0].Header("User-Agent"), "Mozilla/1.0");
  HttpParser q(HttpParser::Side::kRequest);
  q.Feed(B("GET /only-half"), on);
  q.Finish(on);
  EXPECT_EQ(got.size(), 1u);  // no complete request line: nothing
}

TEST(HttpParser, BodyIsBoundedAndGarbageFails) {
  HttpParser p(HttpParser::Side::kRequest, /*max_body=*/4);
  std::vector<HttpMessage> got;
  auto on = [&](HttpMessage&& m) { got.push_back(std::move(m)); };
  p.Feed(B("PUT /f HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789"), on);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].body, "0123");
  EXPECT_TRUE(got[0].body_truncated);
  EXPECT_EQ(got[0].body_length, 10u);
  HttpParser q(HttpParser::Side::kResponse);
  q.Feed(B("HTTP/1.1 2x0 Huh\r\n\r\n"), on);
  EXPECT_TRUE(q.failed());
  HttpParser r(HttpParser::Side::kRequest);
  r.Feed(B(std::string(70000, 'A')), on);  // a head that never ends
  EXPECT_TRUE(r.failed());
}

}  // namespace
}  // namespace sw::packet::app
