// SPDX-License-Identifier: Apache-2.0
#include "api/openapi.h"

#include <set>

namespace sw::api {
namespace {

json::object Ref(std::string_view schema) {
  return json::object{{"$ref", "#/components/schemas/" + std::string(schema)}};
}

std::string OperationId(const RouteSpec& s) {
  std::string id(s.method);
  for (char& c : id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (char c : s.path.substr(7)) {  // drop "/api/v1"
    if (std::isalnum(static_cast<unsigned char>(c))) {
      id.push_back(c);
    } else if (!id.empty() && id.back() != '_') {
      id.push_back('_');
    }
  }
  while (!id.empty() && id.back() == '_') id.pop_back();
  return id;
}

}  // namespace

json::object BuildOpenApi(const Router& router, std::string_view version) {
  json::object paths;
  std::set<std::string> tags;
  for (const Route& r : router.routes()) {
    const RouteSpec& s = r.spec;
    tags.emplace(s.tag);
    json::object op;
    op["summary"] = s.summary;
    op["operationId"] = OperationId(s);
    op["tags"] = json::array{json::string(s.tag)};
    json::array params;
    for (const auto& seg : r.segments) {
      if (seg.size() > 2 && seg.front() == '{') {
        params.push_back(json::object{{"name", seg.substr(1, seg.size() - 2)},
                                      {"in", "path"},
                                      {"required", true},
                                      {"schema", json::object{{"type", "string"}}}});
      }
    }
    for (const auto& q : s.query) {
      params.push_back(json::object{{"name", q.name},
                                    {"in", "query"},
                                    {"required", false},
                                    {"description", q.description},
                                    {"schema", json::object{{"type", "string"}}}});
    }
    if (!params.empty()) op["parameters"] = std::move(params);
    if (!s.request_schema.empty()) {
      op["requestBody"] = json::object{
          {"required", true},
          {"content", json::object{{"application/json", json::object{{"schema", Ref(s.request_schema)}}}}}};
    }
    json::object responses;
    json::object ok{{"description", "success"}};
    if (!s.response_schema.empty()) {
      ok["content"] = json::object{{"application/json", json::object{{"schema", Ref(s.response_schema)}}}};
    }
    responses[std::to_string(s.success_status)] = std::move(ok);
    responses["default"] = json::object{
        {"description", "error"},
        {"content", json::object{{"application/json", json::object{{"schema", Ref("Error")}}}}}};
    op["responses"] = std::move(responses);
    if (!s.requires_auth) op["security"] = json::array{};
    json::object& item = paths[s.path].is_object() ? paths[s.path].as_object()
                                                   : paths[s.path].emplace_object();
    std::string method(s.method);
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    item[method] = std::move(op);
  }
  json::array tag_list;
  for (const auto& t : tags) tag_list.push_back(json::object{{"name", t}});
  return json::object{
      {"openapi", "3.0.3"},
      {"info", json::object{{"title", "Shouwang (守望) platform API"},
                            {"version", version},
                            {"description",
                             "Console and machine API of the Shouwang SME security platform. "
                             "Browsers authenticate with the session cookie and send X-CSRF-Token "
                             "on every state-changing request; machines use a bearer API token."}}},
      {"servers", json::array{json::object{{"url", "/"}}}},
      {"tags", std::move(tag_list)},
      {"paths", std::move(paths)},
      {"components",
       json::object{{"schemas", ComponentSchemas()},
                    {"securitySchemes",
                     json::object{{"session", json::object{{"type", "apiKey"},
                                                           {"in", "cookie"},
                                                           {"name", "sw_session"}}},
                                  {"token", json::object{{"type", "http"}, {"scheme", "bearer"}}}}}}},
      {"security", json::array{json::object{{"session", json::array{}}},
                               json::object{{"token", json::array{}}}}},
  };
}

}  // namespace sw::api
