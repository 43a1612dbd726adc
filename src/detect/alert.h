// SPDX-License-Identifier: Apache-2.0
//
// Alert: one rule firing on one inspection, with what EVE's alert object
// needs. AlertSink receives them; the sensor turns them into EVE events.
#pragma once

#include <string>

#include "detect/rule.h"

namespace sw::detect {

struct Alert {
  const Rule* rule = nullptr;  // owned by the engine, valid while it lives
  bool to_server = true;       // the direction of the packet or transaction
};

class AlertSink {
 public:
  virtual ~AlertSink() = default;
  virtual void OnAlert(const Alert& alert) = 0;
};

}  // namespace sw::detect
