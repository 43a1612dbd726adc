// SPDX-License-Identifier: Apache-2.0
#include "model/finding.h"

#include "core/crypto.h"
#include "model/codec_util.h"

namespace sw::model {

std::string Finding::Fingerprint() const {
  std::string key = check_id;
  key.push_back('\0');
  key += host;
  key.push_back('\0');
  key += std::to_string(port);
  return Sha256Hex(key).substr(0, 32);
}

json::object ToJson(const Finding& f) {
  json::object o;
  o.reserve(12);
  o["check_id"] = f.check_id;
  o["severity"] = NameIn(kSeverityNames, f.severity);
  o["host"] = f.host;
  o["port"] = f.port;
  o["title_zh"] = f.title_zh;
  o["title_en"] = f.title_en;
  o["evidence"] = f.evidence;
  o["remediation_zh"] = f.remediation_zh;
  o["remediation_en"] = f.remediation_en;
  o["references"] = StringsToJson(f.references);
  o["fingerprint"] = f.Fingerprint();
  return o;
}

}  // namespace sw::model
