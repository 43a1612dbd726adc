// SPDX-License-Identifier: Apache-2.0
//
// Tenant: the service center itself (one, id "center") or an enterprise it
// protects. An enterprise is identified by its 统一社会信用代码 (unified social
// credit code, GB 32100-2015), validated with its check character. Values are
// plain data: safe to copy between threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/json.h"
#include "core/status.h"
#include "core/time.h"
#include "model/enum_names.h"

namespace sw::model {

using TenantId = StrongId<struct TenantIdTag>;

// The service center's own tenant.
inline TenantId CenterTenantId() { return TenantId("center"); }

enum class TenantKind { kCenter, kEnterprise };
inline constexpr EnumTable<TenantKind, 2> kTenantKindNames{
    {{TenantKind::kCenter, "center"}, {TenantKind::kEnterprise, "enterprise"}}};

enum class ServiceLevel { kBasic, kStandard, kPremium };
inline constexpr EnumTable<ServiceLevel, 3> kServiceLevelNames{{{ServiceLevel::kBasic, "basic"},
                                                                {ServiceLevel::kStandard, "standard"},
                                                                {ServiceLevel::kPremium, "premium"}}};

struct Contact {
  std::string name;
  std::string phone;
  std::string email;
  bool operator==(const Contact&) const = default;
};

struct Tenant {
  TenantId id;
  TenantKind kind = TenantKind::kEnterprise;
  std::string name;
  std::string credit_code;  // empty only for the center
  std::string industry;
  std::string district;
  std::vector<Contact> contacts;
  ServiceLevel service_level = ServiceLevel::kBasic;
  Timestamp created_at;
  Timestamp updated_at;
  int64_t asset_count = 0;  // derived, filled by reads
};

// The writable fields of a tenant; absent fields are left unchanged.
struct TenantPatch {
  std::optional<std::string> name;
  std::optional<std::string> credit_code;
  std::optional<std::string> industry;
  std::optional<std::string> district;
  std::optional<std::vector<Contact>> contacts;
  std::optional<ServiceLevel> service_level;
};

// Checks an 18-character unified social credit code: character set, the
// registration-authority and type positions, the 6-digit division code, and the
// check character (weights 3^i mod 31, GB 32100-2015 clause 5). Upper-cases
// nothing: codes are written in upper case; lower case is an error.
Status ValidateCreditCode(std::string_view code);

// The check character the first 17 characters call for, or '\0' when they
// contain a character outside the code's alphabet.
char CreditCodeCheckCharacter(std::string_view first17);

// Decodes a create or update body. Validates every present field.
Result<TenantPatch> TenantPatchFromJson(const json::value& v);
// Applies `patch` to `t`. For create, REQUIRES name and credit_code present
// (checked here: returns InvalidArgument naming the missing field).
Status ApplyTenantPatch(const TenantPatch& patch, bool creating, Tenant& t);

json::object ToJson(const Tenant& t);
// Full decode, for round trips and tests; rejects unknown fields.
Result<Tenant> TenantFromJson(const json::value& v);

}  // namespace sw::model
