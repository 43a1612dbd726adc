// SPDX-License-Identifier: Apache-2.0
#include "core/status.h"

#include <gtest/gtest.h>

namespace sw {
namespace {

Result<int> Half(int v) {
  if (v % 2 != 0) return InvalidArgument("odd", "v");
  return v / 2;
}

Result<int> Quarter(int v) {
  SW_ASSIGN_OR_RETURN(int h, Half(v));
  SW_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

TEST(Status, OkAndErrors) {
  EXPECT_TRUE(Status().ok());
  Status s = InvalidArgument("credit_code: check character mismatch", "credit_code");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "credit_code");
  EXPECT_EQ(s.ToString(), "invalid_argument: credit_code: check character mismatch");
  EXPECT_EQ(s.WithContext("row 3").message(), "row 3: credit_code: check character mismatch");
}

TEST(Result, ValueOrStatusAndMacros) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);  // 6 -> 3 -> odd
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "odd");
}

TEST(Result, OkStatusIsNeverAValue) {
  Result<int> r{Status()};
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

TEST(StatusCodeName, CanonicalNames) {
  EXPECT_EQ(StatusCodeName(StatusCode::kNotFound), "not_found");
  EXPECT_EQ(StatusCodeName(StatusCode::kResourceExhausted), "resource_exhausted");
}

}  // namespace
}  // namespace sw
