// SPDX-License-Identifier: Apache-2.0
//
// Runs the real `shouwang` binary (SW_BINARY_PATH, set by CMake) with
// arguments through the shell and captures its output (stdout and stderr)
// and exit code. For command-line integration tests.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace sw::testing {

struct CommandRun {
  int exit_code;
  std::string out;
};

inline CommandRun Shouwang(const std::string& args) {
  const std::string cmd = std::string(SW_BINARY_PATH) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  const int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

}  // namespace sw::testing
