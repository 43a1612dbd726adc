// SPDX-License-Identifier: Apache-2.0
//
// Router: the table of API routes. Each route is a RouteSpec (method, path
// pattern with {params}, documentation: summary, tag, schemas, query
// parameters, success status) and a handler. The same table drives dispatch
// and the OpenAPI document, so the two cannot disagree. Built once at
// start-up, then read concurrently without locks.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "service/platform.h"
#include "service/principal.h"
#include "sys/http_types.h"

namespace sw::api {

struct RequestContext {
  const sys::HttpRequest& request;
  std::string path;                           // decoded, without the query
  std::map<std::string, std::string> params;  // from {name} segments
  std::map<std::string, std::string> query;   // decoded; the last value wins
  service::Principal principal;               // valid when authenticated
  bool authenticated = false;
  std::string session_secret;  // when authenticated by cookie
  std::string csrf_token;      // when authenticated by cookie
  service::Platform& platform;
};

using Handler = std::function<sys::HttpResponse(RequestContext&)>;

struct QueryParam {
  std::string_view name;
  std::string_view description;
};

struct RouteSpec {
  std::string_view method;
  std::string_view path;  // "/api/v1/tenants/{id}"
  std::string_view summary;
  std::string_view tag;
  bool requires_auth = true;
  std::string_view request_schema;   // components/schemas name, or ""
  std::string_view response_schema;  // components/schemas name, or "" for no body
  int success_status = 200;
  std::vector<QueryParam> query;
};

struct Route {
  RouteSpec spec;
  Handler handler;
  std::vector<std::string> segments;  // pattern split on '/'
};

class Router {
 public:
  void Add(RouteSpec spec, Handler handler);

  enum class MatchKind { kFound, kNoPath, kWrongMethod };
  struct Match {
    MatchKind kind = MatchKind::kNoPath;
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    std::string allowed_methods;  // for 405
  };
  Match Find(std::string_view method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace sw::api
