// SPDX-License-Identifier: Apache-2.0
//
// Version detection against small real servers on loopback that behave like
// OpenSSH (speaks first), nginx (answers GET), a silent service, and a
// tarpit that floods bytes, using Debian's nmap-service-probes.
#include "scan/service_detector.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <thread>

namespace sw::scan {
namespace {

// Accepts connections on a loopback port and hands each to `serve` on the
// server's thread; stops when destroyed.
class FakeServer {
 public:
  explicit FakeServer(std::function<void(int fd)> serve) : serve_(std::move(serve)) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    listen(fd_, 64);
    socklen_t len = sizeof a;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] {
      while (!stop_) {
        pollfd p{fd_, POLLIN, 0};
        if (poll(&p, 1, 50) <= 0) continue;
        const int c = accept(fd_, nullptr, nullptr);
        if (c < 0) continue;
        serve_(c);
        close(c);
      }
    });
  }
  ~FakeServer() {
    stop_ = true;
    thread_.join();
    close(fd_);
  }
  uint16_t port() const { return port_; }

 private:
  std::function<void(int)> serve_;
  int fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// MSG_NOSIGNAL: the scanner hangs up whenever it has seen enough.
void Send(int fd, std::string_view s) { (void)!send(fd, s.data(), s.size(), MSG_NOSIGNAL); }

std::string ReadSome(int fd, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  if (poll(&p, 1, timeout_ms) <= 0) return {};
  char buf[4096];
  const ssize_t n = read(fd, buf, sizeof buf);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
}

class ServiceDetectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path(kDefaultProbesFile);
    if (!std::filesystem::exists(path)) GTEST_SKIP() << "nmap-common is not installed (" << path << ")";
    auto db = ServiceProbes::Load(path);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::make_unique<ServiceProbes>(std::move(*db));
    options_.null_wait = std::chrono::milliseconds(300);
    options_.max_probe_wait = std::chrono::milliseconds(300);
    options_.max_per_port = std::chrono::milliseconds(3000);
    options_.intensity = 2;
  }

  std::vector<model::Observation> Detect(const std::vector<uint16_t>& ports, const char* address = "127.0.0.1") {
    auto scope = CidrScope::Parse({"127.0.0.1"});
    ServiceDetector d(*db_, *scope, options_);
    std::vector<DetectionTarget> targets;
    for (uint16_t p : ports) targets.push_back({{boost::asio::ip::make_address(address), ""}, p});
    auto out = d.Detect(targets);
    stats_ = d.stats();
    return out;
  }

  std::unique_ptr<ServiceProbes> db_;
  DetectionOptions options_;
  DetectionStats stats_;
};

TEST_F(ServiceDetectorTest, NamesProductAndVersionOfBannerAndRequestServices) {
  FakeServer ssh([](int fd) {
    Send(fd, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n");
    ReadSome(fd, 500);
  });
  FakeServer http([](int fd) {
    const std::string req = ReadSome(fd, 2000);
    if (req.rfind("GET ", 0) == 0) {
      Send(fd, "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nContent-Type: text/html\r\nContent-Length: 0\r\n\r\n");
    }
  });
  auto obs = Detect({ssh.port(), http.port()});
  ASSERT_EQ(obs.size(), 2u);
  EXPECT_EQ(obs[0].service, "ssh");
  EXPECT_EQ(obs[0].product, "OpenSSH");
  EXPECT_EQ(obs[0].version, "9.2p1 Debian 2+deb12u3");
  EXPECT_NE(std::find(obs[0].cpes.begin(), obs[0].cpes.end(), "cpe:/a:openbsd:openssh:9.2p1"), obs[0].cpes.end());
  EXPECT_EQ(obs[0].banner, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\\r\\n");
  EXPECT_EQ(obs[1].service, "http");
  EXPECT_EQ(obs[1].product, "nginx");
  EXPECT_EQ(obs[1].version, "1.22.1");
}

TEST_F(ServiceDetectorTest, FloodsAreCutAtTheByteLimitAndSilenceIsBounded) {
  options_.max_response_bytes = 4096;
  FakeServer flood([](int fd) {
    const std::string junk(65536, 'Z');
    for (int i = 0; i < 160; ++i) {  // up to 10 MB, until the scanner hangs up
      if (send(fd, junk.data(), junk.size(), MSG_NOSIGNAL) <= 0) break;
    }
  });
  FakeServer silent([](int fd) { ReadSome(fd, 1000); });
  auto obs = Detect({flood.port(), silent.port()});
  EXPECT_EQ(obs[0].service, "");
  EXPECT_EQ(obs[0].banner.size(), 256u);
  EXPECT_GE(stats_.responses_truncated, 1u);
  EXPECT_LE(stats_.bytes_received, 10u * 4096u + 65536u * 10u);  // bounded, not 10 MB per probe
  EXPECT_EQ(obs[1].service, "");
  EXPECT_EQ(obs[1].banner, "");
}

TEST_F(ServiceDetectorTest, AnAcceptThenImmediateCloseIsTcpwrapped) {
  std::atomic<int> connections{0};
  FakeServer wrapper([&](int) { ++connections; });  // accepts and hangs up
  auto obs = Detect({wrapper.port()});
  EXPECT_EQ(obs[0].service, "tcpwrapped");
  EXPECT_EQ(obs[0].product, "");
  EXPECT_EQ(connections.load(), 1);  // no further probes after the verdict
}

TEST_F(ServiceDetectorTest, HostsOutsideTheScopeAreNotProbed) {
  std::atomic<int> connections{0};
  FakeServer ssh([&](int fd) {
    ++connections;
    Send(fd, "SSH-2.0-OpenSSH_9.2p1\r\n");
  });
  auto scope = CidrScope::Parse({"127.0.0.2"});
  ServiceDetector d(*db_, *scope, options_);
  auto obs = d.Detect({{{boost::asio::ip::make_address("127.0.0.1"), ""}, ssh.port()}});
  EXPECT_EQ(obs[0].service, "");
  EXPECT_EQ(d.stats().connections, 0u);
  EXPECT_EQ(connections.load(), 0);
}

}  // namespace
}  // namespace sw::scan
