// SPDX-License-Identifier: Apache-2.0
#include "packet/app/tls.h"

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <cstdio>

#include "core/crypto.h"

namespace sw::packet::app {
namespace {

constexpr size_t kMaxHandshakeBytes = size_t{64} << 10;

uint16_t Be16(const uint8_t* p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }
uint32_t Be24(const uint8_t* p) { return uint32_t{p[0]} << 16 | uint32_t{p[1]} << 8 | p[2]; }

// GREASE values (RFC 8701) are left out of JA3, as its definition says.
bool IsGrease(uint16_t v) { return (v & 0x0F0F) == 0x0A0A && (v >> 8) == (v & 0xFF); }

// A bounds-checked cursor over a message.
struct Reader {
  Bytes b;
  size_t at = 0;
  bool ok = true;
  bool Has(size_t n) { return ok = ok && at + n <= b.size(); }
  uint8_t U8() { return Has(1) ? b[at++] : 0; }
  uint16_t U16() {
    if (!Has(2)) return 0;
    at += 2;
    return Be16(b.data() + at - 2);
  }
  Bytes Take(size_t n) {
    if (!Has(n)) return {};
    at += n;
    return b.subspan(at - n, n);
  }
};

void JoinList(std::string& out, const std::vector<uint16_t>& v) {
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out.push_back('-');
    out += std::to_string(v[i]);
  }
}

std::string NameText(X509_NAME* name) {
  // Suricata prints "C=US, ST=..., CN=...": one-line RFC 2253-like, in order.
  std::string out;
  const int n = X509_NAME_entry_count(name);
  for (int i = 0; i < n; ++i) {
    X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
    const int nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(e));
    const char* sn = OBJ_nid2sn(nid);
    unsigned char* utf8 = nullptr;
    const int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(e));
    if (len < 0) continue;
    if (!out.empty()) out += ", ";
    out += std::string(sn ? sn : "?") + "=" + std::string(reinterpret_cast<char*>(utf8), static_cast<size_t>(len));
    OPENSSL_free(utf8);
  }
  return out;
}

std::string TimeText(const ASN1_TIME* t) {
  tm parts{};
  if (ASN1_TIME_to_tm(t, &parts) != 1) return "";
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", parts.tm_year + 1900, parts.tm_mon + 1,
                parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec);
  return buf;
}

}  // namespace

bool LooksLikeTls(Bytes s) {
  // A handshake record of SSL 3.0 to TLS 1.2 record versions (TLS 1.3 keeps 0x0301-0x0303).
  return s.size() >= 3 && s[0] == 0x16 && s[1] == 0x03 && s[2] <= 0x04;
}

std::string TlsVersionName(uint16_t v) {
  switch (v) {
    case 0x0300: return "SSLv3";
    case 0x0301: return "TLS 1.0";
    case 0x0302: return "TLS 1.1";
    case 0x0303: return "TLS 1.2";
    case 0x0304: return "TLS 1.3";
    default: {
      char buf[8];
      std::snprintf(buf, sizeof buf, "0x%04x", v);
      return buf;
    }
  }
}

void TlsParser::Feed(Bytes data) {
  if (done_) return;
  seen_ += data.size();
  if (seen_ > kMaxHandshakeBytes) {
    done_ = true;
    return;
  }
  records_.insert(records_.end(), data.begin(), data.end());
  size_t at = 0;
  while (!done_ && at + 5 <= records_.size()) {
    const uint8_t type = records_[at];
    const size_t len = Be16(records_.data() + at + 3);
    if (at + 5 + len > records_.size()) break;
    if (type == 0x16) {
      handshake_.insert(handshake_.end(), records_.begin() + static_cast<long>(at + 5),
                        records_.begin() + static_cast<long>(at + 5 + len));
      // Every complete handshake message in the buffer.
      size_t h = 0;
      while (!done_ && h + 4 <= handshake_.size()) {
        const size_t mlen = Be24(handshake_.data() + h + 1);
        if (h + 4 + mlen > handshake_.size()) break;
        Handshake(Bytes(handshake_).subspan(h, 4 + mlen));
        h += 4 + mlen;
      }
      handshake_.erase(handshake_.begin(), handshake_.begin() + static_cast<long>(h));
    } else if (type == 0x14 || type == 0x17 || (type != 0x15 && type != 0x16)) {
      done_ = true;  // change cipher spec, application data, or not TLS: the clear part is over
    }
    at += 5 + len;
  }
  records_.erase(records_.begin(), records_.begin() + static_cast<long>(at));
}

void TlsParser::Handshake(Bytes msg) {
  const uint8_t type = msg[0];
  Reader r{msg.subspan(4)};
  if (type == 1 && !client_hello_) {
    TlsClientHello ch;
    ch.version = r.U16();
    r.Take(32);
    r.Take(r.U8());
    std::vector<uint16_t> ciphers, exts, groups, formats;
    Reader cs{r.Take(r.U16())};
    while (cs.ok && cs.at + 2 <= cs.b.size()) {
      const uint16_t c = cs.U16();
      if (!IsGrease(c)) ciphers.push_back(c);
    }
    r.Take(r.U8());  // compression methods
    if (r.at + 2 <= r.b.size()) {
      Reader ex{r.Take(r.U16())};
      while (ex.ok && ex.at + 4 <= ex.b.size()) {
        const uint16_t et = ex.U16();
        Reader body{ex.Take(ex.U16())};
        if (!ex.ok) break;
        if (!IsGrease(et)) exts.push_back(et);
        if (et == 0) {  // server_name
          body.U16();
          if (body.U8() == 0) {
            Bytes name = body.Take(body.U16());
            if (body.ok) ch.sni.assign(name.begin(), name.end());
          }
        } else if (et == 10) {  // supported_groups
          Reader g{body.Take(body.U16())};
          while (g.ok && g.at + 2 <= g.b.size()) {
            const uint16_t v = g.U16();
            if (!IsGrease(v)) groups.push_back(v);
          }
        } else if (et == 11) {  // ec_point_formats
          Bytes f = body.Take(body.U8());
          for (uint8_t v : f) formats.push_back(v);
        }
      }
    }
    if (!r.ok) return;
    ch.ja3 = std::to_string(ch.version) + ",";
    JoinList(ch.ja3, ciphers);
    ch.ja3 += ",";
    JoinList(ch.ja3, exts);
    ch.ja3 += ",";
    JoinList(ch.ja3, groups);
    ch.ja3 += ",";
    JoinList(ch.ja3, formats);
    ch.ja3_hash = Md5Hex(ch.ja3);
    client_hello_ = std::move(ch);
    done_ = true;  // a client direction has nothing more for us
  } else if (type == 2 && !server_hello_) {
    TlsServerHello sh;
    sh.version = r.U16();
    const uint16_t legacy = sh.version;
    r.Take(32);
    r.Take(r.U8());
    sh.cipher = r.U16();
    r.U8();
    std::vector<uint16_t> exts;
    if (r.at + 2 <= r.b.size()) {
      Reader ex{r.Take(r.U16())};
      while (ex.ok && ex.at + 4 <= ex.b.size()) {
        const uint16_t et = ex.U16();
        Reader body{ex.Take(ex.U16())};
        if (!ex.ok) break;
        exts.push_back(et);
        if (et == 43) sh.version = body.U16();  // supported_versions: the real one
      }
    }
    if (!r.ok) return;
    sh.ja3s = std::to_string(legacy) + "," + std::to_string(sh.cipher) + ",";
    JoinList(sh.ja3s, exts);
    sh.ja3s_hash = Md5Hex(sh.ja3s);
    if (sh.version == 0x0304) done_ = true;  // TLS 1.3: the certificate is encrypted
    server_hello_ = std::move(sh);
  } else if (type == 11 && !certificate_) {
    if (!r.Has(3)) return;
    const size_t total = Be24(r.b.data() + r.at);
    r.at += 3;
    Reader list{r.Take(total)};
    if (!r.ok || !list.Has(3)) return;
    const size_t len = Be24(list.b.data() + list.at);
    list.at += 3;
    Bytes der = list.Take(len);
    if (!list.ok || der.empty()) return;
    const unsigned char* p = der.data();
    X509* x = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
    if (x == nullptr) return;
    TlsCertificate c;
    c.subject = NameText(X509_get_subject_name(x));
    c.issuer = NameText(X509_get_issuer_name(x));
    c.not_before = TimeText(X509_get0_notBefore(x));
    c.not_after = TimeText(X509_get0_notAfter(x));
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    X509_digest(x, EVP_sha1(), md, &mdlen);
    for (unsigned i = 0; i < mdlen; ++i) {
      char hex[4];
      std::snprintf(hex, sizeof hex, i ? ":%02x" : "%02x", md[i]);
      c.fingerprint += hex;
    }
    X509_free(x);
    certificate_ = std::move(c);
    done_ = true;
  }
}

}  // namespace sw::packet::app
