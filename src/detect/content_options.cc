// SPDX-License-Identifier: Apache-2.0
//
// content and its modifiers: nocase, depth, offset, distance, within,
// startswith, endswith, fast_pattern, rawbytes, the legacy buffer modifiers
// (http_uri, ...) and uricontent.
#include <limits>

#include "detect/rule_builder.h"
#include "detect/text_util.h"

namespace sw::detect {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<int32_t> ParseModifierNumber(std::string_view keyword, std::string_view v, bool has) {
  SW_RETURN_IF_ERROR(NeedsValue(keyword, has));
  auto n = ParseInt(Trim(v));
  if (!n) {
    // byte_extract would name a variable here; that keyword is not supported,
    // so a name can only be an error.
    return InvalidArgument(std::string(keyword) + ": \"" + std::string(v.substr(0, 30)) + "\" is not a number");
  }
  if (*n < -65535 || *n > 65535) return InvalidArgument(std::string(keyword) + ": out of range");
  return static_cast<int32_t>(*n);
}

Status CheckAbsoluteRelativeMix(std::string_view keyword, const Content& c, bool absolute) {
  if (c.startswith) return InvalidArgument(std::string(keyword) + ": cannot be combined with startswith");
  if (absolute && c.relative()) {
    return InvalidArgument(std::string(keyword) + ": cannot be combined with distance/within on the same content");
  }
  if (!absolute && (c.depth || c.offset)) {
    return InvalidArgument(std::string(keyword) + ": cannot be combined with depth/offset on the same content");
  }
  return Status::Ok();
}

Result<size_t> AddContent(std::string_view v, bool has, std::string_view keyword, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(NeedsValue(keyword, has));
  v = Trim(v);
  Content c;
  if (!v.empty() && v[0] == '!') {
    c.negated = true;
    v = Trim(v.substr(1));
  }
  SW_ASSIGN_OR_RETURN(c.bytes, DecodeContentString(v, keyword));
  if (c.bytes.empty()) return InvalidArgument(std::string(keyword) + ": empty pattern");
  b.Add(std::move(c));
  b.last_content = b.rule.options.size() - 1;
  return *b.last_content;
}

}  // namespace

Result<std::string> DecodeContentString(std::string_view quoted, std::string_view keyword) {
  auto bad = [&](std::string_view why) {
    return InvalidArgument(std::string(keyword) + ": " + std::string(why) + " in " +
                           std::string(quoted.substr(0, 60)));
  };
  if (quoted.size() < 2 || quoted.front() != '"' || quoted.back() != '"') return bad("pattern is not quoted");
  const std::string_view in = quoted.substr(1, quoted.size() - 2);
  std::string out;
  out.reserve(in.size());
  bool hex = false;
  int high = -1;  // pending high nibble in hex mode
  for (size_t i = 0; i < in.size(); ++i) {
    const char ch = in[i];
    if (ch == '|') {
      if (hex && high >= 0) return bad("odd number of hex digits");
      hex = !hex;
      continue;
    }
    if (hex) {
      if (ch == ' ' || ch == '\t') {
        if (high >= 0) return bad("hex digits split by a blank");
        continue;
      }
      const int v = HexValue(ch);
      if (v < 0) return bad("bad hex digit '" + std::string(1, ch) + "'");
      if (high < 0) {
        high = v;
      } else {
        out += static_cast<char>((high << 4) | v);
        high = -1;
      }
      continue;
    }
    if (ch == '\\') {
      if (i + 1 >= in.size()) return bad("trailing backslash");
      const char next = in[++i];
      if (next != '"' && next != ';' && next != '\\' && next != ':') {
        return bad("invalid escape \"\\" + std::string(1, next) + "\"");
      }
      out += next;
      continue;
    }
    if (ch == '"') return bad("unescaped quote");
    if (ch == ';') return bad("unescaped ';'");
    out += ch;
  }
  if (hex) return bad("unterminated hex block");
  return out;
}

Status ParseContent(std::string_view v, bool has, RuleBuilder& b) {
  return AddContent(v, has, "content", b).status();
}

Status ParseUricontent(std::string_view v, bool has, RuleBuilder& b) {
  SW_ASSIGN_OR_RETURN(size_t index, AddContent(v, has, "uricontent", b));
  const BufferInfo& uri = Info(Buffer::kHttpUri);
  SW_RETURN_IF_ERROR(b.RequireApp(uri));
  b.rule.options[index].buffer = BufferRef{Buffer::kHttpUri, {}};
  return Status::Ok();
}

Status ParseNocase(std::string_view, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(TakesNoValue("nocase", has));
  SW_ASSIGN_OR_RETURN(Content * c, b.LastContent("nocase"));
  if (c->nocase) return InvalidArgument("nocase: given twice for the same content");
  c->nocase = true;
  return Status::Ok();
}

Status ParseRawbytes(std::string_view, bool has, RuleBuilder& b) {
  // Suricata accepts and ignores it: payloads are never normalized.
  SW_RETURN_IF_ERROR(TakesNoValue("rawbytes", has));
  return b.LastContent("rawbytes").status();
}

Status ParseDepth(std::string_view v, bool has, RuleBuilder& b) {
  SW_ASSIGN_OR_RETURN(int32_t n, ParseModifierNumber("depth", v, has));
  SW_ASSIGN_OR_RETURN(Content * c, b.LastContent("depth"));
  SW_RETURN_IF_ERROR(CheckAbsoluteRelativeMix("depth", *c, true));
  if (c->depth) return InvalidArgument("depth: given twice for the same content");
  if (n <= 0) return InvalidArgument("depth: must be positive");
  if (static_cast<size_t>(n) < c->bytes.size()) {
    return InvalidArgument("depth: " + std::to_string(n) + " is smaller than the content length " +
                           std::to_string(c->bytes.size()));
  }
  c->depth = n;
  return Status::Ok();
}

Status ParseOffset(std::string_view v, bool has, RuleBuilder& b) {
  SW_ASSIGN_OR_RETURN(int32_t n, ParseModifierNumber("offset", v, has));
  SW_ASSIGN_OR_RETURN(Content * c, b.LastContent("offset"));
  SW_RETURN_IF_ERROR(CheckAbsoluteRelativeMix("offset", *c, true));
  if (c->offset) return InvalidArgument("offset: given twice for the same content");
  if (n < 0) return InvalidArgument("offset: must not be negative");
  c->offset = n;
  return Status::Ok();
}

Status ParseDistance(std::string_view v, bool has, RuleBuilder& b) {
  SW_ASSIGN_OR_RETURN(int32_t n, ParseModifierNumber("distance", v, has));
  SW_ASSIGN_OR_RETURN(Content * c, b.LastContent("distance"));
  SW_RETURN_IF_ERROR(CheckAbsoluteRelativeMix("distance", *c, false));
  if (c->distance) return InvalidArgument("distance: given twice for the same content");
  c->distance = n;
  return Status::Ok();
}

Status ParseWithin(std::string_view v, bool has, RuleBuilder& b) {
  SW_ASSIGN_OR_RETURN(int32_t n, ParseModifierNumber("within", v, has));
  SW_ASSIGN_OR_RETURN(Content * c, b.LastContent("within"));
  SW_RETURN_IF_ERROR(CheckAbsoluteRelativeMix("within", *c, false));
  if (c->within) return InvalidArgument("within: given twice for the same content");
  if (n <= 0) return InvalidArgument("within: must be positive");
  if (static_cast<size_t>(n) < c->bytes.size()) {
    return InvalidArgument("within: " + std::to_string(n) + " is smaller than the content length " +
                           std::to_string(c->bytes.size()));
  }
  c->within = n;
  return Status::Ok();
}

Status ParseStartswith(std::string_view, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(TakesNoValue("startswith", has));
  SW_ASSIGN_OR_RETURN(Content * c, b.LastContent("startswith"));
  if (c->depth || c->offset || c->relative()) {
    return InvalidArgument("startswith: cannot be combined with depth, offset, distance or within");
  }
  if (c->startswith) return InvalidArgument("startswith: given twice for the same content");
  c->startswith = true;
  return Status::Ok();
}

Status ParseEndswith(std::string_view, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(TakesNoValue("endswith", has));
  SW_ASSIGN_OR_RETURN(Content * c, b.LastContent("endswith"));
  if (c->endswith) return InvalidArgument("endswith: given twice for the same content");
  c->endswith = true;
  return Status::Ok();
}

Status ParseFastPattern(std::string_view v, bool has, RuleBuilder& b) {
  SW_ASSIGN_OR_RETURN(Content * c, b.LastContent("fast_pattern"));
  for (const auto& o : b.rule.options) {
    const auto* other = std::get_if<Content>(&o.kind);
    if (other != nullptr && other->fast_pattern) {
      return InvalidArgument("fast_pattern: only one content of a rule may have it");
    }
  }
  c->fast_pattern = true;
  if (!has) return Status::Ok();
  v = Trim(v);
  if (v == "only") {
    c->fast_pattern_only = true;
    return Status::Ok();
  }
  const auto parts = SplitTrim(v, ',');
  if (parts.size() != 2) return InvalidArgument("fast_pattern: expected \"only\" or \"offset,length\"");
  auto off = ParseUint(parts[0]);
  auto len = ParseUint(parts[1]);
  if (!off || !len || *len == 0 || *off > 65535 || *len > 65535) {
    return InvalidArgument("fast_pattern: bad \"offset,length\"");
  }
  c->fast_pattern_slice = std::make_pair(static_cast<uint16_t>(*off), static_cast<uint16_t>(*len));
  return Status::Ok();
}

Status ApplyLegacyModifier(const BufferInfo& info, bool has_value, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(TakesNoValue(info.legacy_modifier, has_value));
  if (!b.last_content) return InvalidArgument(std::string(info.legacy_modifier) + ": no content before it");
  DetectOption& opt = b.rule.options[*b.last_content];
  if (opt.buffer.buffer != Buffer::kPktData && opt.buffer.buffer != info.id) {
    return InvalidArgument(std::string(info.legacy_modifier) + ": the content is already bound to " +
                           std::string(BufferName(opt.buffer.buffer)));
  }
  SW_RETURN_IF_ERROR(b.RequireApp(info));
  opt.buffer = BufferRef{info.id, {}};
  return Status::Ok();
}

}  // namespace sw::detect
