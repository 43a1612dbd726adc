// SPDX-License-Identifier: Apache-2.0
#include "core/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace sw {

Status InitLogging(const std::string& level, const std::string& format) {
  const auto lvl = spdlog::level::from_str(level);
  if (lvl == spdlog::level::off && level != "off") {
    return InvalidArgument("log.level: unknown level \"" + level + "\"", "log.level");
  }
  // Logs go to stderr so that stdout stays for a command's own output (the
  // first-start password, --json results).
  auto logger = spdlog::stderr_logger_mt("shouwang");
  spdlog::set_default_logger(logger);
  spdlog::set_level(lvl);
  if (format == "json") {
    // %v is escaped by callers' use of fmt with plain messages; quotes in
    // messages are rare and replaced to keep each line valid JSON.
    spdlog::set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","msg":"%v"})",
                        spdlog::pattern_time_type::utc);
  } else {
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);
  }
  return {};
}

}  // namespace sw
