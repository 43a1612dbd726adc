// SPDX-License-Identifier: Apache-2.0
#include "core/json.h"

#include <algorithm>
#include <boost/json/stream_parser.hpp>
#include <boost/json/serialize.hpp>

namespace sw {
namespace {

Status TypeError(const std::string& path, std::string_view want) {
  std::string m = path.empty() ? "body" : path;
  m += ": expected ";
  m += want;
  return InvalidArgument(std::move(m), path);
}

// Boost.JSON validates UTF-8 while parsing, so strings here are valid UTF-8;
// length limits count bytes, which bounds storage regardless of script.
Status CheckLength(const std::string& path, std::string_view s, size_t max_len) {
  if (s.size() > max_len) {
    return InvalidArgument(path + ": longer than " + std::to_string(max_len) + " bytes", path);
  }
  return {};
}

}  // namespace

Result<json::value> ParseJson(std::string_view text, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return InvalidArgument("body: larger than " + std::to_string(limits.max_bytes) + " bytes");
  }
  json::parse_options opt;
  opt.max_depth = limits.max_depth;
  json::stream_parser p(json::storage_ptr(), opt);
  boost::system::error_code ec;
  const size_t used = p.write_some(text.data(), text.size(), ec);
  if (!ec) p.finish(ec);
  if (ec) {
    // Report the line and column where the parser gave up.
    size_t line = 1, col = 1;
    for (size_t i = 0; i < std::min(used, text.size()); ++i) {
      if (text[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    return InvalidArgument("body: malformed JSON at line " + std::to_string(line) + " column " +
                           std::to_string(col) + ": " + ec.message());
  }
  return p.release();
}

std::string JoinPath(std::string_view path, std::string_view key) {
  if (path.empty()) return std::string(key);
  std::string out(path);
  out += '.';
  out += key;
  return out;
}

std::string IndexPath(std::string_view path, size_t index) {
  std::string out(path);
  out += '[';
  out += std::to_string(index);
  out += ']';
  return out;
}

Result<ObjectReader> ObjectReader::Of(const json::value& v, std::string path) {
  if (!v.is_object()) return TypeError(path, "an object");
  return ObjectReader(v.get_object(), std::move(path));
}

bool ObjectReader::Has(std::string_view key) const {
  auto it = obj_->find(key);
  return it != obj_->end() && !it->value().is_null();
}

const json::value* ObjectReader::Get(std::string_view key) {
  seen_.emplace_back(key);
  auto it = obj_->find(key);
  if (it == obj_->end() || it->value().is_null()) return nullptr;
  return &it->value();
}

Status ObjectReader::String(std::string_view key, std::string& out, Need need, size_t max_len) {
  const json::value* v = Get(key);
  const std::string p = PathOf(key);
  if (v == nullptr) {
    if (need == kRequired) return InvalidArgument(p + ": required", p);
    return {};
  }
  if (!v->is_string()) return TypeError(p, "a string");
  const json::string& s = v->get_string();
  SW_RETURN_IF_ERROR(CheckLength(p, s, max_len));
  out.assign(s.data(), s.size());
  return {};
}

Status ObjectReader::OptString(std::string_view key, std::optional<std::string>& out,
                               size_t max_len) {
  if (!Has(key)) {
    Get(key);
    return {};
  }
  std::string s;
  SW_RETURN_IF_ERROR(String(key, s, kRequired, max_len));
  out = std::move(s);
  return {};
}

Status ObjectReader::Int(std::string_view key, int64_t& out, Need need) {
  const json::value* v = Get(key);
  const std::string p = PathOf(key);
  if (v == nullptr) {
    if (need == kRequired) return InvalidArgument(p + ": required", p);
    return {};
  }
  if (v->is_int64()) {
    out = v->get_int64();
  } else if (v->is_uint64() && v->get_uint64() <= static_cast<uint64_t>(INT64_MAX)) {
    out = static_cast<int64_t>(v->get_uint64());
  } else {
    return TypeError(p, "an integer");
  }
  return {};
}

Status ObjectReader::Bool(std::string_view key, bool& out, Need need) {
  const json::value* v = Get(key);
  const std::string p = PathOf(key);
  if (v == nullptr) {
    if (need == kRequired) return InvalidArgument(p + ": required", p);
    return {};
  }
  if (!v->is_bool()) return TypeError(p, "true or false");
  out = v->get_bool();
  return {};
}

Status ObjectReader::StringArray(std::string_view key, std::vector<std::string>& out, Need need,
                                 size_t max_items, size_t max_len) {
  const json::value* v = Get(key);
  const std::string p = PathOf(key);
  if (v == nullptr) {
    if (need == kRequired) return InvalidArgument(p + ": required", p);
    return {};
  }
  if (!v->is_array()) return TypeError(p, "an array of strings");
  const json::array& a = v->get_array();
  if (a.size() > max_items) {
    return InvalidArgument(p + ": more than " + std::to_string(max_items) + " items", p);
  }
  std::vector<std::string> items;
  items.reserve(a.size());
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string ip = IndexPath(p, i);
    if (!a[i].is_string()) return TypeError(ip, "a string");
    SW_RETURN_IF_ERROR(CheckLength(ip, a[i].get_string(), max_len));
    items.emplace_back(a[i].get_string().data(), a[i].get_string().size());
  }
  out = std::move(items);
  return {};
}

Status ObjectReader::Finish() const {
  for (const auto& kv : *obj_) {
    if (std::find(seen_.begin(), seen_.end(), kv.key()) == seen_.end()) {
      const std::string p = JoinPath(path_, kv.key());
      return InvalidArgument(p + ": unknown field", p);
    }
  }
  return {};
}

std::string ToJson(const json::value& v) { return json::serialize(v); }

}  // namespace sw
