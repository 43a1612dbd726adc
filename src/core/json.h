// SPDX-License-Identifier: Apache-2.0
//
// Strict JSON input. Every JSON body the platform accepts comes from outside
// and is hostile until proven otherwise: ParseJson bounds size and nesting, and
// ObjectReader reads one object field by field, rejects wrong types and
// unknown fields, and names the path of the field at fault in every error
// ("contacts[1].phone: expected a string"). Not thread-safe per reader.
//
// Example:
//   SW_ASSIGN_OR_RETURN(auto doc, ParseJson(body));
//   SW_ASSIGN_OR_RETURN(auto r, ObjectReader::Of(doc, ""));
//   std::string name;
//   SW_RETURN_IF_ERROR(r.String("name", name, kRequired));
//   SW_RETURN_IF_ERROR(r.Finish());
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sw {

namespace json = boost::json;

struct JsonLimits {
  size_t max_bytes = 1 << 20;
  size_t max_depth = 32;
};

// Parses a complete JSON text; errors say where parsing stopped.
Result<json::value> ParseJson(std::string_view text, const JsonLimits& limits = {});

enum Need { kRequired, kOptional };

// "path.key" or "key" at the top level; "path[3]" for array elements.
std::string JoinPath(std::string_view path, std::string_view key);
std::string IndexPath(std::string_view path, size_t index);

class ObjectReader {
 public:
  // Fails unless `v` is an object. `path` names `v` in error messages ("" for a body).
  static Result<ObjectReader> Of(const json::value& v, std::string path);

  bool Has(std::string_view key) const;
  // Marks `key` as read and returns it; nullptr when absent. JSON null counts as absent.
  const json::value* Get(std::string_view key);

  // Each reader leaves `out` untouched when an optional field is absent.
  Status String(std::string_view key, std::string& out, Need need, size_t max_len = 4096);
  Status OptString(std::string_view key, std::optional<std::string>& out, size_t max_len = 4096);
  Status Int(std::string_view key, int64_t& out, Need need);
  Status Bool(std::string_view key, bool& out, Need need);
  Status StringArray(std::string_view key, std::vector<std::string>& out, Need need,
                     size_t max_items = 256, size_t max_len = 256);

  std::string PathOf(std::string_view key) const { return JoinPath(path_, key); }
  const std::string& path() const { return path_; }

  // Fails naming the first field that no reader asked for.
  Status Finish() const;

 private:
  ObjectReader(const json::object& obj, std::string path) : obj_(&obj), path_(std::move(path)) {}
  const json::object* obj_;
  std::string path_;
  std::vector<std::string> seen_;
};

// Serializes compactly.
std::string ToJson(const json::value& v);

}  // namespace sw
