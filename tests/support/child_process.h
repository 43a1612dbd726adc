// SPDX-License-Identifier: Apache-2.0
//
// ChildProcess: runs a program (a real Debian service, say) for a test, with
// stdout and stderr to a log file, and kills it (SIGTERM, then SIGKILL) when
// destroyed. WaitForPort() waits until it accepts TCP connections.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace sw::testing {

class ChildProcess {
 public:
  ChildProcess(std::vector<std::string> argv, std::string log_file);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  bool started() const { return pid_ > 0; }
  // True once 127.0.0.1:`port` accepts a connection (polls up to timeout).
  bool WaitForPort(uint16_t port, int timeout_ms = 10000) const;
  std::string Log() const;

 private:
  pid_t pid_ = -1;
  std::string log_file_;
};

// A TCP port on 127.0.0.1 that nothing listens on right now.
uint16_t FreePort();

// `dpkg-query -W -f=${Version} PACKAGE`, or "" when not installed.
std::string InstalledVersion(const std::string& package);

}  // namespace sw::testing
