// SPDX-License-Identifier: Apache-2.0
#include "model/tenant.h"

#include "model/codec_util.h"

namespace sw::model {
namespace {

// GB 32100-2015 code alphabet: digits and upper-case letters without I, O, S,
// V, Z; a character's value is its index here.
constexpr std::string_view kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kCreditWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

Status ReadName(ObjectReader& r, std::string_view key, std::optional<std::string>& out,
                size_t max_chars, bool required_nonempty) {
  std::optional<std::string> raw;
  SW_RETURN_IF_ERROR(r.OptString(key, raw, max_chars * 4));
  if (!raw) return {};
  std::string v = TrimSpaces(*raw);
  const std::string p = r.PathOf(key);
  if (required_nonempty && v.empty()) return InvalidArgument(p + ": must not be empty", p);
  if (Utf8Length(v) > max_chars) {
    return InvalidArgument(p + ": at most " + std::to_string(max_chars) + " characters", p);
  }
  for (unsigned char c : v) {
    if (c < 0x20 || c == 0x7f) return InvalidArgument(p + ": contains a control character", p);
  }
  out = std::move(v);
  return {};
}

Status ValidatePhone(const std::string& phone, const std::string& path) {
  if (phone.empty()) return {};
  int digits = 0;
  for (char c : phone) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != '+' && c != '-' && c != ' ' && c != '(' && c != ')') {
      return InvalidArgument(path + ": only digits, spaces and + - ( ) are allowed", path);
    }
  }
  if (digits < 5 || digits > 20) return InvalidArgument(path + ": 5 to 20 digits expected", path);
  return {};
}

Status ValidateEmail(const std::string& email, const std::string& path) {
  if (email.empty()) return {};
  const size_t at = email.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= email.size() ||
      email.find('@', at + 1) != std::string::npos || email.find('.', at) == std::string::npos ||
      email.find(' ') != std::string::npos) {
    return InvalidArgument(path + ": not an email address", path);
  }
  return {};
}

Result<std::vector<Contact>> ReadContacts(const json::value& v, const std::string& path) {
  if (!v.is_array()) return InvalidArgument(path + ": expected an array", path);
  const auto& a = v.get_array();
  if (a.size() > 20) return InvalidArgument(path + ": at most 20 contacts", path);
  std::vector<Contact> out;
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string ip = IndexPath(path, i);
    SW_ASSIGN_OR_RETURN(ObjectReader r, ObjectReader::Of(a[i], ip));
    std::optional<std::string> name, phone, email;
    SW_RETURN_IF_ERROR(ReadName(r, "name", name, 50, true));
    SW_RETURN_IF_ERROR(r.OptString("phone", phone, 32));
    SW_RETURN_IF_ERROR(r.OptString("email", email, 254));
    SW_RETURN_IF_ERROR(r.Finish());
    Contact c{name.value_or(""), TrimSpaces(phone.value_or("")), TrimSpaces(email.value_or(""))};
    if (c.name.empty()) return InvalidArgument(JoinPath(ip, "name") + ": required", JoinPath(ip, "name"));
    SW_RETURN_IF_ERROR(ValidatePhone(c.phone, JoinPath(ip, "phone")));
    SW_RETURN_IF_ERROR(ValidateEmail(c.email, JoinPath(ip, "email")));
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

char CreditCodeCheckCharacter(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    const size_t v = kCreditAlphabet.find(first17[i]);
    if (v == std::string_view::npos) return '\0';
    sum += static_cast<int>(v) * kCreditWeights[i];
  }
  const int check = (31 - sum % 31) % 31;
  return kCreditAlphabet[static_cast<size_t>(check)];
}

Status ValidateCreditCode(std::string_view code) {
  const std::string f = "credit_code";
  if (code.size() != 18) {
    return InvalidArgument("credit_code: must be 18 characters, got " + std::to_string(code.size()), f);
  }
  for (size_t i = 0; i < code.size(); ++i) {
    if (kCreditAlphabet.find(code[i]) == std::string_view::npos) {
      return InvalidArgument("credit_code: character " + std::to_string(i + 1) +
                                 " is not allowed (digits and upper-case letters except I O S V Z)",
                             f);
    }
  }
  // Position 1: registration authority; "Y" is reserved for other authorities.
  if (std::string_view("123456789ABCDEFGY").find(code[0]) == std::string_view::npos) {
    return InvalidArgument("credit_code: character 1 is not a registration authority code", f);
  }
  for (size_t i = 2; i < 8; ++i) {
    if (code[i] < '0' || code[i] > '9') {
      return InvalidArgument("credit_code: characters 3-8 must be the 6-digit division code", f);
    }
  }
  const char want = CreditCodeCheckCharacter(code.substr(0, 17));
  if (code[17] != want) {
    return InvalidArgument(std::string("credit_code: check character mismatch (expected ") + want +
                               ")",
                           f);
  }
  return {};
}

Result<TenantPatch> TenantPatchFromJson(const json::value& v) {
  SW_ASSIGN_OR_RETURN(ObjectReader r, ObjectReader::Of(v, ""));
  TenantPatch p;
  SW_RETURN_IF_ERROR(ReadName(r, "name", p.name, 100, true));
  SW_RETURN_IF_ERROR(r.OptString("credit_code", p.credit_code, 64));
  if (p.credit_code) {
    *p.credit_code = TrimSpaces(*p.credit_code);
    SW_RETURN_IF_ERROR(ValidateCreditCode(*p.credit_code));
  }
  SW_RETURN_IF_ERROR(ReadName(r, "industry", p.industry, 50, false));
  SW_RETURN_IF_ERROR(ReadName(r, "district", p.district, 50, false));
  if (const json::value* c = r.Get("contacts")) {
    SW_ASSIGN_OR_RETURN(auto contacts, ReadContacts(*c, "contacts"));
    p.contacts = std::move(contacts);
  }
  SW_RETURN_IF_ERROR(ReadOptEnum(r, "service_level", kServiceLevelNames, p.service_level));
  SW_RETURN_IF_ERROR(r.Finish());
  return p;
}

Status ApplyTenantPatch(const TenantPatch& p, bool creating, Tenant& t) {
  if (creating) {
    if (!p.name) return InvalidArgument("name: required", "name");
    if (!p.credit_code) return InvalidArgument("credit_code: required", "credit_code");
  }
  if (p.name) t.name = *p.name;
  if (p.credit_code) t.credit_code = *p.credit_code;
  if (p.industry) t.industry = *p.industry;
  if (p.district) t.district = *p.district;
  if (p.contacts) t.contacts = *p.contacts;
  if (p.service_level) t.service_level = *p.service_level;
  return {};
}

json::object ToJson(const Tenant& t) {
  json::object o;
  o.reserve(16);
  o["id"] = t.id.str();
  o["kind"] = NameIn(kTenantKindNames, t.kind);
  o["name"] = t.name;
  o["credit_code"] = t.credit_code;
  o["industry"] = t.industry;
  o["district"] = t.district;
  json::array contacts;
  for (const auto& c : t.contacts) {
    contacts.push_back(json::object{{"name", c.name}, {"phone", c.phone}, {"email", c.email}});
  }
  o["contacts"] = std::move(contacts);
  o["service_level"] = NameIn(kServiceLevelNames, t.service_level);
  o["asset_count"] = t.asset_count;
  o["created_at"] = TimeToJson(t.created_at);
  o["updated_at"] = TimeToJson(t.updated_at);
  return o;
}

Result<Tenant> TenantFromJson(const json::value& v) {
  SW_ASSIGN_OR_RETURN(ObjectReader r, ObjectReader::Of(v, ""));
  Tenant t;
  std::string id;
  SW_RETURN_IF_ERROR(r.String("id", id, kRequired, 64));
  t.id = TenantId(id);
  SW_RETURN_IF_ERROR(ReadEnum(r, "kind", kTenantKindNames, t.kind, kRequired));
  SW_RETURN_IF_ERROR(r.String("name", t.name, kRequired, 400));
  SW_RETURN_IF_ERROR(r.String("credit_code", t.credit_code, kOptional, 64));
  if (t.kind == TenantKind::kEnterprise) SW_RETURN_IF_ERROR(ValidateCreditCode(t.credit_code));
  SW_RETURN_IF_ERROR(r.String("industry", t.industry, kOptional, 200));
  SW_RETURN_IF_ERROR(r.String("district", t.district, kOptional, 200));
  if (const json::value* c = r.Get("contacts")) {
    SW_ASSIGN_OR_RETURN(t.contacts, ReadContacts(*c, "contacts"));
  }
  SW_RETURN_IF_ERROR(ReadEnum(r, "service_level", kServiceLevelNames, t.service_level, kOptional));
  SW_RETURN_IF_ERROR(r.Int("asset_count", t.asset_count, kOptional));
  SW_RETURN_IF_ERROR(ReadTime(r, "created_at", t.created_at, kRequired));
  SW_RETURN_IF_ERROR(ReadTime(r, "updated_at", t.updated_at, kRequired));
  SW_RETURN_IF_ERROR(r.Finish());
  return t;
}

}  // namespace sw::model
