// SPDX-License-Identifier: Apache-2.0
//
// Rule variables: the address groups ($HOME_NET) and port groups
// ($HTTP_PORTS) that rule headers refer to. They come from the sensor's YAML
// config in Suricata's layout:
//
//   vars:
//     address-groups:
//       HOME_NET: "[192.168.0.0/16,10.0.0.0/8,172.16.0.0/12]"
//       EXTERNAL_NET: "!$HOME_NET"
//     port-groups:
//       HTTP_PORTS: "80"
//
// Values are kept as text and compiled when a rule uses them, so a variable
// may refer to others defined later. Immutable after loading; thread-safe
// for reads.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sw::detect {

class Variables {
 public:
  // Reads `vars:` (or a document whose top level is `address-groups:` /
  // `port-groups:`). Errors name the YAML path.
  static Result<Variables> FromYaml(std::string_view yaml);
  static Result<Variables> LoadYamlFile(const std::string& path);

  // The values of Suricata's stock suricata.yaml (HOME_NET the RFC 1918
  // networks, EXTERNAL_NET !$HOME_NET, the *_SERVERS any, the usual ports):
  // what the Emerging Threats rules expect when no config is given.
  static Variables SuricataDefaults();

  // Names without the `$`. A later Set replaces an earlier one.
  void SetAddress(std::string name, std::string value) { addresses_[std::move(name)] = std::move(value); }
  void SetPort(std::string name, std::string value) { ports_[std::move(name)] = std::move(value); }

  // nullptr when undefined.
  const std::string* FindAddress(std::string_view name) const;
  const std::string* FindPort(std::string_view name) const;

  const std::map<std::string, std::string, std::less<>>& addresses() const { return addresses_; }
  const std::map<std::string, std::string, std::less<>>& ports() const { return ports_; }

 private:
  std::map<std::string, std::string, std::less<>> addresses_;
  std::map<std::string, std::string, std::less<>> ports_;
};

}  // namespace sw::detect
