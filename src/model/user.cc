// SPDX-License-Identifier: Apache-2.0
#include "model/user.h"

#include <algorithm>
#include <cctype>

#include "model/codec_util.h"

namespace sw::model {

Status ValidateUsername(std::string_view u) {
  if (u.size() < 3 || u.size() > 64) {
    return InvalidArgument("username: 3 to 64 characters expected", "username");
  }
  if (!std::isalnum(static_cast<unsigned char>(u[0]))) {
    return InvalidArgument("username: must start with a letter or digit", "username");
  }
  for (char c : u) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                    c == '-' || c == '@';
    if (!ok) {
      return InvalidArgument("username: only lower-case letters, digits and . _ - @ are allowed",
                             "username");
    }
  }
  return {};
}

json::object ToJson(const User& u) {
  json::object o;
  o.reserve(16);
  o["id"] = u.id.str();
  o["tenant_id"] = u.tenant_id.str();
  o["tenant_name"] = u.tenant_name;
  o["username"] = u.username;
  o["display_name"] = u.display_name;
  o["role"] = NameIn(kRoleNames, u.role);
  o["disabled"] = u.disabled;
  o["must_change_password"] = u.must_change_password;
  o["created_at"] = TimeToJson(u.created_at);
  o["last_login_at"] = TimeToJson(u.last_login_at);
  return o;
}

Result<UserCreate> UserCreateFromJson(const json::value& v) {
  SW_ASSIGN_OR_RETURN(ObjectReader r, ObjectReader::Of(v, ""));
  UserCreate c;
  SW_RETURN_IF_ERROR(r.String("username", c.username, kRequired, 64));
  std::transform(c.username.begin(), c.username.end(), c.username.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  SW_RETURN_IF_ERROR(ValidateUsername(c.username));
  SW_RETURN_IF_ERROR(r.String("display_name", c.display_name, kOptional, 200));
  c.display_name = TrimSpaces(c.display_name);
  SW_RETURN_IF_ERROR(ReadEnum(r, "role", kRoleNames, c.role, kRequired));
  SW_RETURN_IF_ERROR(r.String("password", c.password, kRequired, 1024));
  SW_RETURN_IF_ERROR(r.Finish());
  return c;
}

Result<UserPatch> UserPatchFromJson(const json::value& v) {
  SW_ASSIGN_OR_RETURN(ObjectReader r, ObjectReader::Of(v, ""));
  UserPatch p;
  SW_RETURN_IF_ERROR(r.OptString("display_name", p.display_name, 200));
  if (p.display_name) *p.display_name = TrimSpaces(*p.display_name);
  SW_RETURN_IF_ERROR(ReadOptEnum(r, "role", kRoleNames, p.role));
  if (r.Has("disabled")) {
    bool d = false;
    SW_RETURN_IF_ERROR(r.Bool("disabled", d, kRequired));
    p.disabled = d;
  } else {
    r.Get("disabled");
  }
  SW_RETURN_IF_ERROR(r.Finish());
  return p;
}

std::vector<std::string> ScopesForTokenKind(TokenKind kind) {
  switch (kind) {
    case TokenKind::kSensor: return {"read", "ingest:events", "intel:read"};
    case TokenKind::kAgent: return {"ingest:events", "ingest:inventory"};
    case TokenKind::kWorker: return {"read", "scan:jobs", "ingest:findings"};
    case TokenKind::kReadOnly: return {"read"};
    // Exchanging intelligence (TAXII) and nothing else: no "read", so it sees
    // no enterprise, asset or alert.
    case TokenKind::kIntelExchange: return {"intel:read", "intel:write"};
  }
  return {};
}

Result<TokenCreate> TokenCreateFromJson(const json::value& v, Timestamp now) {
  SW_ASSIGN_OR_RETURN(ObjectReader r, ObjectReader::Of(v, ""));
  TokenCreate c;
  SW_RETURN_IF_ERROR(r.String("name", c.name, kRequired, 400));
  c.name = TrimSpaces(c.name);
  if (c.name.empty()) return InvalidArgument("name: must not be empty", "name");
  if (Utf8Length(c.name) > 100) return InvalidArgument("name: at most 100 characters", "name");
  SW_RETURN_IF_ERROR(ReadEnum(r, "kind", kTokenKindNames, c.kind, kRequired));
  SW_RETURN_IF_ERROR(ReadOptTime(r, "expires_at", c.expires_at));
  SW_RETURN_IF_ERROR(r.Finish());
  if (c.expires_at && *c.expires_at <= now) {
    return InvalidArgument("expires_at: must be in the future", "expires_at");
  }
  return c;
}

json::object ToJson(const ApiToken& t) {
  json::object o;
  o.reserve(16);
  o["id"] = t.id.str();
  o["tenant_id"] = t.tenant_id.str();
  o["name"] = t.name;
  o["kind"] = NameIn(kTokenKindNames, t.kind);
  o["scopes"] = StringsToJson(t.scopes);
  o["prefix"] = t.prefix;
  o["created_by"] = t.created_by;
  o["created_at"] = TimeToJson(t.created_at);
  o["expires_at"] = TimeToJson(t.expires_at);
  o["revoked_at"] = TimeToJson(t.revoked_at);
  o["last_used_at"] = TimeToJson(t.last_used_at);
  return o;
}

}  // namespace sw::model
