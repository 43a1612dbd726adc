// SPDX-License-Identifier: Apache-2.0
//
// Configuration declared in code. Each component declares its parameters in a
// ConfigSchema (key, type, default, range, help, secret); Config::Load merges,
// in increasing precedence, the defaults, a YAML file, environment variables
// (`SW_` + key upper-cased with dots as underscores: http.max_body_bytes ->
// SW_HTTP_MAX_BODY_BYTES) and command-line overrides, validates everything once
// and reports every error with its key. Unknown keys are errors. Secret values
// may be references `env:NAME` or `file:PATH`, resolved at load and redacted in
// Describe(). A loaded Config is immutable and thread-safe to read.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"

namespace sw {

struct ConfigParam {
  enum class Type { kString, kInt, kBool };
  std::string key;  // dotted: "http.max_body_bytes"
  Type type = Type::kString;
  std::string default_value;
  std::string help;
  int64_t min = 0;  // for kInt
  int64_t max = INT64_MAX;
  std::vector<std::string> choices;  // for kString; empty means any
  bool secret = false;
};

class ConfigSchema {
 public:
  ConfigSchema& String(std::string key, std::string def, std::string help,
                       std::vector<std::string> choices = {}, bool secret = false);
  ConfigSchema& Int(std::string key, int64_t def, int64_t min, int64_t max, std::string help);
  ConfigSchema& Bool(std::string key, bool def, std::string help);
  const std::vector<ConfigParam>& params() const { return params_; }
  const ConfigParam* Find(const std::string& key) const;

 private:
  std::vector<ConfigParam> params_;
};

class Config {
 public:
  // `yaml_path` may be empty (no file). `env` is usually the process
  // environment (see EnvironmentMap); `overrides` come from flags.
  static Result<Config> Load(const ConfigSchema& schema, const std::string& yaml_path,
                             const std::map<std::string, std::string>& env,
                             const std::map<std::string, std::string>& overrides);

  // REQUIRES: `key` is declared in the schema with the matching type.
  const std::string& GetString(const std::string& key) const;
  int64_t GetInt(const std::string& key) const;
  bool GetBool(const std::string& key) const;

  // One "key = value  # help" line per parameter, secrets redacted.
  std::string Describe() const;

 private:
  const ConfigSchema* schema_ = nullptr;
  std::map<std::string, std::string> values_;
};

// The SW_* variables of the current process environment.
std::map<std::string, std::string> EnvironmentMap();

// "http.max_body_bytes" -> "SW_HTTP_MAX_BODY_BYTES".
std::string EnvNameForKey(const std::string& key);

}  // namespace sw
