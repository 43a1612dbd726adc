// SPDX-License-Identifier: Apache-2.0
#include "service/auth_service.h"

#include "core/crypto.h"
#include "core/ids.h"
#include "service/audit_log.h"
#include "service/passwords.h"
#include "service/permissions.h"

namespace sw::service {
namespace {

constexpr const char* kBadCredentials = "invalid username or password";

Principal PrincipalOf(const model::User& u, const std::string& source_ip) {
  Principal p;
  p.kind = Principal::Kind::kUser;
  p.id = u.id.str();
  p.name = u.username;
  p.tenant_id = u.tenant_id;
  p.role = u.role;
  p.source_ip = source_ip;
  p.must_change_password = u.must_change_password;
  return p;
}

}  // namespace

AuthService::AuthService(ServiceContext& ctx)
    : ctx_(ctx),
      per_address_(ctx.auth.login_attempts_per_minute, ctx.auth.login_attempts_per_minute) {
  // A real hash with the configured cost, so a login for an unknown user
  // takes as long as one with a wrong password.
  auto h = HashPassword(RandomToken(16), ctx.auth);
  if (h.ok()) dummy_hash_ = *h;
}

Result<LoginResult> AuthService::Login(const std::string& username, const std::string& password,
                                       const std::string& source_ip) {
  const Timestamp now = ctx_.clock.Now();
  Principal anonymous;
  anonymous.kind = Principal::Kind::kUser;
  anonymous.name = username.substr(0, 64);
  anonymous.source_ip = source_ip;
  anonymous.tenant_id = model::CenterTenantId();

  if (!per_address_.Allow(source_ip, now)) {
    RecordDenied(ctx_, anonymous,
                 {.action = "auth.login", .tenant = model::CenterTenantId(), .object_type = "user",
                  .after = json::object{{"reason", "rate_limited"}}});
    return ResourceExhausted("too many login attempts from this address; try again in a minute");
  }

  model::User user;
  {
    SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
    auto found = tx->users().FindByUsername(username);
    if (!found.ok()) {
      if (found.status().code() != StatusCode::kNotFound) return found.status();
      (void)VerifyPassword(dummy_hash_, password);
      RecordDenied(ctx_, anonymous,
                   {.action = "auth.login", .tenant = model::CenterTenantId(), .object_type = "user",
                    .after = json::object{{"reason", "unknown_user"}}});
      return Unauthenticated(kBadCredentials);
    }
    user = std::move(*found);
  }
  Principal who = PrincipalOf(user, source_ip);
  if (user.locked_until && *user.locked_until > now) {
    RecordDenied(ctx_, who,
                 {.action = "auth.login", .tenant = user.tenant_id, .object_type = "user",
                  .object_id = user.id.str(), .after = json::object{{"reason", "locked"}}});
    return ResourceExhausted("account temporarily locked after repeated failed logins; try again after " +
                             FormatRfc3339(*user.locked_until));
  }

  // The slow, memory-hard check runs outside any transaction.
  const bool password_ok = VerifyPassword(user.password_hash, password);
  std::string rehash;
  if (password_ok && NeedsRehash(user.password_hash, ctx_.auth)) {
    auto h = HashPassword(password, ctx_.auth);
    if (h.ok()) rehash = *h;
  }

  if (!password_ok || user.disabled) {
    Status s = InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Status {
      // Re-read: concurrent failures must all count.
      SW_ASSIGN_OR_RETURN(model::User u, tx.users().FindByUsername(username));
      std::string reason = user.disabled ? "disabled" : "bad_password";
      if (!password_ok) {
        u.failed_logins += 1;
        if (u.failed_logins >= ctx_.auth.max_failed_logins) {
          u.failed_logins = 0;
          u.locked_until = now + ctx_.auth.lockout;
          reason = "bad_password_locked";
        }
        SW_RETURN_IF_ERROR(tx.users().Update(ScopeIssuer::System(), u));
      }
      return Record(tx, who, now,
                    {.action = "auth.login", .tenant = u.tenant_id, .object_type = "user",
                     .object_id = u.id.str(), .after = json::object{{"reason", reason}},
                     .outcome = model::AuditOutcome::kDenied});
    });
    if (!s.ok()) return s;
    return Unauthenticated(kBadCredentials);
  }

  LoginResult out;
  out.session_secret = RandomToken(32);
  out.csrf_token = RandomToken(32);
  out.expires_at = now + ctx_.auth.session_ttl;
  Status s = InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Status {
    SW_ASSIGN_OR_RETURN(model::User u, tx.users().FindByUsername(username));
    u.failed_logins = 0;
    u.locked_until.reset();
    u.last_login_at = now;
    if (!rehash.empty()) u.password_hash = rehash;
    SW_RETURN_IF_ERROR(tx.users().Update(ScopeIssuer::System(), u));
    SW_RETURN_IF_ERROR(tx.credentials().DeleteExpiredSessions(now));
    SW_RETURN_IF_ERROR(tx.credentials().InsertSession(
        {Sha256Hex(out.session_secret), u.id, out.csrf_token, source_ip, now, out.expires_at}));
    out.user = std::move(u);
    return Record(tx, who, now,
                  {.action = "auth.login", .tenant = out.user.tenant_id, .object_type = "user",
                   .object_id = out.user.id.str()});
  });
  if (!s.ok()) return s;
  return out;
}

Status AuthService::Logout(const std::string& session_secret, const Principal& who) {
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Status {
    SW_RETURN_IF_ERROR(tx.credentials().DeleteSession(Sha256Hex(session_secret)));
    return Record(tx, who, ctx_.clock.Now(),
                  {.action = "auth.logout", .tenant = who.tenant_id, .object_type = "user",
                   .object_id = who.id});
  });
}

Result<SessionInfo> AuthService::AuthenticateSession(const std::string& session_secret,
                                                     const std::string& source_ip) {
  if (session_secret.empty() || session_secret.size() > 128) return Unauthenticated("not logged in");
  SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
  auto session = tx->credentials().FindSession(Sha256Hex(session_secret));
  if (!session.ok()) {
    if (session.status().code() == StatusCode::kNotFound) return Unauthenticated("not logged in");
    return session.status();
  }
  if (session->expires_at <= ctx_.clock.Now()) return Unauthenticated("session expired; log in again");
  auto user = tx->users().Get(ScopeIssuer::System(), session->user_id);
  if (!user.ok() || user->disabled) return Unauthenticated("not logged in");
  SessionInfo info{PrincipalOf(*user, source_ip), std::move(*user), session->csrf_token};
  return info;
}

Result<Principal> AuthService::AuthenticateToken(const std::string& bearer,
                                                 const std::string& source_ip) {
  if (bearer.size() < 10 || bearer.size() > 200 || bearer.rfind("sw_", 0) != 0) {
    return Unauthenticated("invalid API token");
  }
  const Timestamp now = ctx_.clock.Now();
  model::ApiToken token;
  {
    SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
    auto found = tx->credentials().FindToken(Sha256Hex(bearer));
    if (!found.ok()) {
      if (found.status().code() == StatusCode::kNotFound) return Unauthenticated("invalid API token");
      return found.status();
    }
    token = std::move(*found);
  }
  if (token.revoked_at) return Unauthenticated("API token revoked");
  if (token.expires_at && *token.expires_at <= now) return Unauthenticated("API token expired");
  // Recording every use would turn each read into a write; once a minute is
  // enough to answer "is this token still used?".
  if (!token.last_used_at || now - *token.last_used_at > std::chrono::minutes(1)) {
    (void)InWriteTransaction(ctx_.store, [&](store::Transaction& tx) {
      return tx.credentials().TouchToken(token.id, now);
    });
  }
  Principal p;
  p.kind = Principal::Kind::kToken;
  p.id = token.id.str();
  p.name = "token:" + token.name;
  p.tenant_id = token.tenant_id;
  p.role = token.tenant_id == model::CenterTenantId() ? model::Role::kCenterAnalyst
                                                      : model::Role::kTenantMember;
  p.scopes = token.scopes;
  p.source_ip = source_ip;
  return p;
}

Status AuthService::ChangePassword(const Principal& who, const std::string& current,
                                   const std::string& next, const std::string& keep_session_secret) {
  if (who.kind != Principal::Kind::kUser) return PermissionDenied("only users have passwords");
  model::User user;
  {
    SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
    SW_ASSIGN_OR_RETURN(user, tx->users().Get(ScopeIssuer::System(), model::UserId(who.id)));
  }
  if (!VerifyPassword(user.password_hash, current)) {
    RecordDenied(ctx_, who,
                 {.action = "auth.password_change", .tenant = who.tenant_id, .object_type = "user",
                  .object_id = who.id});
    return InvalidArgument("current_password: incorrect", "current_password");
  }
  SW_RETURN_IF_ERROR(CheckPasswordPolicy(next, user.username, "new_password"));
  if (next == current) {
    return InvalidArgument("new_password: must differ from the current password", "new_password");
  }
  SW_ASSIGN_OR_RETURN(std::string hash, HashPassword(next, ctx_.auth));
  const Timestamp now = ctx_.clock.Now();
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Status {
    SW_ASSIGN_OR_RETURN(model::User u, tx.users().Get(ScopeIssuer::System(), user.id));
    u.password_hash = hash;
    u.must_change_password = false;
    SW_RETURN_IF_ERROR(tx.users().Update(ScopeIssuer::System(), u));
    // Other sessions (a stolen cookie, say) end with the old password.
    SW_RETURN_IF_ERROR(tx.credentials().DeleteSessionsOfUser(
        u.id, keep_session_secret.empty() ? std::string() : Sha256Hex(keep_session_secret)));
    return Record(tx, who, now,
                  {.action = "auth.password_change", .tenant = u.tenant_id, .object_type = "user",
                   .object_id = u.id.str()});
  });
}

}  // namespace sw::service
