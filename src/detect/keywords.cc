// SPDX-License-Identifier: Apache-2.0
//
// The table of supported rule keywords: the one place to look to see what
// the parser understands. Sticky buffers, legacy content modifiers and
// transforms come from buffers.cc.
#include <array>

#include "detect/rule_builder.h"

namespace sw::detect {
namespace {

struct KeywordEntry {
  std::string_view name;
  KeywordHandler handler;
};

constexpr std::array kKeywords = {
    // meta
    KeywordEntry{"msg", ParseMsg},
    KeywordEntry{"sid", ParseSid},
    KeywordEntry{"rev", ParseRev},
    KeywordEntry{"gid", ParseGid},
    KeywordEntry{"classtype", ParseClasstype},
    KeywordEntry{"priority", ParsePriority},
    KeywordEntry{"reference", ParseReference},
    KeywordEntry{"metadata", ParseMetadata},
    KeywordEntry{"target", ParseTarget},
    // payload
    KeywordEntry{"content", ParseContent},
    KeywordEntry{"uricontent", ParseUricontent},
    KeywordEntry{"nocase", ParseNocase},
    KeywordEntry{"rawbytes", ParseRawbytes},
    KeywordEntry{"depth", ParseDepth},
    KeywordEntry{"offset", ParseOffset},
    KeywordEntry{"distance", ParseDistance},
    KeywordEntry{"within", ParseWithin},
    KeywordEntry{"startswith", ParseStartswith},
    KeywordEntry{"endswith", ParseEndswith},
    KeywordEntry{"fast_pattern", ParseFastPattern},
    KeywordEntry{"pcre", ParsePcre},
    KeywordEntry{"isdataat", ParseIsdataat},
    KeywordEntry{"byte_test", ParseByteTest},
    KeywordEntry{"byte_jump", ParseByteJump},
    KeywordEntry{"bsize", ParseBsize},
    KeywordEntry{"urilen", ParseUrilen},
    KeywordEntry{"dsize", ParseDsize},
    // packet header and stream
    KeywordEntry{"itype", ParseItype},
    KeywordEntry{"icode", ParseIcode},
    KeywordEntry{"ttl", ParseTtl},
    KeywordEntry{"ip_proto", ParseIpProto},
    KeywordEntry{"flags", ParseFlags},
    KeywordEntry{"stream_size", ParseStreamSize},
    KeywordEntry{"tls.version", ParseTlsVersion},
    // flow
    KeywordEntry{"flow", ParseFlow},
    KeywordEntry{"flowbits", ParseFlowbits},
    KeywordEntry{"noalert", ParseNoalert},
    KeywordEntry{"app-layer-protocol", ParseAppLayerProtocol},
    KeywordEntry{"threshold", ParseThreshold},
    KeywordEntry{"detection_filter", ParseDetectionFilter},
};

}  // namespace

KeywordHandler FindKeywordHandler(std::string_view keyword) {
  for (const auto& k : kKeywords) {
    if (k.name == keyword) return k.handler;
  }
  return nullptr;
}

}  // namespace sw::detect
