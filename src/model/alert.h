// SPDX-License-Identifier: Apache-2.0
//
// NetworkAlert: an alert a sensor reported (an EVE "alert" event), as the
// platform stores it for an enterprise. The sensor gives each event an id
// unique within that sensor; the platform keeps one alert per (sensor,
// event id), so a batch sent twice after a lost answer is stored once
// (at-least-once delivery, exactly-once storage). Plain value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/ids.h"
#include "core/json.h"
#include "core/status.h"
#include "core/time.h"
#include "model/tenant.h"

namespace sw::model {

using AlertId = StrongId<struct AlertIdTag>;

struct NetworkAlert {
  AlertId id;
  TenantId tenant_id;
  std::string sensor_token_id;  // the sensor's API token
  std::string sensor_name;
  std::string event_id;         // the sensor's id of the event
  Timestamp timestamp;          // when the packet was seen
  Timestamp received_at;
  uint32_t gid = 1, signature_id = 0, rev = 0;
  std::string signature;
  std::string category;
  int64_t severity = 3;  // 1 (highest) .. 4, as Suricata
  std::string src_ip, dest_ip;
  int64_t src_port = 0, dest_port = 0;
  std::string proto, app_proto;
  json::object event;  // the whole EVE event as received
};

// Reads an EVE alert event; errors name the field ("alert.signature_id:
// required"). The event must have event_type "alert".
Result<NetworkAlert> AlertFromEve(const json::value& eve);

json::object ToJson(const NetworkAlert& a);

}  // namespace sw::model
