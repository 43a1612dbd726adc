// SPDX-License-Identifier: Apache-2.0
#include "api/router.h"

#include "core/ids.h"

namespace sw::api {
namespace {

std::vector<std::string> Split(std::string_view path) {
  std::vector<std::string> out;
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

}  // namespace

void Router::Add(RouteSpec spec, Handler handler) {
  Route r{std::move(spec), std::move(handler), {}};
  r.segments = Split(r.spec.path);
  routes_.push_back(std::move(r));
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  Match m;
  const std::vector<std::string> parts = Split(path);
  for (const Route& r : routes_) {
    if (r.segments.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t i = 0; i < parts.size() && ok; ++i) {
      const std::string& seg = r.segments[i];
      if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
        // Parameters are ids: anything else cannot name an object, and
        // rejecting it here keeps junk away from storage.
        if (!IsPlausibleId(parts[i])) ok = false;
        params[seg.substr(1, seg.size() - 2)] = parts[i];
      } else if (seg != parts[i]) {
        ok = false;
      }
    }
    if (!ok) continue;
    if (r.spec.method == method) {
      m.kind = MatchKind::kFound;
      m.route = &r;
      m.params = std::move(params);
      return m;
    }
    m.kind = MatchKind::kWrongMethod;
    if (!m.allowed_methods.empty()) m.allowed_methods += ", ";
    m.allowed_methods += r.spec.method;
  }
  return m;
}

}  // namespace sw::api
