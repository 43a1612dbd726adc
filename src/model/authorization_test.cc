// SPDX-License-Identifier: Apache-2.0
#include "model/authorization.h"

#include <gtest/gtest.h>

namespace sw::model {
namespace {

const Timestamp kNow = FromUnixMillis(1795305600000);  // 2026-11-22T00:00:00Z

TEST(Authorization, InForceOnlyWhileApprovedAndInPeriod) {
  ScanAuthorization a;
  a.status = AuthorizationStatus::kApproved;
  a.valid_from = kNow - std::chrono::hours(1);
  a.valid_until = kNow + std::chrono::hours(1);
  EXPECT_TRUE(IsInForce(a, kNow));
  EXPECT_FALSE(IsInForce(a, kNow + std::chrono::hours(1)));  // end is exclusive
  EXPECT_EQ(EffectiveStatus(a, kNow + std::chrono::hours(2)), AuthorizationStatus::kExpired);
  EXPECT_FALSE(IsInForce(a, kNow - std::chrono::hours(2)));
  a.status = AuthorizationStatus::kPending;
  EXPECT_FALSE(IsInForce(a, kNow));
  a.status = AuthorizationStatus::kRevoked;
  EXPECT_FALSE(IsInForce(a, kNow));
}

TEST(AuthorizationRequest, ValidatesPeriod) {
  auto ok = AuthorizationRequestFromJson(*ParseJson(R"({"valid_until":"2027-01-01T00:00:00Z"})"), kNow);
  ASSERT_TRUE(ok.ok());
  auto past = AuthorizationRequestFromJson(*ParseJson(R"({"valid_until":"2026-01-01T00:00:00Z"})"), kNow);
  EXPECT_EQ(past.status().field(), "valid_until");
  auto reversed = AuthorizationRequestFromJson(
      *ParseJson(R"({"valid_from":"2027-02-01T00:00:00Z","valid_until":"2027-01-01T00:00:00Z"})"), kNow);
  EXPECT_EQ(reversed.status().message(), "valid_until: must be after valid_from");
  auto too_long = AuthorizationRequestFromJson(*ParseJson(R"({"valid_until":"2029-01-01T00:00:00Z"})"), kNow);
  EXPECT_EQ(too_long.status().message(), "valid_until: an authorization may cover at most 366 days");
  auto bad_time = AuthorizationRequestFromJson(*ParseJson(R"({"valid_until":"soon"})"), kNow);
  EXPECT_EQ(bad_time.status().field(), "valid_until");
}

}  // namespace
}  // namespace sw::model
