// SPDX-License-Identifier: Apache-2.0
#include "detect/transforms.h"

#include <openssl/evp.h>

#include <cctype>

namespace sw::detect {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Digest(const std::string& in, const EVP_MD* md) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(in.data(), in.size(), out, &len, md, nullptr);
  return std::string(reinterpret_cast<char*>(out), len);  // raw bytes, as Suricata's to_md5
}

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::string ApplyTransforms(std::string_view data, const std::vector<Transform>& transforms) {
  std::string s(data);
  for (Transform t : transforms) {
    switch (t) {
      case Transform::kDotPrefix:
        s.insert(s.begin(), '.');
        break;
      case Transform::kToLowercase:
      case Transform::kHeaderLowercase:
        for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        break;
      case Transform::kToUppercase:
        for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        break;
      case Transform::kStripWhitespace:
        std::erase_if(s, IsSpace);
        break;
      case Transform::kCompressWhitespace: {
        std::string out;
        for (char c : s) {
          if (IsSpace(c)) {
            if (out.empty() || out.back() != ' ') out.push_back(' ');
          } else {
            out.push_back(c);
          }
        }
        s = std::move(out);
        break;
      }
      case Transform::kUrlDecode: {
        std::string out;
        for (size_t i = 0; i < s.size(); ++i) {
          if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
            out.push_back(static_cast<char>(HexValue(s[i + 1]) << 4 | HexValue(s[i + 2])));
            i += 2;
          } else {
            out.push_back(s[i] == '+' ? ' ' : s[i]);
          }
        }
        s = std::move(out);
        break;
      }
      case Transform::kToMd5:
        s = Digest(s, EVP_md5());
        break;
      case Transform::kToSha1:
        s = Digest(s, EVP_sha1());
        break;
      case Transform::kToSha256:
        s = Digest(s, EVP_sha256());
        break;
      case Transform::kStripPseudoHeaders:
        break;  // HTTP/2 only; nothing to strip in HTTP/1 headers
    }
  }
  return s;
}

}  // namespace sw::detect
