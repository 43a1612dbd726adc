// SPDX-License-Identifier: Apache-2.0
#include "packet/app/http_decode.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace sw::packet::app {
namespace {

std::string Compress(const std::string& in, int bits) {
  z_stream z{};
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, bits, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, in.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

TEST(HttpDecode, GzipDeflateRawDeflateAndBombs) {
  const std::string page = "<html><script>eval(unescape('%u9090'))</script></html>";
  EXPECT_EQ(DecodeBody("gzip", Compress(page, 15 + 16)), page);
  EXPECT_EQ(DecodeBody("Deflate", Compress(page, 15)), page);
  EXPECT_EQ(DecodeBody("deflate", Compress(page, -15)), page);
  EXPECT_FALSE(DecodeBody("br", "whatever").has_value());
  EXPECT_FALSE(DecodeBody("gzip", "not compressed at all").has_value());
  // 50 MB of zeros compress to ~50 KB; decoding stops at the bound.
  const std::string bomb = Compress(std::string(50 << 20, '\0'), 15 + 16);
  auto out = DecodeBody("gzip", bomb, 1 << 20);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->size(), size_t{1} << 20);
}

}  // namespace
}  // namespace sw::packet::app
