// SPDX-License-Identifier: Apache-2.0
//
// The inspection buffers a detection option can be bound to, and the
// transforms that may be applied to a buffer before inspection. A buffer is
// selected by a sticky-buffer keyword (`http.uri;`), by a legacy content
// modifier after the content (`content:"x"; http_uri;`) or by a pcre flag
// (`/x/U`; as in Suricata, Q selects file.data, which holds HTTP response
// bodies). The newer HTTP buffers' underscore names (http_content_type, ...)
// are sticky aliases, not content modifiers. Each buffer names the application protocol that provides it, so
// a `tcp` rule inspecting `http.uri` becomes an HTTP rule, as in Suricata.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace sw::detect {

enum class Buffer : uint8_t {
  kPktData,  // the packet payload or reassembled stream: the default
  kFileData,
  kHttpUri,
  kHttpUriRaw,
  kHttpMethod,
  kHttpHeader,
  kHttpHeaderRaw,
  kHttpHost,
  kHttpHostRaw,
  kHttpUserAgent,
  kHttpCookie,
  kHttpRequestBody,
  kHttpResponseBody,
  kHttpStatCode,
  kHttpStatMsg,
  kHttpRequestLine,
  kHttpResponseLine,
  kHttpHeaderNames,
  kHttpContentType,
  kHttpContentLen,
  kHttpReferer,
  kHttpAccept,
  kHttpAcceptLang,
  kHttpAcceptEnc,
  kHttpConnection,
  kHttpServer,
  kHttpLocation,
  kHttpProtocol,
  kHttpStart,
  kHttpRequestHeader,   // one "Name: value" per header line (multi-buffer)
  kHttpResponseHeader,
  kDnsQuery,
  kTlsSni,
  kTlsCertSubject,
  kTlsCertIssuer,
  kTlsCertSerial,
  kTlsCertFingerprint,
  kTlsCerts,
  kJa3Hash,
  kJa3String,
  kJa3sHash,
  kJa3sString,
  kSshProto,
  kSshSoftware,
  kDnsQueriesRrname,  // the query names of requests and responses alike
};

struct BufferInfo {
  Buffer id;
  std::string_view name;             // canonical sticky keyword: "http.uri"
  std::string_view sticky_alias;     // older sticky spelling: "dns_query"; may be empty
  std::string_view legacy_modifier;  // content modifier: "http_uri"; may be empty
  char pcre_flag;                    // pcre modifier selecting it: 'U'; 0 if none
  std::string_view app;              // application protocol providing it; empty: any
};

const BufferInfo& Info(Buffer b);
std::string_view BufferName(Buffer b);
// Lookups by keyword; nullptr when the word is not one.
const BufferInfo* FindStickyBuffer(std::string_view keyword);
const BufferInfo* FindLegacyModifier(std::string_view keyword);
const BufferInfo* FindPcreBufferFlag(char flag);

// Transforms change the bytes of the sticky buffer in force before the
// options after them inspect it (Suricata's "transformations").
enum class Transform : uint8_t {
  kDotPrefix,        // prepend '.' (domain suffix matching with endswith)
  kToLowercase,
  kToUppercase,
  kStripWhitespace,
  kCompressWhitespace,
  kUrlDecode,
  kToMd5,
  kToSha1,
  kToSha256,
  kHeaderLowercase,
  kStripPseudoHeaders,
};

std::optional<Transform> FindTransform(std::string_view keyword);
std::string_view TransformName(Transform t);

// A buffer as an option sees it: which buffer, after which transforms.
struct BufferRef {
  Buffer buffer = Buffer::kPktData;
  std::vector<Transform> transforms;
  bool operator==(const BufferRef&) const = default;
};

}  // namespace sw::detect
