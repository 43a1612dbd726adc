// SPDX-License-Identifier: Apache-2.0
//
// Building API responses: JSON bodies, the one error shape
// {"error":{"code","message","field"}} with the HTTP status chosen from the
// Status code in one table, pages, and reading bodies and paging parameters
// from requests. Thread-safe (pure functions).
#pragma once

#include <functional>
#include <string>

#include "api/router.h"
#include "core/json.h"
#include "core/status.h"
#include "model/page.h"
#include "sys/http_types.h"

namespace sw::api {

int HttpStatusFor(StatusCode code);

sys::HttpResponse JsonResponse(int status, const json::value& body);
sys::HttpResponse ErrorResponse(const Status& s);
sys::HttpResponse ErrorResponse(int status, std::string_view code, std::string_view message);
sys::HttpResponse NoContent();

// Parses the request body as JSON (requires Content-Type application/json).
Result<json::value> ReadJsonBody(const RequestContext& ctx);

// limit (1..500, default 50) and cursor from the query string.
Result<model::PageRequest> ReadPage(const RequestContext& ctx);

template <typename T, typename F>
json::object PageToJson(const model::Page<T>& page, F&& item_to_json) {
  json::array items;
  items.reserve(page.items.size());
  for (const auto& item : page.items) items.emplace_back(item_to_json(item));
  json::object o;
  o["items"] = std::move(items);
  o["next_cursor"] = page.next_cursor.empty() ? json::value(nullptr) : json::value(page.next_cursor);
  return o;
}

// Turns a Result into a JSON response with `status` (or the error response).
template <typename T, typename F>
sys::HttpResponse Respond(const Result<T>& r, int status, F&& to_json) {
  if (!r.ok()) return ErrorResponse(r.status());
  return JsonResponse(status, to_json(*r));
}

inline sys::HttpResponse RespondEmpty(const Status& s) { return s.ok() ? NoContent() : ErrorResponse(s); }

}  // namespace sw::api
