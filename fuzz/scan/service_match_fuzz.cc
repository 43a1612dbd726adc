// SPDX-License-Identifier: Apache-2.0
//
// Hostile banners against Nmap's real NULL-probe rules (from Debian's
// nmap-common when installed, else a few representative rules): matching and
// version-template substitution must never crash or run away.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>

#include "scan/service_probes.h"

namespace {

const sw::scan::ServiceProbes& Database() {
  static const auto db = [] {
    const std::string path(sw::scan::kDefaultProbesFile);
    if (std::filesystem::exists(path)) {
      if (auto loaded = sw::scan::ServiceProbes::Load(path); loaded.ok()) {
        return std::make_unique<sw::scan::ServiceProbes>(std::move(*loaded));
      }
    }
    auto fallback = sw::scan::ServiceProbes::Parse(
        "Probe TCP NULL q||\n"
        "match ssh m|^SSH-([\\d.]+)-OpenSSH_([\\w._-]+)\\r?\\n| p/OpenSSH/ v/$2/ i/protocol $1/\n"
        "match x m=^X(.)(..)= p/$P(1)/ v/$I(2,\">\")/ i/$SUBST(1,\"_\",\".\")/\n"
        "softmatch ftp m/^220[- ].*ftp/i\n",
        "builtin");
    return std::make_unique<sw::scan::ServiceProbes>(std::move(*fallback));
  }();
  return *db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view banner(reinterpret_cast<const char*>(data), size);
  const auto* null = Database().Find("TCP", "NULL");
  if (null == nullptr) return 0;
  for (const auto& rule : null->rules) {
    if (auto m = sw::scan::MatchResponse(rule, banner); m && !m->soft) break;  // first hard match wins
  }
  return 0;
}
