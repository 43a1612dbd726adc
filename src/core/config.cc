// SPDX-License-Identifier: Apache-2.0
#include "core/config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>

#include "core/file.h"

extern char** environ;

namespace sw {
namespace {

// Flattens a YAML mapping into dotted keys. Sequences are not used by any
// parameter yet, so they are reported as errors rather than guessed at.
void Flatten(const YAML::Node& node, const std::string& prefix,
             std::map<std::string, std::string>& out, std::vector<std::string>& errors) {
  for (const auto& kv : node) {
    const std::string key = prefix.empty() ? kv.first.as<std::string>()
                                           : prefix + "." + kv.first.as<std::string>();
    if (kv.second.IsMap()) {
      Flatten(kv.second, key, out, errors);
    } else if (kv.second.IsScalar()) {
      out[key] = kv.second.as<std::string>();
    } else if (kv.second.IsNull()) {
      out[key] = "";
    } else {
      errors.push_back(key + ": expected a scalar value");
    }
  }
}

Result<std::string> ResolveSecret(const std::string& key, const std::string& value) {
  if (value.rfind("env:", 0) == 0) {
    // Config is loaded once at start-up, before any thread exists.
    const char* v = std::getenv(value.substr(4).c_str());  // NOLINT(concurrency-mt-unsafe)
    if (v == nullptr) return InvalidArgument(key + ": environment variable " + value.substr(4) + " is not set", key);
    return std::string(v);
  }
  if (value.rfind("file:", 0) == 0) {
    auto text = ReadFileToString(value.substr(5), 1 << 20);
    if (!text.ok()) return InvalidArgument(key + ": " + text.status().message(), key);
    std::string s = std::move(*text);
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
  }
  return value;
}

std::string Validate(const ConfigParam& p, std::string& value) {
  switch (p.type) {
    case ConfigParam::Type::kInt: {
      int64_t v = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
      if (ec != std::errc() || end != value.data() + value.size()) {
        return p.key + ": expected an integer, got \"" + value + "\"";
      }
      if (v < p.min) return p.key + ": must be at least " + std::to_string(p.min);
      if (v > p.max) return p.key + ": must be at most " + std::to_string(p.max);
      return {};
    }
    case ConfigParam::Type::kBool: {
      std::string l = value;
      std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return std::tolower(c); });
      if (l == "true" || l == "yes" || l == "on" || l == "1") {
        value = "true";
      } else if (l == "false" || l == "no" || l == "off" || l == "0") {
        value = "false";
      } else {
        return p.key + ": expected true or false, got \"" + value + "\"";
      }
      return {};
    }
    case ConfigParam::Type::kString:
      if (!p.choices.empty() &&
          std::find(p.choices.begin(), p.choices.end(), value) == p.choices.end()) {
        std::string m = p.key + ": must be one of";
        for (const auto& c : p.choices) m += " " + c;
        return m;
      }
      return {};
  }
  return {};
}

}  // namespace

ConfigSchema& ConfigSchema::String(std::string key, std::string def, std::string help,
                                   std::vector<std::string> choices, bool secret) {
  params_.push_back({std::move(key), ConfigParam::Type::kString, std::move(def), std::move(help), 0,
                     0, std::move(choices), secret});
  return *this;
}

ConfigSchema& ConfigSchema::Int(std::string key, int64_t def, int64_t min, int64_t max,
                                std::string help) {
  params_.push_back({std::move(key), ConfigParam::Type::kInt, std::to_string(def), std::move(help),
                     min, max, {}, false});
  return *this;
}

ConfigSchema& ConfigSchema::Bool(std::string key, bool def, std::string help) {
  params_.push_back({std::move(key), ConfigParam::Type::kBool, def ? "true" : "false",
                     std::move(help), 0, 0, {}, false});
  return *this;
}

const ConfigParam* ConfigSchema::Find(const std::string& key) const {
  for (const auto& p : params_) {
    if (p.key == key) return &p;
  }
  return nullptr;
}

std::string EnvNameForKey(const std::string& key) {
  std::string out = "SW_";
  for (char c : key) {
    out.push_back(c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

std::map<std::string, std::string> EnvironmentMap() {
  std::map<std::string, std::string> out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view kv(*e);
    if (kv.rfind("SW_", 0) != 0) continue;
    const size_t eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    out.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return out;
}

Result<Config> Config::Load(const ConfigSchema& schema, const std::string& yaml_path,
                            const std::map<std::string, std::string>& env,
                            const std::map<std::string, std::string>& overrides) {
  Config c;
  c.schema_ = &schema;
  std::vector<std::string> errors;
  for (const auto& p : schema.params()) c.values_[p.key] = p.default_value;

  if (!yaml_path.empty()) {
    std::map<std::string, std::string> from_file;
    try {
      const YAML::Node root = YAML::LoadFile(yaml_path);
      if (!root.IsNull() && !root.IsMap()) {
        return InvalidArgument(yaml_path + ": expected a mapping at the top level");
      }
      if (root.IsMap()) Flatten(root, "", from_file, errors);
    } catch (const YAML::Exception& e) {
      return InvalidArgument(yaml_path + ": line " + std::to_string(e.mark.line + 1) + ": " + e.msg);
    }
    for (auto& [k, v] : from_file) {
      if (k == "version") {
        if (v != "1") errors.push_back("version: unsupported config version \"" + v + "\" (expected 1)");
        continue;
      }
      if (schema.Find(k) == nullptr) {
        errors.push_back(k + ": unknown key");
        continue;
      }
      c.values_[k] = v;
    }
  }
  for (const auto& p : schema.params()) {
    auto it = env.find(EnvNameForKey(p.key));
    if (it != env.end()) c.values_[p.key] = it->second;
  }
  for (const auto& [k, v] : overrides) {
    if (schema.Find(k) == nullptr) {
      errors.push_back(k + ": unknown key");
      continue;
    }
    c.values_[k] = v;
  }
  for (const auto& p : schema.params()) {
    std::string& v = c.values_[p.key];
    if (p.secret) {
      auto r = ResolveSecret(p.key, v);
      if (!r.ok()) {
        errors.push_back(r.status().message());
        continue;
      }
      v = *r;
    }
    std::string e = Validate(p, v);
    if (!e.empty()) errors.push_back(std::move(e));
  }
  if (!errors.empty()) {
    std::string m = "invalid configuration:";
    for (const auto& e : errors) m += "\n  " + e;
    return InvalidArgument(std::move(m));
  }
  return c;
}

const std::string& Config::GetString(const std::string& key) const { return values_.at(key); }

int64_t Config::GetInt(const std::string& key) const {
  const std::string& v = values_.at(key);
  int64_t out = 0;
  std::from_chars(v.data(), v.data() + v.size(), out);
  return out;
}

bool Config::GetBool(const std::string& key) const { return values_.at(key) == "true"; }

std::string Config::Describe() const {
  std::string out;
  for (const auto& p : schema_->params()) {
    out += p.key + " = " + (p.secret ? std::string("<redacted>") : values_.at(p.key));
    out += "  # " + p.help + "\n";
  }
  return out;
}

}  // namespace sw
