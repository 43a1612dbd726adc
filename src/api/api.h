// SPDX-License-Identifier: Apache-2.0
//
// Api: the platform's HTTP front end as one handler function. It routes
// /api/v1/* through the route table (authentication by session cookie or
// bearer token, CSRF check on cookie-authenticated mutations, the one error
// shape), serves the console for every other path, and adds security headers
// to every response. Networking is the server's job (sys/https_server.h);
// this class is pure request -> response and is tested without sockets.
// Thread-safe: Handle() is called concurrently.
#pragma once

#include <string>

#include "api/router.h"
#include "api/static_files.h"
#include "service/platform.h"
#include "sys/http_types.h"

namespace sw::api {

struct ApiOptions {
  std::string console_dir;  // built console (web/dist); may be missing
  bool tls = true;          // adds HSTS
};

class Api {
 public:
  Api(service::Platform& platform, ApiOptions options);
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  sys::HttpResponse Handle(const sys::HttpRequest& request);
  const Router& router() const { return router_; }

 private:
  sys::HttpResponse HandleApi(const sys::HttpRequest& request, const std::string& path,
                              std::map<std::string, std::string> query);
  void AddSecurityHeaders(sys::HttpResponse& r, bool api) const;

  service::Platform& platform_;
  const ApiOptions options_;
  Router router_;
  StaticFiles console_;
};

}  // namespace sw::api
