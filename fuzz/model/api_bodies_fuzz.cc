// SPDX-License-Identifier: Apache-2.0
//
// Every request body the API decodes, from arbitrary bytes: JSON parsing with
// limits, then each model codec. Must never crash, hang or leak; a decoded
// tenant must re-encode and decode to the same JSON.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/json.h"
#include "model/asset.h"
#include "model/authorization.h"
#include "model/tenant.h"
#include "model/user.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sw;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto v = ParseJson(text);
  if (!v.ok()) return 0;
  const Timestamp now = FromUnixMillis(1795305600000);
  if (auto p = model::TenantPatchFromJson(*v); p.ok()) {
    model::Tenant t;
    t.id = model::TenantId("T");
    if (model::ApplyTenantPatch(*p, false, t).ok() && !t.credit_code.empty()) {
      auto back = model::TenantFromJson(model::ToJson(t));
      if (back.ok() && ToJson(model::ToJson(*back)) != ToJson(model::ToJson(t))) __builtin_trap();
    }
  }
  if (auto p = model::AssetPatchFromJson(*v); p.ok()) {
    model::Asset a;
    (void)model::ApplyAssetPatch(*p, true, a);
  }
  (void)model::UserCreateFromJson(*v);
  (void)model::UserPatchFromJson(*v);
  (void)model::TokenCreateFromJson(*v, now);
  (void)model::AuthorizationRequestFromJson(*v, now);
  (void)model::TenantFromJson(*v);
  return 0;
}
