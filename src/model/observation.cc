// SPDX-License-Identifier: Apache-2.0
#include "model/observation.h"

#include "core/crypto.h"
#include "model/codec_util.h"

namespace sw::model {

std::string Observation::Fingerprint() const {
  // Fields joined with a separator that cannot occur in them (a NUL byte).
  std::string key = host;
  for (const std::string* f : {&protocol, &service, &product, &version}) {
    key.push_back('\0');
    key += *f;
  }
  key.push_back('\0');
  key += std::to_string(port);
  key.push_back('\0');
  key += NameIn(kPortStateNames, state);
  return Sha256Hex(key).substr(0, 32);
}

json::object ToJson(const Observation& o) {
  json::object j;
  j.reserve(14);
  j["host"] = o.host;
  j["hostname"] = StringOrNull(o.hostname);
  j["protocol"] = o.protocol;
  j["port"] = o.port;
  j["state"] = NameIn(kPortStateNames, o.state);
  j["service"] = o.service;
  j["product"] = o.product;
  j["version"] = o.version;
  j["extra_info"] = o.extra_info;
  j["cpes"] = StringsToJson(o.cpes);
  j["banner"] = o.banner;
  j["fingerprint"] = o.Fingerprint();
  return j;
}

}  // namespace sw::model
