// SPDX-License-Identifier: Apache-2.0
//
// Test helpers for the scan engines: real listening sockets on loopback and
// a port known to be closed. Header-only; for tests.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>

namespace sw::scan::testing {

// A listening socket on `address`, port chosen by the kernel.
class Listener {
 public:
  explicit Listener(const char* address = "127.0.0.1", int backlog = 64) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    inet_pton(AF_INET, address, &a.sin_addr);
    EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    EXPECT_EQ(listen(fd_, backlog), 0);
    socklen_t len = sizeof a;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
  }
  ~Listener() { close(fd_); }
  uint16_t port() const { return port_; }
  // Connections waiting in the accept queue (accepts and counts them).
  int Drain() {
    int n = 0;
    timeval tv{0, 1000};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    while (true) {
      const int c = accept4(fd_, nullptr, nullptr, SOCK_NONBLOCK);
      if (c < 0) break;
      close(c);
      ++n;
    }
    return n;
  }

 private:
  int fd_ = -1;
  uint16_t port_ = 0;
};

// A port that is closed right now: bound, then released.
inline uint16_t ClosedPort() {
  Listener l;
  return l.port();
}

// A listener whose accept queue is full (backlog 0, filled by three
// connections): the kernel drops further SYNs, exactly like a firewall that
// drops, so its port looks filtered.
class FullListener {
 public:
  explicit FullListener(const char* address = "127.0.0.1") : listener_(address, 0) {
    for (int i = 0; i < 3; ++i) {
      const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_port = htons(listener_.port());
      inet_pton(AF_INET, address, &a.sin_addr);
      connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
      fillers_[i] = fd;
    }
    usleep(50000);
  }
  ~FullListener() {
    for (int fd : fillers_) close(fd);
  }
  FullListener(const FullListener&) = delete;
  FullListener& operator=(const FullListener&) = delete;
  uint16_t port() const { return listener_.port(); }

 private:
  Listener listener_;
  int fillers_[3] = {-1, -1, -1};
};

}  // namespace sw::scan::testing
