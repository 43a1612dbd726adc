// SPDX-License-Identifier: Apache-2.0
//
// AlertService: a sensor's batch with a bad event keeps the good ones;
// re-sent events are duplicates; only sensor tokens may report; a sensor of
// the center files each alert under the enterprise whose registered network
// it concerns.
#include <gtest/gtest.h>

#include "support/platform_fixture.h"

namespace sw::service {
namespace {

json::value Batch(const std::string& text) { return *ParseJson(text); }

std::string Event(const std::string& id, const std::string& dest, int sid) {
  return R"({"id":")" + id + R"(","event":{"event_type":"alert","timestamp":"2026-11-22T01:02:03.000000+0000","src_ip":"192.0.2.66","dest_ip":")" +
         dest + R"(","alert":{"signature_id":)" + std::to_string(sid) + R"(,"signature":"ET TEST","severity":2}}})";
}

class AlertServiceTest : public sw::testing::PlatformFixture {
 protected:
  Principal Sensor(const model::TenantId& tenant) {
    Principal p;
    p.kind = Principal::Kind::kToken;
    p.id = "tok-" + tenant.str();
    p.name = "token:edge";
    p.tenant_id = tenant;
    p.scopes = {"read", "ingest:events", "intel:read"};
    p.role = model::IsCenterRole(model::Role::kCenterAnalyst) && tenant == model::CenterTenantId()
                 ? model::Role::kCenterAnalyst
                 : model::Role::kTenantMember;
    return p;
  }
};

TEST_F(AlertServiceTest, BadEventsAreRejectedOneByOneAndDuplicatesCounted) {
  auto a = MakeTenant("甲公司", "91440300708461136T");
  const std::string batch = R"({"events":[)" + Event("e1", "10.0.0.1", 1) +
                            R"(,{"id":"e2","event":{"event_type":"alert","timestamp":"2026-11-22T01:02:03Z","alert":{}}},)" +
                            R"({"id":"e3","event":{"event_type":"flow"}},)" + Event("e4", "10.0.0.2", 2) + "]}";
  auto r = platform_->alerts.Ingest(Sensor(a.id), Batch(batch));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->accepted, 2u);
  EXPECT_EQ(r->ignored, 1u);
  ASSERT_EQ(r->rejected.size(), 1u);
  EXPECT_EQ(r->rejected[0].index, 1u);
  EXPECT_EQ(r->rejected[0].reason, "events[1].event.alert.signature_id: required");
  auto again = platform_->alerts.Ingest(Sensor(a.id), Batch(batch));
  EXPECT_EQ(again->accepted, 0u);
  EXPECT_EQ(again->duplicates, 2u);
  auto list = platform_->alerts.List(admin_, {.tenant = a.id});
  ASSERT_EQ(list->items.size(), 2u);
  EXPECT_EQ(list->items[0].event_id, "e4");  // newest first, batch order kept
  EXPECT_EQ(list->items[0].sensor_name, "edge");
  // People may read alerts but not report them.
  EXPECT_EQ(platform_->alerts.Ingest(admin_, Batch(batch)).status().code(), StatusCode::kPermissionDenied);
}

TEST_F(AlertServiceTest, CenterSensorsFileAlertsUnderTheEnterpriseOfTheNetwork) {
  auto a = MakeTenant("甲公司", "91440300708461136T");
  auto b = MakeTenant("乙公司", "91110000600037341L");
  MakeAsset(admin_, a.id, "203.0.113.0/24");
  MakeAsset(admin_, b.id, "198.51.100.7");
  const std::string batch = R"({"events":[)" + Event("c1", "203.0.113.9", 1) + "," + Event("c2", "198.51.100.7", 1) +
                            "," + Event("c3", "192.0.2.200", 1) + "]}";
  auto r = platform_->alerts.Ingest(Sensor(model::CenterTenantId()), Batch(batch));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->accepted, 3u);
  EXPECT_EQ(platform_->alerts.List(admin_, {.tenant = a.id})->items.size(), 1u);
  EXPECT_EQ(platform_->alerts.List(admin_, {.tenant = b.id})->items.size(), 1u);
  auto center = platform_->alerts.List(admin_, {.tenant = model::CenterTenantId()});
  ASSERT_EQ(center->items.size(), 1u);
  EXPECT_EQ(center->items[0].event_id, "c3");
  // An enterprise's own sensor never files into another enterprise.
  auto own = platform_->alerts.Ingest(Sensor(b.id), Batch(R"({"events":[)" + Event("x1", "203.0.113.9", 1) + "]}"));
  EXPECT_EQ(own->accepted, 1u);
  EXPECT_EQ(platform_->alerts.List(admin_, {.tenant = a.id})->items.size(), 1u);
}

}  // namespace
}  // namespace sw::service
