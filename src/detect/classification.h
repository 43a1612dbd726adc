// SPDX-License-Identifier: Apache-2.0
//
// Suricata's classification.config: `config classification: name,text,priority`
// lines naming the classtypes rules refer to. A rule's classtype gives its
// category text and its default priority, which becomes the alert severity
// (1 is the most severe). Immutable after parsing; thread-safe for reads.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sw::detect {

struct ClassType {
  std::string name;         // "trojan-activity"
  std::string description;  // "A Network Trojan was detected"
  int priority = 3;
};

class Classifications {
 public:
  // Errors name `file:line` and the problem. Comments and blank lines are
  // skipped; a repeated name replaces the earlier one, as in Suricata.
  static Result<Classifications> Parse(std::string_view text, std::string_view file_name);
  static Result<Classifications> Load(const std::string& path);

  // nullptr when unknown. Names compare case-insensitively, as in Suricata.
  const ClassType* Find(std::string_view name) const;
  size_t size() const { return by_name_.size(); }

 private:
  std::map<std::string, ClassType, std::less<>> by_name_;  // key lower-cased
};

}  // namespace sw::detect
