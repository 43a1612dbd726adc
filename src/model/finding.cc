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

Result<Finding> FindingFromJson(const json::value& v) {
  SW_ASSIGN_OR_RETURN(ObjectReader r, ObjectReader::Of(v, "finding"));
  Finding f;
  SW_RETURN_IF_ERROR(r.String("check_id", f.check_id, kRequired));
  SW_RETURN_IF_ERROR(ReadEnum(r, "severity", kSeverityNames, f.severity, kRequired));
  SW_RETURN_IF_ERROR(r.String("host", f.host, kRequired));
  int64_t port = 0;
  SW_RETURN_IF_ERROR(r.Int("port", port, kRequired));
  if (port < 0 || port > 65535) return InvalidArgument(r.PathOf("port") + ": must be 0..65535");
  f.port = static_cast<uint16_t>(port);
  SW_RETURN_IF_ERROR(r.String("title_zh", f.title_zh, kOptional));
  SW_RETURN_IF_ERROR(r.String("title_en", f.title_en, kOptional));
  SW_RETURN_IF_ERROR(r.String("evidence", f.evidence, kOptional, 65536));
  SW_RETURN_IF_ERROR(r.String("remediation_zh", f.remediation_zh, kOptional));
  SW_RETURN_IF_ERROR(r.String("remediation_en", f.remediation_en, kOptional));
  SW_RETURN_IF_ERROR(r.StringArray("references", f.references, kOptional, 64, 512));
  r.Get("fingerprint");
  SW_RETURN_IF_ERROR(r.Finish());
  return f;
}

}  // namespace sw::model
