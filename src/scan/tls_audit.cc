// SPDX-License-Identifier: Apache-2.0
#include "scan/tls_audit.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <ctime>
#include <memory>

namespace sw::scan {
namespace {

struct SslCtxDeleter {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};
struct SslDeleter {
  void operator()(SSL* s) const { SSL_free(s); }
};
struct X509Deleter {
  void operator()(X509* x) const { X509_free(x); }
};
using X509Ptr = std::unique_ptr<X509, X509Deleter>;

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// A TCP connection with connect, send and receive bounded by `timeout`.
int ConnectWithTimeout(const TargetHost& host, uint16_t port, std::chrono::milliseconds timeout) {
  sockaddr_storage ss{};
  socklen_t len = 0;
  if (host.address.is_v4()) {
    auto* a = reinterpret_cast<sockaddr_in*>(&ss);
    a->sin_family = AF_INET;
    a->sin_port = htons(port);
    const auto b = host.address.to_v4().to_bytes();
    std::memcpy(&a->sin_addr, b.data(), 4);
    len = sizeof(sockaddr_in);
  } else {
    auto* a = reinterpret_cast<sockaddr_in6*>(&ss);
    a->sin6_family = AF_INET6;
    a->sin6_port = htons(port);
    const auto b = host.address.to_v6().to_bytes();
    std::memcpy(&a->sin6_addr, b.data(), 16);
    len = sizeof(sockaddr_in6);
  }
  const int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (connect(fd, reinterpret_cast<sockaddr*>(&ss), len) != 0 && errno != EINPROGRESS) {
    close(fd);
    return -1;
  }
  pollfd p{fd, POLLOUT, 0};
  int err = 0;
  socklen_t elen = sizeof err;
  if (poll(&p, 1, static_cast<int>(timeout.count())) != 1 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) != 0 ||
      err != 0) {
    close(fd);
    return -1;
  }
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  timeval tv{static_cast<time_t>(timeout.count() / 1000), static_cast<suseconds_t>((timeout.count() % 1000) * 1000)};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  return fd;
}

struct Handshake {
  bool ok = false;
  std::string version;
  X509Ptr cert;
};

// One handshake limited to [min_version, max_version] and `ciphers` (TLS 1.2
// and lower). Security level 0: we must be able to talk to weak servers to
// report them.
Handshake TryHandshake(const TargetHost& host, uint16_t port, int min_version, int max_version,
                       const char* ciphers, std::chrono::milliseconds timeout) {
  Handshake out;
  std::unique_ptr<SSL_CTX, SslCtxDeleter> ctx(SSL_CTX_new(TLS_client_method()));
  if (!ctx) return out;
  SSL_CTX_set_security_level(ctx.get(), 0);
  if (SSL_CTX_set_min_proto_version(ctx.get(), min_version) != 1 ||
      SSL_CTX_set_max_proto_version(ctx.get(), max_version) != 1 ||
      SSL_CTX_set_cipher_list(ctx.get(), ciphers) != 1) {
    ERR_clear_error();
    return out;  // this library cannot offer that: nothing to learn
  }
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
  Fd fd(ConnectWithTimeout(host, port, timeout));
  if (fd.get() < 0) return out;
  std::unique_ptr<SSL, SslDeleter> ssl(SSL_new(ctx.get()));
  SSL_set_fd(ssl.get(), fd.get());
  if (!host.hostname.empty()) {
    // SSL_set_tlsext_host_name is a macro with a C cast; this is its body.
    SSL_ctrl(ssl.get(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
             const_cast<char*>(host.hostname.c_str()));
  }
  if (SSL_connect(ssl.get()) == 1) {
    out.ok = true;
    out.version = SSL_get_version(ssl.get());
    out.cert.reset(SSL_get1_peer_certificate(ssl.get()));
    SSL_shutdown(ssl.get());
  }
  ERR_clear_error();
  return out;
}

Timestamp ToTimestamp(const ASN1_TIME* t) {
  std::tm tm{};
  ASN1_TIME_to_tm(t, &tm);
  return FromUnixMillis(static_cast<int64_t>(timegm(&tm)) * 1000);
}

std::string NameText(const X509_NAME* name) {
  char buf[512];
  X509_NAME_oneline(name, buf, sizeof buf);
  return buf;
}

model::Finding Make(const TargetHost& host, uint16_t port, std::string check, model::Severity sev, std::string title_zh,
                    std::string title_en, std::string evidence, std::string fix_zh, std::string fix_en,
                    std::vector<std::string> refs) {
  model::Finding f;
  f.check_id = std::move(check);
  f.severity = sev;
  f.host = host.address.to_string();
  f.port = port;
  f.title_zh = std::move(title_zh);
  f.title_en = std::move(title_en);
  f.evidence = std::move(evidence);
  f.remediation_zh = std::move(fix_zh);
  f.remediation_en = std::move(fix_en);
  f.references = std::move(refs);
  return f;
}

}  // namespace

Result<TlsAudit> AuditTls(const TargetHost& host, uint16_t port, const ScanScope& scope,
                          const TlsAuditOptions& options, Timestamp now) {
  SW_RETURN_IF_ERROR(scope.Admit(host));
  TlsAudit audit;
  TlsFacts& f = audit.facts;

  // Certificate facts from the best handshake the server allows.
  Handshake best = TryHandshake(host, port, TLS1_VERSION, TLS1_3_VERSION, "ALL:COMPLEMENTOFALL:@SECLEVEL=0",
                                options.timeout);
  if (!best.ok) {
    return Unavailable(host.address.to_string() + ":" + std::to_string(port) + ": no TLS handshake succeeded");
  }

  struct Version {
    int id;
    const char* name;
  };
  constexpr Version kVersions[] = {{SSL3_VERSION, "SSLv3"},
                                   {TLS1_VERSION, "TLSv1"},
                                   {TLS1_1_VERSION, "TLSv1.1"},
                                   {TLS1_2_VERSION, "TLSv1.2"},
                                   {TLS1_3_VERSION, "TLSv1.3"}};
  for (const auto& v : kVersions) {
    if (TryHandshake(host, port, v.id, v.id, "ALL:COMPLEMENTOFALL:@SECLEVEL=0", options.timeout).ok) {
      f.protocols.emplace_back(v.name);
    }
  }
  struct Family {
    const char* name;
    const char* ciphers;
  };
  constexpr Family kWeak[] = {{"RC4", "RC4:@SECLEVEL=0"},
                              {"3DES", "3DES:@SECLEVEL=0"},
                              {"NULL", "eNULL:@SECLEVEL=0"},
                              {"anonymous", "aNULL:-eNULL:@SECLEVEL=0"},
                              {"EXPORT", "EXP:@SECLEVEL=0"}};
  for (const auto& w : kWeak) {
    if (TryHandshake(host, port, TLS1_VERSION, TLS1_2_VERSION, w.ciphers, options.timeout).ok) {
      f.weak_ciphers.emplace_back(w.name);
    }
  }

  const std::string where = host.address.to_string() + ":" + std::to_string(port);
  if (X509* cert = best.cert.get()) {
    f.subject = NameText(X509_get_subject_name(cert));
    f.issuer = NameText(X509_get_issuer_name(cert));
    f.not_before = ToTimestamp(X509_get0_notBefore(cert));
    f.not_after = ToTimestamp(X509_get0_notAfter(cert));
    f.days_left = std::chrono::floor<std::chrono::days>(f.not_after - now).count();
    EVP_PKEY* key = X509_get0_pubkey(cert);
    f.self_signed = X509_NAME_cmp(X509_get_subject_name(cert), X509_get_issuer_name(cert)) == 0 && key != nullptr &&
                    X509_verify(cert, key) == 1;
    ERR_clear_error();
    if (!host.hostname.empty()) {
      f.name_matches = X509_check_host(cert, host.hostname.c_str(), host.hostname.size(), 0, nullptr) == 1;
    } else {
      f.name_matches = X509_check_ip_asc(cert, host.address.to_string().c_str(), 0) == 1;
    }
    if (key != nullptr) {
      f.key_bits = EVP_PKEY_get_bits(key);
      switch (EVP_PKEY_get_base_id(key)) {
        case EVP_PKEY_RSA: f.key_type = "RSA"; break;
        case EVP_PKEY_EC: f.key_type = "EC"; break;
        case EVP_PKEY_DSA: f.key_type = "DSA"; break;
        case EVP_PKEY_ED25519: f.key_type = "Ed25519"; break;
        default: f.key_type = "other"; break;
      }
    }
    const int sig = X509_get_signature_nid(cert);
    f.signature_algorithm = OBJ_nid2ln(sig);

    using model::Severity;
    if (f.days_left < 0) {
      audit.findings.push_back(Make(
          host, port, "tls.cert_expired", Severity::kHigh, "TLS 证书已过期", "TLS certificate has expired",
          where + ": certificate " + f.subject + " expired " + FormatRfc3339(f.not_after),
          "立即更换为有效证书（可使用免费的 Let's Encrypt 证书并开启自动续期）。过期证书会让浏览器报警，用户可能因此习惯忽略真正的攻击警告。",
          "Replace the certificate now (a free Let's Encrypt certificate with automatic renewal works). Browsers warn "
          "on expired certificates, which teaches users to click through real attacks.",
          {"CWE-298"}));
    } else if (f.days_left < options.expiring_days) {
      audit.findings.push_back(Make(
          host, port, "tls.cert_expiring", Severity::kMedium, "TLS 证书即将过期", "TLS certificate expires soon",
          where + ": certificate " + f.subject + " expires " + FormatRfc3339(f.not_after) + " (" +
              std::to_string(f.days_left) + " days)",
          "在到期前续期证书，并配置自动续期与到期提醒。", "Renew the certificate before it expires and set up automatic renewal.",
          {"CWE-298"}));
    }
    if (f.self_signed) {
      audit.findings.push_back(Make(
          host, port, "tls.cert_self_signed", Severity::kMedium, "使用自签名证书", "Self-signed TLS certificate",
          where + ": certificate " + f.subject + " is signed by its own key",
          "改用受信任证书机构签发的证书。自签名证书无法让访问者确认网站身份，容易遭受中间人攻击。",
          "Use a certificate from a trusted certificate authority; visitors cannot tell a self-signed certificate "
          "from an attacker's.",
          {"CWE-295"}));
    }
    if (!f.name_matches) {
      const std::string name = host.hostname.empty() ? host.address.to_string() : host.hostname;
      audit.findings.push_back(Make(
          host, port, "tls.cert_name_mismatch", Severity::kMedium, "证书与访问名称不符",
          "TLS certificate does not match the name", where + ": certificate " + f.subject + " does not name " + name,
          "签发包含实际访问域名（或 IP）的证书，并在服务器上正确配置。", "Issue a certificate that lists the name (or address) clients use.",
          {"CWE-297"}));
    }
    const bool weak_key = (f.key_type == "RSA" && f.key_bits < 2048) || (f.key_type == "DSA") ||
                          (f.key_type == "EC" && f.key_bits < 224);
    if (weak_key) {
      audit.findings.push_back(Make(
          host, port, "tls.weak_key", Severity::kHigh, "证书密钥强度不足", "Weak certificate key",
          where + ": " + f.key_type + " key of " + std::to_string(f.key_bits) + " bits",
          "重新生成至少 2048 位的 RSA 密钥或 256 位的 ECDSA 密钥，并重新签发证书。",
          "Generate a new key of at least 2048-bit RSA or 256-bit ECDSA and reissue the certificate.", {"CWE-326"}));
    }
    if (sig == NID_sha1WithRSAEncryption || sig == NID_ecdsa_with_SHA1 || sig == NID_dsaWithSHA1 ||
        sig == NID_md5WithRSAEncryption) {
      audit.findings.push_back(Make(
          host, port, "tls.weak_signature", Severity::kMedium, "证书使用不安全的签名算法",
          "Certificate signed with a broken hash", where + ": signature algorithm " + f.signature_algorithm,
          "重新签发使用 SHA-256 或更强算法签名的证书。", "Reissue the certificate signed with SHA-256 or stronger.",
          {"CWE-328"}));
    }
  }
  std::string old;
  for (const auto& p : f.protocols) {
    if (p == "SSLv3" || p == "TLSv1" || p == "TLSv1.1") old += (old.empty() ? "" : ", ") + p;
  }
  if (!old.empty()) {
    const bool ssl3 = old.find("SSLv3") != std::string::npos;
    audit.findings.push_back(Make(
        host, port, "tls.weak_protocol", ssl3 ? model::Severity::kHigh : model::Severity::kMedium,
        "启用了过时的 SSL/TLS 协议", "Outdated SSL/TLS protocol versions enabled", where + ": accepts " + old,
        "在服务器配置中只保留 TLS 1.2 和 TLS 1.3，关闭 SSLv3、TLS 1.0 和 TLS 1.1。",
        "Allow only TLS 1.2 and TLS 1.3; disable SSLv3, TLS 1.0 and TLS 1.1.", {"CWE-327"}));
  }
  if (!f.weak_ciphers.empty()) {
    std::string list;
    for (const auto& w : f.weak_ciphers) list += (list.empty() ? "" : ", ") + w;
    audit.findings.push_back(Make(
        host, port, "tls.weak_cipher", model::Severity::kHigh, "启用了弱加密套件", "Weak cipher suites accepted",
        where + ": accepts " + list, "在服务器配置中禁用 RC4、3DES、NULL、匿名和出口级加密套件，只保留 AEAD 套件（如 AES-GCM、ChaCha20）。",
        "Disable RC4, 3DES, NULL, anonymous and export cipher suites; keep AEAD suites (AES-GCM, ChaCha20-Poly1305).",
        {"CWE-327"}));
  }
  return audit;
}

}  // namespace sw::scan
