// SPDX-License-Identifier: Apache-2.0
//
// The TLS audit against real `openssl s_server` instances on loopback: an
// expired, self-signed certificate with a 1024-bit RSA key must give exactly
// the expected findings; a server that only speaks TLS 1.0 must be reported
// for it; a host outside the scope gets no connection.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>

#include "core/crypto.h"
#include "scan/tls_audit.h"
#include "support/child_process.h"
#include "support/temp_dir.h"
#include "sys/tls_certificate.h"

namespace sw::testing {
namespace {

// An RSA-1024, self-signed, SHA-256 certificate for CN=expired.test that
// expired yesterday.
void WriteExpiredWeakCertificate(const std::string& cert_file, const std::string& key_file) {
  EVP_PKEY* key = EVP_RSA_gen(1024);
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 7);
  X509_gmtime_adj(X509_getm_notBefore(cert), -30L * 24 * 3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), -1L * 24 * 3600);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("expired.test"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509_sign(cert, key, EVP_sha256());
  FILE* c = std::fopen(cert_file.c_str(), "wb");
  PEM_write_X509(c, cert);
  std::fclose(c);
  FILE* k = std::fopen(key_file.c_str(), "wb");
  PEM_write_PrivateKey(k, key, nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(k);
  X509_free(cert);
  EVP_PKEY_free(key);
}

std::set<std::string> CheckIds(const scan::TlsAudit& a) {
  std::set<std::string> out;
  for (const auto& f : a.findings) out.insert(f.check_id);
  return out;
}

scan::TargetHost Loopback() { return {boost::asio::ip::make_address("127.0.0.1"), ""}; }

class TlsAuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists("/usr/bin/openssl")) GTEST_SKIP() << "the openssl command is not installed";
    InitCrypto();
  }
  std::unique_ptr<ChildProcess> StartServer(uint16_t port, const std::string& cert, const std::string& key,
                                            std::vector<std::string> extra) {
    std::vector<std::string> argv = {"/usr/bin/openssl", "s_server", "-accept", "127.0.0.1:" + std::to_string(port),
                                     "-cert", cert, "-key", key, "-www", "-quiet"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    auto p = std::make_unique<ChildProcess>(argv, dir_.file("s_server-" + std::to_string(port) + ".log"));
    EXPECT_TRUE(p->WaitForPort(port)) << p->Log();
    return p;
  }
  TempDir dir_;
};

TEST_F(TlsAuditTest, ExpiredSelfSignedWeakKeyGivesExactlyTheseFindings) {
  WriteExpiredWeakCertificate(dir_.file("c.pem"), dir_.file("k.pem"));
  const uint16_t port = FreePort();
  // Security level 0 lets s_server use the 1024-bit key at all.
  auto server = StartServer(port, dir_.file("c.pem"), dir_.file("k.pem"),
                            {"-cipher", "ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0"});
  auto scope = scan::CidrScope::Parse({"127.0.0.1"});
  auto audit = scan::AuditTls(Loopback(), port, *scope, {}, SystemClock::Instance().Now());
  ASSERT_TRUE(audit.ok()) << audit.status().ToString() << server->Log();
  EXPECT_EQ(CheckIds(*audit), (std::set<std::string>{"tls.cert_expired", "tls.cert_self_signed",
                                                      "tls.cert_name_mismatch", "tls.weak_key"}));
  const auto& f = audit->facts;
  EXPECT_EQ(f.key_type, "RSA");
  EXPECT_EQ(f.key_bits, 1024);
  EXPECT_TRUE(f.self_signed);
  EXPECT_FALSE(f.name_matches);
  EXPECT_LT(f.days_left, 0);
  EXPECT_EQ(f.signature_algorithm, "sha256WithRSAEncryption");
  EXPECT_EQ(f.subject, "/CN=expired.test");
  EXPECT_EQ(f.protocols, (std::vector<std::string>{"TLSv1.2", "TLSv1.3"}));
  EXPECT_TRUE(f.weak_ciphers.empty());
  for (const auto& finding : audit->findings) {
    EXPECT_FALSE(finding.remediation_zh.empty()) << finding.check_id;
    EXPECT_FALSE(finding.remediation_en.empty()) << finding.check_id;
    EXPECT_EQ(finding.port, port);
  }
}

TEST_F(TlsAuditTest, OutdatedProtocolIsReported) {
  // A valid, self-signed EC certificate naming 127.0.0.1.
  ASSERT_TRUE(sys::EnsureSelfSignedCertificate(dir_.file("c2.pem"), dir_.file("k2.pem"), {"127.0.0.1"}).ok());
  const uint16_t port = FreePort();
  auto server = StartServer(port, dir_.file("c2.pem"), dir_.file("k2.pem"),
                            {"-tls1", "-cipher", "ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0"});
  auto scope = scan::CidrScope::Parse({"127.0.0.1"});
  auto audit = scan::AuditTls(Loopback(), port, *scope, {}, SystemClock::Instance().Now());
  ASSERT_TRUE(audit.ok()) << audit.status().ToString() << server->Log();
  EXPECT_EQ(audit->facts.protocols, (std::vector<std::string>{"TLSv1"}));
  EXPECT_EQ(CheckIds(*audit), (std::set<std::string>{"tls.cert_self_signed", "tls.weak_protocol"}));
  EXPECT_TRUE(audit->facts.name_matches);
  EXPECT_EQ(audit->facts.key_type, "EC");
}

TEST_F(TlsAuditTest, AnonymousCipherSuitesAreAWeakCipherFinding) {
  // Anonymous Diffie-Hellman suites (no server authentication at all) are the
  // weak family Debian's OpenSSL 3 still has at security level 0; RC4, 3DES,
  // NULL and export suites are compiled out, so no server here can offer them.
  ASSERT_TRUE(sys::EnsureSelfSignedCertificate(dir_.file("c3.pem"), dir_.file("k3.pem"), {"127.0.0.1"}).ok());
  const uint16_t port = FreePort();
  auto server = StartServer(port, dir_.file("c3.pem"), dir_.file("k3.pem"),
                            {"-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256:ADH-AES128-GCM-SHA256:@SECLEVEL=0"});
  auto scope = scan::CidrScope::Parse({"127.0.0.1"});
  auto audit = scan::AuditTls(Loopback(), port, *scope, {}, SystemClock::Instance().Now());
  ASSERT_TRUE(audit.ok()) << audit.status().ToString() << server->Log();
  EXPECT_EQ(audit->facts.weak_ciphers, (std::vector<std::string>{"anonymous"}));
  EXPECT_EQ(CheckIds(*audit), (std::set<std::string>{"tls.cert_self_signed", "tls.weak_cipher"}));
  for (const auto& f : audit->findings) {
    if (f.check_id != "tls.weak_cipher") continue;
    EXPECT_EQ(f.severity, model::Severity::kHigh);
    EXPECT_NE(f.evidence.find("accepts anonymous"), std::string::npos) << f.evidence;
  }
}

TEST_F(TlsAuditTest, RefusedHostsAndPlainPorts) {
  auto scope = scan::CidrScope::Parse({"127.0.0.2"});
  auto refused = scan::AuditTls(Loopback(), 443, *scope, {}, SystemClock::Instance().Now());
  EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied);
  // A port that is not TLS at all: an SSH-like banner.
  auto loop = scan::CidrScope::Parse({"127.0.0.1"});
  const uint16_t closed = FreePort();
  auto none = scan::AuditTls(Loopback(), closed, *loop, {.timeout = std::chrono::milliseconds(500)},
                             SystemClock::Instance().Now());
  EXPECT_EQ(none.status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace sw::testing
