// SPDX-License-Identifier: Apache-2.0
//
// Internal to detect/: the state of one rule while its options are parsed,
// and the keyword handlers, one family per file (content_options.cc,
// pcre_option.cc, flow_options.cc, byte_options.cc, size_options.cc,
// header_options.cc, meta_options.cc). A handler validates its argument, appends to or amends
// the rule, and returns InvalidArgument for a broken option or Unimplemented
// for a valid but unsupported form.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "detect/rule.h"
#include "detect/rule_parser.h"

namespace sw::detect {

struct RuleBuilder {
  explicit RuleBuilder(const RuleContext& c) : ctx(c) {}

  const RuleContext& ctx;
  Rule rule;
  BufferRef sticky;  // the buffer in force for the next option
  bool sticky_set = false;
  std::optional<size_t> last_content;  // index in rule.options
  bool have_sid = false;
  bool have_priority = false;

  // The last content, or an error naming `keyword` when there is none.
  Result<Content*> LastContent(std::string_view keyword);
  // Records that the rule inspects `info`'s application protocol; an error
  // when the header names a different one.
  Status RequireApp(const BufferInfo& info);
  // Appends an option bound to the buffer in force.
  DetectOption& Add(decltype(DetectOption::kind) kind);
};

// Every handler: (value as written, without the keyword and ':'; has_value
// false when there was no ':') -> Status.
using KeywordHandler = Status (*)(std::string_view value, bool has_value, RuleBuilder& b);

// nullptr when `keyword` is not one of ours.
KeywordHandler FindKeywordHandler(std::string_view keyword);

// Keyword families (defined in the files named above).
Status ParseMsg(std::string_view v, bool has, RuleBuilder& b);
Status ParseSid(std::string_view v, bool has, RuleBuilder& b);
Status ParseRev(std::string_view v, bool has, RuleBuilder& b);
Status ParseGid(std::string_view v, bool has, RuleBuilder& b);
Status ParseClasstype(std::string_view v, bool has, RuleBuilder& b);
Status ParsePriority(std::string_view v, bool has, RuleBuilder& b);
Status ParseReference(std::string_view v, bool has, RuleBuilder& b);
Status ParseMetadata(std::string_view v, bool has, RuleBuilder& b);
Status ParseTarget(std::string_view v, bool has, RuleBuilder& b);

Status ParseContent(std::string_view v, bool has, RuleBuilder& b);
Status ParseUricontent(std::string_view v, bool has, RuleBuilder& b);
Status ParseNocase(std::string_view v, bool has, RuleBuilder& b);
Status ParseRawbytes(std::string_view v, bool has, RuleBuilder& b);
Status ParseDepth(std::string_view v, bool has, RuleBuilder& b);
Status ParseOffset(std::string_view v, bool has, RuleBuilder& b);
Status ParseDistance(std::string_view v, bool has, RuleBuilder& b);
Status ParseWithin(std::string_view v, bool has, RuleBuilder& b);
Status ParseStartswith(std::string_view v, bool has, RuleBuilder& b);
Status ParseEndswith(std::string_view v, bool has, RuleBuilder& b);
Status ParseFastPattern(std::string_view v, bool has, RuleBuilder& b);
// A legacy content modifier (http_uri, ...) moving the last content.
Status ApplyLegacyModifier(const BufferInfo& info, bool has_value, RuleBuilder& b);

Status ParsePcre(std::string_view v, bool has, RuleBuilder& b);

Status ParseFlow(std::string_view v, bool has, RuleBuilder& b);
Status ParseFlowbits(std::string_view v, bool has, RuleBuilder& b);
Status ParseNoalert(std::string_view v, bool has, RuleBuilder& b);
Status ParseAppLayerProtocol(std::string_view v, bool has, RuleBuilder& b);
Status ParseThreshold(std::string_view v, bool has, RuleBuilder& b);
Status ParseDetectionFilter(std::string_view v, bool has, RuleBuilder& b);

Status ParseIsdataat(std::string_view v, bool has, RuleBuilder& b);
Status ParseByteTest(std::string_view v, bool has, RuleBuilder& b);
Status ParseByteJump(std::string_view v, bool has, RuleBuilder& b);

Status ParseDsize(std::string_view v, bool has, RuleBuilder& b);
Status ParseBsize(std::string_view v, bool has, RuleBuilder& b);
Status ParseUrilen(std::string_view v, bool has, RuleBuilder& b);
Status ParseItype(std::string_view v, bool has, RuleBuilder& b);
Status ParseIcode(std::string_view v, bool has, RuleBuilder& b);
Status ParseTtl(std::string_view v, bool has, RuleBuilder& b);
Status ParseIpProto(std::string_view v, bool has, RuleBuilder& b);
Status ParseFlags(std::string_view v, bool has, RuleBuilder& b);
Status ParseStreamSize(std::string_view v, bool has, RuleBuilder& b);
Status ParseTlsVersion(std::string_view v, bool has, RuleBuilder& b);

// "5", "<5", ">=5", "!5", "2<>8". Errors start with `keyword`.
Result<Compare> ParseCompare(std::string_view v, std::string_view keyword);

// Decodes a quoted content string: |hex| parts and the escapes \" \; \\ \:.
// Errors name the problem: `content: odd number of hex digits in "|4|"`.
Result<std::string> DecodeContentString(std::string_view quoted, std::string_view keyword);
// Strips surrounding quotes and resolves backslash escapes (msg, metadata).
std::string Unquote(std::string_view v);

// Helpers for handlers.
Status NeedsValue(std::string_view keyword, bool has_value);
Status TakesNoValue(std::string_view keyword, bool has_value);

}  // namespace sw::detect
