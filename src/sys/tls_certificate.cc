// SPDX-License-Identifier: Apache-2.0
#include "sys/tls_certificate.h"

#include <cstdio>
#include <filesystem>
#include <memory>

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

namespace sw::sys {
namespace {

template <typename T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;

bool IsIpLiteral(const std::string& s) {
  return s.find_first_not_of("0123456789.") == std::string::npos ||
         s.find(':') != std::string::npos;
}

Status OpensslError(const std::string& what) { return Internal("tls certificate: " + what); }

}  // namespace

Status EnsureSelfSignedCertificate(const std::string& cert_file, const std::string& key_file,
                                   const std::vector<std::string>& names) {
  std::error_code ec;
  if (std::filesystem::exists(cert_file, ec) && std::filesystem::exists(key_file, ec)) return {};

  PkeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return OpensslError("cannot generate an EC key");
  X509Ptr cert(X509_new());
  if (!cert) return OpensslError("out of memory");
  X509_set_version(cert.get(), 2);
  unsigned char serial[16];
  RAND_bytes(serial, sizeof serial);
  serial[0] &= 0x7f;  // positive
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 365L * 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  const std::string cn = names.empty() ? "localhost" : names.front();
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>("Shouwang"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);

  std::string san;
  for (const auto& n : names) {
    if (!san.empty()) san += ",";
    san += (IsIpLiteral(n) ? "IP:" : "DNS:") + n;
  }
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  const std::pair<int, std::string> exts[] = {
      {NID_subject_alt_name, san},
      {NID_basic_constraints, "critical,CA:FALSE"},
      {NID_key_usage, "critical,digitalSignature"},
      {NID_ext_key_usage, "serverAuth"},
  };
  for (const auto& [nid, value] : exts) {
    if (value.empty()) continue;
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    if (ext == nullptr) return OpensslError("bad extension " + value);
    X509_add_ext(cert.get(), ext, -1);
    X509_EXTENSION_free(ext);
  }
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return OpensslError("cannot sign");

  std::filesystem::create_directories(std::filesystem::path(key_file).parent_path(), ec);
  std::filesystem::create_directories(std::filesystem::path(cert_file).parent_path(), ec);
  // The key is created 0600 from the start, never world-readable for a moment.
  const mode_t old = umask(077);
  FILE* kf = std::fopen(key_file.c_str(), "wb");
  umask(old);
  if (kf == nullptr) return Unavailable(key_file + ": cannot write");
  const bool key_ok =
      PEM_write_PrivateKey(kf, key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
  std::fclose(kf);
  FILE* cf = std::fopen(cert_file.c_str(), "wb");
  if (cf == nullptr) return Unavailable(cert_file + ": cannot write");
  const bool cert_ok = PEM_write_X509(cf, cert.get()) == 1;
  std::fclose(cf);
  if (!key_ok || !cert_ok) return Unavailable("tls certificate: cannot write PEM files");
  return {};
}

}  // namespace sw::sys
