// SPDX-License-Identifier: Apache-2.0
//
// AlertService: alerts from network sensors. A sensor (an API token of kind
// sensor, belonging to one enterprise or to the center) reports batches of
// EVE events; alert events are stored for the token's tenant, each at most
// once per (sensor, event id), so re-sent batches are harmless. Invalid
// events are rejected one by one with their index and reason; the valid
// ones of the same batch are kept. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/json.h"
#include "model/alert.h"
#include "model/page.h"
#include "service/context.h"
#include "service/principal.h"
#include "store/store.h"

namespace sw::service {

struct IngestRejection {
  size_t index = 0;
  std::string reason;
};

struct IngestResult {
  size_t accepted = 0;    // stored now
  size_t duplicates = 0;  // already stored earlier
  size_t ignored = 0;     // events of other types (flow, http, ...), not stored yet
  std::vector<IngestRejection> rejected;
};

class AlertService {
 public:
  explicit AlertService(ServiceContext& ctx) : ctx_(ctx) {}

  static constexpr size_t kMaxBatch = 1000;

  // `batch`: {"events": [{"id": "...", "event": {EVE}}, ...]}.
  Result<IngestResult> Ingest(const Principal& who, const json::value& batch);
  Result<model::Page<model::NetworkAlert>> List(const Principal& who, const store::AlertQuery& q);
  Result<model::NetworkAlert> Get(const Principal& who, const model::AlertId& id);

 private:
  ServiceContext& ctx_;
};

}  // namespace sw::service
