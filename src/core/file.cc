// SPDX-License-Identifier: Apache-2.0
#include "core/file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace sw {

Result<std::string> ReadFileToString(const std::string& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Unavailable(path + ": cannot read (" + std::strerror(errno) + ")");
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) return Unavailable(path + ": cannot read");
  if (static_cast<size_t>(size) > max_bytes) {
    return ResourceExhausted(path + ": larger than " + std::to_string(max_bytes) + " bytes");
  }
  in.seekg(0);
  std::string out(static_cast<size_t>(size), '\0');
  in.read(out.data(), size);
  if (!in) return Unavailable(path + ": read failed");
  return out;
}

}  // namespace sw
