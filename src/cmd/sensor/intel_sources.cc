// SPDX-License-Identifier: Apache-2.0
#include "cmd/sensor/intel_sources.h"

#include <cstdio>
#include <filesystem>

#include "core/file.h"
#include "intel/line_list.h"
#include "intel/misp_import.h"
#include "intel/stix_import.h"
#include "sys/http_client.h"

namespace sw::cmd {

Result<std::vector<model::Indicator>> LoadIntelFile(const std::string& path) {
  const auto fail = [&](const Status& s) { return InvalidArgument("--intel " + path + ": " + s.message()); };
  if (std::filesystem::is_directory(path)) {
    auto feed = intel::ImportMispFeed(path);
    if (!feed.ok()) return fail(feed.status());
    std::printf("intel: %s: MISP feed, %zu events, %zu indicators\n", path.c_str(), feed->events,
                feed->indicators.size());
    return std::move(feed->indicators);
  }
  auto body = ReadFileToString(path, size_t{1} << 30);
  if (!body.ok()) return fail(body.status());
  const size_t first = body->find_first_not_of(" \t\r\n");
  if (first != std::string::npos && ((*body)[first] == '{' || (*body)[first] == '[')) {
    if (body->find("\"Event\"") != std::string::npos) {
      auto misp = intel::ImportMispEvent(*body);
      if (!misp.ok()) return fail(misp.status());
      std::printf("intel: %s: MISP event, %zu indicators\n", path.c_str(), misp->indicators.size());
      return std::move(misp->indicators);
    }
    auto stix = intel::ImportStixBundle(*body);
    if (!stix.ok()) return fail(stix.status());
    std::printf("intel: %s: STIX, %zu indicators, %zu not matchable\n", path.c_str(), stix->indicators.size(),
                stix->not_matchable.size());
    return std::move(stix->indicators);
  }
  auto list = intel::ParseLineList(*body, std::filesystem::path(path).filename().string());
  std::printf("intel: %s: %zu indicators, %zu lines rejected\n", path.c_str(), list.indicators.size(),
              list.rejected.size());
  for (size_t i = 0; i < list.rejected.size() && i < 10; ++i) {
    std::printf("  %s:%zu: %s\n", path.c_str(), list.rejected[i].line, list.rejected[i].reason.c_str());
  }
  return std::move(list.indicators);
}

Result<std::vector<model::Indicator>> FetchPlatformIntel(const std::string& url, const std::string& token,
                                                        const std::string& ca_file) {
  auto client = sys::HttpClient::Create(
      {.base_url = url, .ca_file = ca_file, .timeout = std::chrono::seconds(60), .max_body_bytes = size_t{1} << 30});
  if (!client.ok()) return client.status().WithContext("intel from the platform");
  auto r = (*client)->Send("GET", "/api/v1/intel/export?format=misp", {{"Authorization", "Bearer " + token}});
  if (!r.ok()) return r.status().WithContext("intel from the platform");
  if (r->status != 200) {
    return Unavailable("intel from the platform: HTTP " + std::to_string(r->status) + ": " + r->body.substr(0, 300));
  }
  auto misp = intel::ImportMispEvent(r->body, {.max_event_bytes = size_t{1} << 30});
  if (!misp.ok()) return misp.status().WithContext("intel from the platform");
  std::printf("intel: %s: %zu indicators from the platform\n", url.c_str(), misp->indicators.size());
  return std::move(misp->indicators);
}

}  // namespace sw::cmd
