// SPDX-License-Identifier: Apache-2.0
//
// Finding: a problem a scan check found on a host and port, with a severity,
// the evidence, and plain remediation text in Chinese and English for the
// enterprise that must fix it. Its fingerprint is stable across runs for the
// same check on the same place, so a finding can be tracked from one scan to
// the next (new, still there, gone). Plain value.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/json.h"
#include "model/enum_names.h"

namespace sw::model {

enum class Severity { kInfo, kLow, kMedium, kHigh, kCritical };
inline constexpr EnumTable<Severity, 5> kSeverityNames{{{Severity::kInfo, "info"},
                                                        {Severity::kLow, "low"},
                                                        {Severity::kMedium, "medium"},
                                                        {Severity::kHigh, "high"},
                                                        {Severity::kCritical, "critical"}}};

struct Finding {
  std::string check_id;  // "tls.cert_expired"
  Severity severity = Severity::kMedium;
  std::string host;
  uint16_t port = 0;
  std::string title_zh;
  std::string title_en;
  std::string evidence;
  std::string remediation_zh;
  std::string remediation_en;
  std::vector<std::string> references;  // CWE, CVE, URLs

  // SHA-256 (hex, 32 characters) of check id, host and port.
  std::string Fingerprint() const;
};

json::object ToJson(const Finding& f);
// Reads what ToJson wrote (the fingerprint is recomputed, not read).
Result<Finding> FindingFromJson(const json::value& v);

}  // namespace sw::model
