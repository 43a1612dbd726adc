// SPDX-License-Identifier: Apache-2.0
//
// /health and /openapi.json.
#include "api/openapi.h"
#include "api/responses.h"
#include "api/routes.h"
#include "api/version.h"

namespace sw::api {

void AddMetaRoutes(Router& r, const Router& documented) {
  r.Add({.method = "GET", .path = "/api/v1/health", .summary = "Liveness: the server answers",
         .tag = "meta", .requires_auth = false, .response_schema = "Health"},
        [](RequestContext&) {
          return JsonResponse(200, json::object{{"status", "ok"}, {"version", kVersion}});
        });
  r.Add({.method = "GET", .path = "/api/v1/openapi.json", .summary = "This API's OpenAPI 3 document",
         .tag = "meta", .requires_auth = false},
        [&documented](RequestContext&) { return JsonResponse(200, BuildOpenApi(documented, kVersion)); });
}

}  // namespace sw::api
