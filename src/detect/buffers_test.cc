// SPDX-License-Identifier: Apache-2.0
#include "detect/buffers.h"

#include <gtest/gtest.h>

namespace sw::detect {
namespace {

TEST(Buffers, TableIsInEnumOrderAndLookupsWork) {
  for (int i = 0; i <= static_cast<int>(Buffer::kSshSoftware); ++i) {
    EXPECT_EQ(static_cast<int>(Info(static_cast<Buffer>(i)).id), i);
  }
  EXPECT_EQ(FindStickyBuffer("file_data")->id, Buffer::kFileData);
  EXPECT_EQ(FindStickyBuffer("dns_query")->id, Buffer::kDnsQuery);
  EXPECT_EQ(FindStickyBuffer("http_uri"), nullptr);  // a content modifier, not sticky
  EXPECT_EQ(FindLegacyModifier("http_client_body")->id, Buffer::kHttpRequestBody);
  EXPECT_EQ(FindLegacyModifier("http_raw_uri")->id, Buffer::kHttpUriRaw);
  EXPECT_EQ(FindPcreBufferFlag('U')->id, Buffer::kHttpUri);
  EXPECT_EQ(FindPcreBufferFlag('i'), nullptr);
  EXPECT_EQ(FindTransform("dotprefix"), Transform::kDotPrefix);
  EXPECT_EQ(TransformName(Transform::kUrlDecode), "url_decode");
  EXPECT_FALSE(FindTransform("pcrexform").has_value());
}

}  // namespace
}  // namespace sw::detect
