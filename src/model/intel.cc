// SPDX-License-Identifier: Apache-2.0
#include "model/intel.h"

#include <algorithm>

namespace sw::model {

std::string EnterpriseOrg(const TenantId& tenant) { return "enterprise:" + tenant.str(); }
std::string PartnerOrg(const PartnerId& partner) { return "partner:" + partner.str(); }

bool IsOrgKey(std::string_view key) {
  if (key == kCenterOrg) return true;
  for (std::string_view prefix : {std::string_view("enterprise:"), std::string_view("partner:")}) {
    if (key.substr(0, prefix.size()) == prefix) return IsPlausibleId(key.substr(prefix.size()));
  }
  return false;
}

bool OrgInPatterns(std::string_view org, const std::vector<std::string>& patterns) {
  if (org.empty()) return false;
  if (org == kCenterOrg) return true;
  for (const auto& p : patterns) {
    if (p == "*" || p == org) return true;
    if (p.size() > 2 && p.substr(p.size() - 2) == ":*" && org.substr(0, p.size() - 1) == p.substr(0, p.size() - 1)) {
      return true;
    }
  }
  return false;
}

IntelReader IntelReader::Enterprise(const TenantId& tenant, const std::vector<PartnerId>& serving_partners) {
  IntelReader r{EnterpriseOrg(tenant), false, {std::string(kCenterOrg)}};
  for (const auto& p : serving_partners) r.amber_owners.push_back(PartnerOrg(p));
  return r;
}

IntelReader IntelReader::OfPartner(const PartnerId& partner) { return {PartnerOrg(partner), false, {}}; }

bool CanRead(const IntelReader& reader, std::string_view owner, Tlp tlp,
             const std::vector<std::string>& recipients) {
  if (reader.center || tlp == Tlp::kClear) return true;
  if (reader.org.empty()) return false;
  if (owner == reader.org) return true;
  switch (tlp) {
    case Tlp::kClear:
    case Tlp::kGreen:
      return true;
    case Tlp::kAmber:
      return std::find(reader.amber_owners.begin(), reader.amber_owners.end(), owner) != reader.amber_owners.end();
    case Tlp::kAmberStrict:
      return false;
    case Tlp::kRed:
      return std::find(recipients.begin(), recipients.end(), reader.org) != recipients.end();
  }
  return false;
}

}  // namespace sw::model
