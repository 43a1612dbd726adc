// SPDX-License-Identifier: Apache-2.0
//
// The session cookie: name, attributes (HttpOnly, Secure, SameSite=Strict,
// Path=/), and reading it back from a Cookie header. Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/time.h"

namespace sw::api {

inline constexpr std::string_view kSessionCookieName = "sw_session";

std::string SessionCookie(const std::string& secret, Timestamp expires_at);
std::string ExpiredSessionCookie();
// The value of sw_session in a Cookie header, or "".
std::string ReadSessionCookie(std::string_view cookie_header);

}  // namespace sw::api
