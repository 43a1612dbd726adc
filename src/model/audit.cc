// SPDX-License-Identifier: Apache-2.0
#include "model/audit.h"

#include "model/codec_util.h"

namespace sw::model {

json::object ToJson(const AuditEvent& e) {
  json::object o;
  o.reserve(16);
  o["id"] = std::to_string(e.id);
  o["at"] = TimeToJson(e.at);
  o["tenant_id"] = e.tenant_id.str();
  o["actor_id"] = e.actor_id;
  o["actor_name"] = e.actor_name;
  o["action"] = e.action;
  o["object_type"] = e.object_type;
  o["object_id"] = e.object_id;
  o["source_ip"] = e.source_ip;
  o["outcome"] = NameIn(kAuditOutcomeNames, e.outcome);
  o["before"] = e.before ? *e.before : json::value(nullptr);
  o["after"] = e.after ? *e.after : json::value(nullptr);
  return o;
}

}  // namespace sw::model
