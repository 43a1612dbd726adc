// SPDX-License-Identifier: Apache-2.0
#include "sensor/detect_buffers.h"

#include <algorithm>

#include "packet/app/http_decode.h"

namespace sw::sensor {
namespace {

using detect::Buffer;
using Opt = std::optional<std::string_view>;

Opt Present(std::string_view v) { return v.empty() ? Opt() : Opt(v); }

// Percent-decoding of the path and query, for http.uri (Suricata's
// normalized URI); http.uri.raw keeps the bytes as sent.
std::string NormalizeUri(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '%' && i + 2 < raw.size() && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(raw[i + 1]) << 4 | hex(raw[i + 2])));
      i += 2;
    } else {
      out.push_back(raw[i]);
    }
  }
  return out;
}

std::string HeaderBlock(const packet::app::HttpMessage& m, bool skip_cookie) {
  std::string out;
  for (const auto& h : m.headers) {
    if (skip_cookie && (h.name == "Cookie" || h.name == "cookie" || h.name == "Set-Cookie")) continue;
    out += h.name + ": " + h.value + "\r\n";
  }
  return out;
}

}  // namespace

// A body as its content coding makes it (gzip, deflate), as sent otherwise.
std::string Decoded(const packet::app::HttpMessage& m) {
  const std::string_view coding = m.Header("Content-Encoding");
  if (!coding.empty()) {
    if (auto d = packet::app::DecodeBody(coding, m.body)) return std::move(*d);
  }
  return m.body;
}

std::optional<std::string_view> PacketBuffers::Get(Buffer b) {
  if (b != Buffer::kPktData) return std::nullopt;
  return std::string_view(reinterpret_cast<const char*>(p_.payload.data()), p_.payload.size());
}

std::optional<std::string_view> HttpBuffers::Get(Buffer b) {
  if (auto it = cache_.find(b); it != cache_.end()) return std::string_view(it->second);
  const auto& rq = tx_.request;
  const packet::app::HttpMessage* rs = tx_.response ? &*tx_.response : nullptr;
  // The message whose headers this side inspects.
  const packet::app::HttpMessage* side = to_server_ ? &rq : rs;
  std::string v;
  switch (b) {
    case Buffer::kHttpUri: v = NormalizeUri(rq.uri); break;
    case Buffer::kHttpUriRaw: v = rq.uri; break;
    case Buffer::kHttpMethod: v = rq.method; break;
    case Buffer::kHttpProtocol: v = rq.protocol; break;
    case Buffer::kHttpRequestLine: v = rq.method + " " + rq.uri + (rq.protocol.empty() ? "" : " " + rq.protocol); break;
    case Buffer::kHttpHeader: if (side) v = HeaderBlock(*side, true); break;
    case Buffer::kHttpHeaderRaw: if (side) v = HeaderBlock(*side, false); break;
    case Buffer::kHttpHeaderNames: {
      if (!side) break;
      v = "\r\n";
      for (const auto& h : side->headers) v += h.name + "\r\n";
      v += "\r\n";
      break;
    }
    case Buffer::kHttpHost: {
      std::string_view host = rq.Header("Host");
      if (const size_t c = host.rfind(':'); c != std::string_view::npos && host.find(']') == std::string_view::npos) {
        host = host.substr(0, c);
      }
      v = std::string(host);
      std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      break;
    }
    case Buffer::kHttpHostRaw: v = std::string(rq.Header("Host")); break;
    case Buffer::kHttpUserAgent: v = std::string(rq.Header("User-Agent")); break;
    case Buffer::kHttpCookie: v = std::string(rq.Header("Cookie")); break;
    case Buffer::kHttpReferer: v = std::string(rq.Header("Referer")); break;
    case Buffer::kHttpAccept: v = std::string(rq.Header("Accept")); break;
    case Buffer::kHttpAcceptLang: v = std::string(rq.Header("Accept-Language")); break;
    case Buffer::kHttpAcceptEnc: v = std::string(rq.Header("Accept-Encoding")); break;
    case Buffer::kHttpConnection: if (side) v = std::string(side->Header("Connection")); break;
    case Buffer::kHttpContentType: if (side) v = std::string(side->Header("Content-Type")); break;
    case Buffer::kHttpContentLen: if (side) v = std::string(side->Header("Content-Length")); break;
    case Buffer::kHttpRequestBody: v = Decoded(rq); break;
    case Buffer::kHttpStart: v = rq.method + " " + rq.uri + " " + rq.protocol + "\r\n" + HeaderBlock(rq, false) + "\r\n"; break;
    case Buffer::kHttpStatCode: if (rs) v = std::to_string(rs->status); break;
    case Buffer::kHttpStatMsg: if (rs) v = rs->reason; break;
    case Buffer::kHttpResponseLine: if (rs) v = rs->protocol + " " + std::to_string(rs->status) + " " + rs->reason; break;
    case Buffer::kHttpServer: if (rs) v = std::string(rs->Header("Server")); break;
    case Buffer::kHttpLocation: if (rs) v = std::string(rs->Header("Location")); break;
    case Buffer::kHttpResponseBody:
    case Buffer::kFileData: if (rs) v = Decoded(*rs); break;
    default: return std::nullopt;
  }
  if (v.empty() && b != Buffer::kHttpUri && b != Buffer::kHttpUriRaw) return std::nullopt;
  auto [it, inserted] = cache_.emplace(b, std::move(v));
  return std::string_view(it->second);
}

std::optional<std::string_view> DnsBuffers::Get(Buffer b) {
  if (m_.questions.empty()) return std::nullopt;
  // dns.query: the request's name (Suricata inspects it in requests only);
  // dns.queries.rrname: the name in requests and responses. One question
  // per message is what DNS sends in practice; the first one is inspected.
  if (b == Buffer::kDnsQuery && !m_.response) return std::string_view(m_.questions.front().name);
  if (b == Buffer::kDnsQueriesRrname) return std::string_view(m_.questions.front().name);
  return std::nullopt;
}

std::optional<std::string_view> TlsBuffers::Get(Buffer b) {
  switch (b) {
    case Buffer::kTlsSni: return t_.client ? Present(t_.client->sni) : Opt();
    case Buffer::kJa3Hash: return t_.client ? Present(t_.client->ja3_hash) : Opt();
    case Buffer::kJa3String: return t_.client ? Present(t_.client->ja3) : Opt();
    case Buffer::kJa3sHash: return t_.server ? Present(t_.server->ja3s_hash) : Opt();
    case Buffer::kJa3sString: return t_.server ? Present(t_.server->ja3s) : Opt();
    case Buffer::kTlsCertSubject: return t_.certificate ? Present(t_.certificate->subject) : Opt();
    case Buffer::kTlsCertIssuer: return t_.certificate ? Present(t_.certificate->issuer) : Opt();
    case Buffer::kTlsCertFingerprint: return t_.certificate ? Present(t_.certificate->fingerprint) : Opt();
    default: return std::nullopt;
  }
}

std::optional<std::string_view> SshBuffers::Get(Buffer b) {
  const std::string& banner = client_ ? s_.client : s_.server;
  const size_t d1 = banner.find('-');
  const size_t d2 = d1 == std::string::npos ? std::string::npos : banner.find('-', d1 + 1);
  if (d2 == std::string::npos) return std::nullopt;
  if (b == Buffer::kSshProto) {
    proto_ = banner.substr(d1 + 1, d2 - d1 - 1);
    return std::string_view(proto_);
  }
  if (b == Buffer::kSshSoftware) {
    software_ = banner.substr(d2 + 1, banner.find(' ', d2) - d2 - 1);
    return std::string_view(software_);
  }
  return std::nullopt;
}

}  // namespace sw::sensor
