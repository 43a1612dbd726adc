// SPDX-License-Identifier: Apache-2.0
#include "api/session_cookie.h"

namespace sw::api {

std::string SessionCookie(const std::string& secret, Timestamp expires_at) {
  const auto now = std::chrono::system_clock::now();
  const auto max_age = std::chrono::duration_cast<std::chrono::seconds>(expires_at - now).count();
  return std::string(kSessionCookieName) + "=" + secret + "; Path=/; Max-Age=" +
         std::to_string(max_age > 0 ? max_age : 0) + "; HttpOnly; Secure; SameSite=Strict";
}

std::string ExpiredSessionCookie() {
  return std::string(kSessionCookieName) + "=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict";
}

std::string ReadSessionCookie(std::string_view header) {
  while (!header.empty()) {
    const size_t semi = header.find(';');
    std::string_view pair = header.substr(0, semi);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == kSessionCookieName) {
      return std::string(pair.substr(eq + 1));
    }
    if (semi == std::string_view::npos) break;
    header.remove_prefix(semi + 1);
  }
  return {};
}

}  // namespace sw::api
