// SPDX-License-Identifier: Apache-2.0
//
// The OpenAPI 3.0 document of the API, generated from the router's route
// table plus the component schemas in openapi_schemas.cc, so that every
// route is documented by construction. Pure function; thread-safe.
#pragma once

#include "api/router.h"
#include "core/json.h"

namespace sw::api {

json::object BuildOpenApi(const Router& router, std::string_view version);

// The component schemas (name -> JSON Schema object).
const json::object& ComponentSchemas();

}  // namespace sw::api
