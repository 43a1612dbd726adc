// SPDX-License-Identifier: Apache-2.0
#include "detect/buffers.h"

#include <array>

namespace sw::detect {
namespace {

// In enum order; checked by buffers_test.
constexpr std::array kBuffers = {
    BufferInfo{Buffer::kPktData, "pkt_data", "", "", 0, ""},
    BufferInfo{Buffer::kFileData, "file.data", "file_data", "", 'Q', ""},
    BufferInfo{Buffer::kHttpUri, "http.uri", "", "http_uri", 'U', "http"},
    BufferInfo{Buffer::kHttpUriRaw, "http.uri.raw", "", "http_raw_uri", 'I', "http"},
    BufferInfo{Buffer::kHttpMethod, "http.method", "", "http_method", 'M', "http"},
    BufferInfo{Buffer::kHttpHeader, "http.header", "", "http_header", 'H', "http"},
    BufferInfo{Buffer::kHttpHeaderRaw, "http.header.raw", "", "http_raw_header", 'D', "http"},
    BufferInfo{Buffer::kHttpHost, "http.host", "", "http_host", 'W', "http"},
    BufferInfo{Buffer::kHttpHostRaw, "http.host.raw", "", "http_raw_host", 'Z', "http"},
    BufferInfo{Buffer::kHttpUserAgent, "http.user_agent", "", "http_user_agent", 'V', "http"},
    BufferInfo{Buffer::kHttpCookie, "http.cookie", "", "http_cookie", 'C', "http"},
    BufferInfo{Buffer::kHttpRequestBody, "http.request_body", "", "http_client_body", 'P', "http"},
    BufferInfo{Buffer::kHttpResponseBody, "http.response_body", "", "http_server_body", 0, "http"},
    BufferInfo{Buffer::kHttpStatCode, "http.stat_code", "", "http_stat_code", 'S', "http"},
    BufferInfo{Buffer::kHttpStatMsg, "http.stat_msg", "", "http_stat_msg", 'Y', "http"},
    BufferInfo{Buffer::kHttpRequestLine, "http.request_line", "http_request_line", "", 0, "http"},
    BufferInfo{Buffer::kHttpResponseLine, "http.response_line", "http_response_line", "", 0, "http"},
    BufferInfo{Buffer::kHttpHeaderNames, "http.header_names", "http_header_names", "", 0, "http"},
    BufferInfo{Buffer::kHttpContentType, "http.content_type", "http_content_type", "", 0, "http"},
    BufferInfo{Buffer::kHttpContentLen, "http.content_len", "http_content_len", "", 0, "http"},
    BufferInfo{Buffer::kHttpReferer, "http.referer", "http_referer", "", 0, "http"},
    BufferInfo{Buffer::kHttpAccept, "http.accept", "http_accept", "", 0, "http"},
    BufferInfo{Buffer::kHttpAcceptLang, "http.accept_lang", "http_accept_lang", "", 0, "http"},
    BufferInfo{Buffer::kHttpAcceptEnc, "http.accept_enc", "http_accept_enc", "", 0, "http"},
    BufferInfo{Buffer::kHttpConnection, "http.connection", "http_connection", "", 0, "http"},
    BufferInfo{Buffer::kHttpServer, "http.server", "", "", 0, "http"},
    BufferInfo{Buffer::kHttpLocation, "http.location", "", "", 0, "http"},
    BufferInfo{Buffer::kHttpProtocol, "http.protocol", "http_protocol", "", 0, "http"},
    BufferInfo{Buffer::kHttpStart, "http.start", "http_start", "", 0, "http"},
    BufferInfo{Buffer::kHttpRequestHeader, "http.request_header", "", "", 0, "http"},
    BufferInfo{Buffer::kHttpResponseHeader, "http.response_header", "", "", 0, "http"},
    BufferInfo{Buffer::kDnsQuery, "dns.query", "dns_query", "", 0, "dns"},
    BufferInfo{Buffer::kTlsSni, "tls.sni", "tls_sni", "", 0, "tls"},
    BufferInfo{Buffer::kTlsCertSubject, "tls.cert_subject", "tls_cert_subject", "", 0, "tls"},
    BufferInfo{Buffer::kTlsCertIssuer, "tls.cert_issuer", "tls_cert_issuer", "", 0, "tls"},
    BufferInfo{Buffer::kTlsCertSerial, "tls.cert_serial", "tls_cert_serial", "", 0, "tls"},
    BufferInfo{Buffer::kTlsCertFingerprint, "tls.cert_fingerprint", "tls_cert_fingerprint", "", 0, "tls"},
    BufferInfo{Buffer::kTlsCerts, "tls.certs", "", "", 0, "tls"},
    BufferInfo{Buffer::kJa3Hash, "ja3.hash", "ja3_hash", "", 0, "tls"},
    BufferInfo{Buffer::kJa3String, "ja3.string", "ja3_string", "", 0, "tls"},
    BufferInfo{Buffer::kJa3sHash, "ja3s.hash", "ja3s_hash", "", 0, "tls"},
    BufferInfo{Buffer::kJa3sString, "ja3s.string", "ja3s_string", "", 0, "tls"},
    BufferInfo{Buffer::kSshProto, "ssh.proto", "ssh_proto", "", 0, "ssh"},
    BufferInfo{Buffer::kSshSoftware, "ssh.software", "ssh_software", "", 0, "ssh"},
    BufferInfo{Buffer::kDnsQueriesRrname, "dns.queries.rrname", "", "", 0, "dns"},
};

struct TransformInfo {
  Transform id;
  std::string_view name;
};

constexpr std::array kTransforms = {
    TransformInfo{Transform::kDotPrefix, "dotprefix"},
    TransformInfo{Transform::kToLowercase, "to_lowercase"},
    TransformInfo{Transform::kToUppercase, "to_uppercase"},
    TransformInfo{Transform::kStripWhitespace, "strip_whitespace"},
    TransformInfo{Transform::kCompressWhitespace, "compress_whitespace"},
    TransformInfo{Transform::kUrlDecode, "url_decode"},
    TransformInfo{Transform::kToMd5, "to_md5"},
    TransformInfo{Transform::kToSha1, "to_sha1"},
    TransformInfo{Transform::kToSha256, "to_sha256"},
    TransformInfo{Transform::kHeaderLowercase, "header_lowercase"},
    TransformInfo{Transform::kStripPseudoHeaders, "strip_pseudo_headers"},
};

}  // namespace

const BufferInfo& Info(Buffer b) { return kBuffers[static_cast<size_t>(b)]; }
std::string_view BufferName(Buffer b) { return Info(b).name; }

const BufferInfo* FindStickyBuffer(std::string_view keyword) {
  for (const auto& b : kBuffers) {
    if (b.name == keyword || (!b.sticky_alias.empty() && b.sticky_alias == keyword)) return &b;
  }
  return nullptr;
}

const BufferInfo* FindLegacyModifier(std::string_view keyword) {
  for (const auto& b : kBuffers) {
    if (!b.legacy_modifier.empty() && b.legacy_modifier == keyword) return &b;
  }
  return nullptr;
}

const BufferInfo* FindPcreBufferFlag(char flag) {
  for (const auto& b : kBuffers) {
    if (b.pcre_flag != 0 && b.pcre_flag == flag) return &b;
  }
  return nullptr;
}

std::optional<Transform> FindTransform(std::string_view keyword) {
  for (const auto& t : kTransforms) {
    if (t.name == keyword) return t.id;
  }
  return std::nullopt;
}

std::string_view TransformName(Transform t) { return kTransforms[static_cast<size_t>(t)].name; }

}  // namespace sw::detect
