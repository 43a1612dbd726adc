// SPDX-License-Identifier: Apache-2.0
#include "detect/variables.h"

#include <yaml-cpp/yaml.h>

#include "core/file.h"

namespace sw::detect {
namespace {

// A YAML scalar as written; a sequence becomes Suricata's list "[a,b]".
Result<std::string> ValueText(const YAML::Node& node, const std::string& path) {
  if (node.IsScalar()) return node.Scalar();
  if (node.IsSequence()) {
    std::string out = "[";
    for (size_t i = 0; i < node.size(); ++i) {
      if (!node[i].IsScalar()) return InvalidArgument("must be a string or a list of strings", path);
      if (i) out += ',';
      out += node[i].Scalar();
    }
    return out + "]";
  }
  return InvalidArgument("must be a string or a list of strings", path);
}

Status ReadGroup(const YAML::Node& group, const std::string& path, Variables& vars, bool ports) {
  if (!group) return Status::Ok();
  if (!group.IsMap()) return InvalidArgument("must be a map of NAME: value", path);
  for (const auto& kv : group) {
    const std::string name = kv.first.Scalar();
    SW_ASSIGN_OR_RETURN(std::string value, ValueText(kv.second, path + "." + name));
    if (ports) {
      vars.SetPort(name, std::move(value));
    } else {
      vars.SetAddress(name, std::move(value));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<Variables> Variables::FromYaml(std::string_view yaml) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    return InvalidArgument("rule variables: bad YAML: " + std::string(e.what()));
  }
  Variables vars;
  if (!root || root.IsNull()) return vars;
  if (!root.IsMap()) return InvalidArgument("rule variables: the document must be a map");
  std::string prefix;
  YAML::Node node = root;
  if (root["vars"]) {
    node = root["vars"];
    prefix = "vars.";
    if (!node.IsMap()) return InvalidArgument("must be a map", "vars");
  }
  SW_RETURN_IF_ERROR(ReadGroup(node["address-groups"], prefix + "address-groups", vars, false));
  SW_RETURN_IF_ERROR(ReadGroup(node["port-groups"], prefix + "port-groups", vars, true));
  return vars;
}

Result<Variables> Variables::LoadYamlFile(const std::string& path) {
  SW_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  auto vars = FromYaml(text);
  if (!vars.ok()) return vars.status().WithContext(path);
  return vars;
}

Variables Variables::SuricataDefaults() {
  Variables v;
  v.SetAddress("HOME_NET", "[192.168.0.0/16,10.0.0.0/8,172.16.0.0/12]");
  v.SetAddress("EXTERNAL_NET", "!$HOME_NET");
  for (const char* name : {"HTTP_SERVERS", "SMTP_SERVERS", "SQL_SERVERS", "DNS_SERVERS", "TELNET_SERVERS",
                           "DC_SERVERS", "DNP3_SERVER", "DNP3_CLIENT", "MODBUS_CLIENT", "MODBUS_SERVER",
                           "ENIP_CLIENT", "ENIP_SERVER"}) {
    v.SetAddress(name, "$HOME_NET");
  }
  v.SetAddress("AIM_SERVERS", "$EXTERNAL_NET");
  v.SetPort("HTTP_PORTS", "80");
  v.SetPort("SHELLCODE_PORTS", "!80");
  v.SetPort("ORACLE_PORTS", "1521");
  v.SetPort("SSH_PORTS", "22");
  v.SetPort("DNP3_PORTS", "20000");
  v.SetPort("MODBUS_PORTS", "502");
  v.SetPort("FILE_DATA_PORTS", "[$HTTP_PORTS,110,143]");
  v.SetPort("FTP_PORTS", "21");
  v.SetPort("GENEVE_PORTS", "6081");
  v.SetPort("VXLAN_PORTS", "4789");
  v.SetPort("TEREDO_PORTS", "3544");
  return v;
}

const std::string* Variables::FindAddress(std::string_view name) const {
  auto it = addresses_.find(name);
  return it == addresses_.end() ? nullptr : &it->second;
}

const std::string* Variables::FindPort(std::string_view name) const {
  auto it = ports_.find(name);
  return it == ports_.end() ? nullptr : &it->second;
}

}  // namespace sw::detect
