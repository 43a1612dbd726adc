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

Result<Observation> ObservationFromJson(const json::value& v) {
  SW_ASSIGN_OR_RETURN(ObjectReader r, ObjectReader::Of(v, "observation"));
  Observation o;
  SW_RETURN_IF_ERROR(r.String("host", o.host, kRequired));
  SW_RETURN_IF_ERROR(r.String("hostname", o.hostname, kOptional));
  SW_RETURN_IF_ERROR(r.String("protocol", o.protocol, kOptional));
  int64_t port = 0;
  SW_RETURN_IF_ERROR(r.Int("port", port, kRequired));
  if (port < 0 || port > 65535) return InvalidArgument(r.PathOf("port") + ": must be 0..65535");
  o.port = static_cast<uint16_t>(port);
  SW_RETURN_IF_ERROR(ReadEnum(r, "state", kPortStateNames, o.state, kRequired));
  SW_RETURN_IF_ERROR(r.String("service", o.service, kOptional));
  SW_RETURN_IF_ERROR(r.String("product", o.product, kOptional));
  SW_RETURN_IF_ERROR(r.String("version", o.version, kOptional));
  SW_RETURN_IF_ERROR(r.String("extra_info", o.extra_info, kOptional));
  SW_RETURN_IF_ERROR(r.StringArray("cpes", o.cpes, kOptional, 64, 512));
  SW_RETURN_IF_ERROR(r.String("banner", o.banner, kOptional));
  r.Get("fingerprint");
  SW_RETURN_IF_ERROR(r.Finish());
  return o;
}

}  // namespace sw::model
