// SPDX-License-Identifier: Apache-2.0
//
// The scanner against real Debian services started by the test on free
// loopback ports: nginx (plain and behind TLS), OpenSSH, vsftpd, Redis and PostgreSQL. The port
// scan must find exactly their ports open, and version detection must name
// each product and, where the service discloses it on the wire, the version
// dpkg says is installed (PostgreSQL discloses only a range; Redis answers
// Nmap's probes without its version).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "scan/service_detector.h"
#include "scan/service_probes.h"
#include "scan/tcp_scanner.h"
#include "support/child_process.h"
#include "support/temp_dir.h"

namespace sw::testing {
namespace {

namespace fs = std::filesystem;

// "1:9.2p1-2+deb12u10" -> {"9.2p1", "2+deb12u10"}.
std::pair<std::string, std::string> SplitDebianVersion(std::string v) {
  if (const size_t colon = v.find(':'); colon != std::string::npos) v = v.substr(colon + 1);
  const size_t dash = v.rfind('-');
  if (dash == std::string::npos) return {v, ""};
  return {v.substr(0, dash), v.substr(dash + 1)};
}

void WriteFile(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

int Shell(const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()); }

struct Service {
  std::string name;
  uint16_t port = 0;
  std::unique_ptr<ChildProcess> process;
};

class RealServicesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!fs::exists(std::string(scan::kDefaultProbesFile))) return;
    dir_ = new TempDir();
    const std::string d = dir_->path().string();
    ::chmod(d.c_str(), 0755);
    // nginx
    if (fs::exists("/usr/sbin/nginx")) {
      Service s{"nginx", FreePort(), nullptr};
      fs::create_directories(d + "/nginx");
      WriteFile(d + "/nginx/nginx.conf", "daemon off;\nmaster_process off;\npid " + d + "/nginx/pid;\nerror_log " + d +
                                             "/nginx/error.log;\nevents {}\nhttp { access_log off; server { listen 127.0.0.1:" +
                                             std::to_string(s.port) + "; } }\n");
      s.process = std::make_unique<ChildProcess>(
          std::vector<std::string>{"/usr/sbin/nginx", "-c", d + "/nginx/nginx.conf", "-p", d + "/nginx"}, d + "/nginx.log");
      services_->push_back(std::move(s));
      // The same nginx behind TLS, with a throw-away self-signed certificate:
      // detection must look inside the tunnel ("ssl/http").
      Service t{"nginx-tls", FreePort(), nullptr};
      const std::string td = d + "/nginx-tls";
      fs::create_directories(td);
      Shell("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -keyout " + td + "/key.pem -out " +
            td + "/cert.pem");
      WriteFile(td + "/nginx.conf", "daemon off;\nmaster_process off;\npid " + td + "/pid;\nerror_log " + td +
                                        "/error.log;\nevents {}\nhttp { access_log off; server { listen 127.0.0.1:" +
                                        std::to_string(t.port) + " ssl; ssl_certificate " + td +
                                        "/cert.pem; ssl_certificate_key " + td + "/key.pem; } }\n");
      t.process = std::make_unique<ChildProcess>(
          std::vector<std::string>{"/usr/sbin/nginx", "-c", td + "/nginx.conf", "-p", td}, d + "/nginx-tls.log");
      services_->push_back(std::move(t));
    }
    // OpenSSH
    if (fs::exists("/usr/sbin/sshd") && fs::exists("/usr/bin/ssh-keygen")) {
      Service s{"ssh", FreePort(), nullptr};
      fs::create_directories("/run/sshd");
      Shell("/usr/bin/ssh-keygen -q -t ed25519 -N '' -f " + d + "/ssh_host_key");
      s.process = std::make_unique<ChildProcess>(
          std::vector<std::string>{"/usr/sbin/sshd", "-D", "-e", "-f", "/dev/null", "-p", std::to_string(s.port), "-o",
                                   "ListenAddress=127.0.0.1", "-o", "PidFile=none", "-h", d + "/ssh_host_key"},
          d + "/sshd.log");
      services_->push_back(std::move(s));
    }
    // vsftpd, anonymous read-only so that it greets normally
    if (fs::exists("/usr/sbin/vsftpd")) {
      Service s{"ftp", FreePort(), nullptr};
      fs::create_directories("/var/run/vsftpd/empty");
      fs::create_directories(d + "/ftp");
      ::chmod((d + "/ftp").c_str(), 0555);
      WriteFile(d + "/vsftpd.conf", "listen=YES\nlisten_ipv6=NO\nlisten_address=127.0.0.1\nlisten_port=" +
                                        std::to_string(s.port) + "\nbackground=NO\nanonymous_enable=YES\nanon_root=" + d +
                                        "/ftp\nlocal_enable=NO\nsecure_chroot_dir=/var/run/vsftpd/empty\n");
      s.process = std::make_unique<ChildProcess>(std::vector<std::string>{"/usr/sbin/vsftpd", d + "/vsftpd.conf"},
                                                 d + "/vsftpd.log");
      services_->push_back(std::move(s));
    }
    // Redis
    if (fs::exists("/usr/bin/redis-server")) {
      Service s{"redis", FreePort(), nullptr};
      s.process = std::make_unique<ChildProcess>(
          std::vector<std::string>{"/usr/bin/redis-server", "--port", std::to_string(s.port), "--bind", "127.0.0.1",
                                   "--save", "", "--appendonly", "no", "--dir", d, "--daemonize", "no"},
          d + "/redis.log");
      services_->push_back(std::move(s));
    }
    // PostgreSQL, as its own user (it refuses to run as root)
    const std::string pg_bin = PostgresBin();
    if (!pg_bin.empty() && fs::exists("/usr/sbin/runuser")) {
      Service s{"postgresql", FreePort(), nullptr};
      fs::create_directories(d + "/pg");
      Shell("chown postgres " + d + "/pg");
      Shell("/usr/sbin/runuser -u postgres -- " + pg_bin + "/initdb -D " + d + "/pg/data -A trust -U postgres");
      s.process = std::make_unique<ChildProcess>(
          std::vector<std::string>{"/usr/sbin/runuser", "-u", "postgres", "--", pg_bin + "/postgres", "-D", d + "/pg/data",
                                   "-p", std::to_string(s.port), "-k", d + "/pg", "-c", "listen_addresses=127.0.0.1"},
          d + "/postgres.log");
      services_->push_back(std::move(s));
    }
    for (auto& s : *services_) {
      if (!s.process->WaitForPort(s.port)) {
        failed_->push_back(s.name + " did not start: " + s.process->Log());
      }
    }
  }

  static void TearDownTestSuite() {
    services_->clear();
    delete dir_;
    dir_ = nullptr;
  }

  static std::string PostgresBin() {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("/usr/lib/postgresql", ec)) {
      if (fs::exists(e.path() / "bin/postgres")) return (e.path() / "bin").string();
    }
    return {};
  }

  void SetUp() override {
    if (!fs::exists(std::string(scan::kDefaultProbesFile))) GTEST_SKIP() << "nmap-common is not installed";
    if (services_->size() < 5) {
      GTEST_SKIP() << "only " << services_->size()
                   << " of nginx, openssh-server, vsftpd, redis-server, postgresql are installed "
                      "(tools/setup.sh --test installs them)";
    }
    for (const auto& f : *failed_) ADD_FAILURE() << f;
  }

  static inline TempDir* dir_ = nullptr;
  static inline auto* services_ = new std::vector<Service>();
  static inline auto* failed_ = new std::vector<std::string>();
};

TEST_F(RealServicesTest, PortScanFindsExactlyTheServicesAndDetectsTheirVersions) {
  auto scope = scan::CidrScope::Parse({"127.0.0.1"});
  scan::TcpScanOptions o;
  std::map<uint16_t, std::string> by_port;
  for (const auto& s : *services_) {
    o.ports.push_back(s.port);
    by_port[s.port] = s.name;
  }
  const std::vector<uint16_t> closed = {FreePort(), FreePort()};
  for (uint16_t p : closed) o.ports.push_back(p);
  scan::TcpConnectScanner scanner(*scope, o);
  const auto reports = scanner.Run({{boost::asio::ip::make_address("127.0.0.1"), ""}});
  std::vector<scan::DetectionTarget> open;
  for (const auto& p : reports[0].ports) {
    if (p.state == model::PortState::kOpen) open.push_back({reports[0].host, p.port});
    const bool service = by_port.count(p.port) > 0;
    EXPECT_EQ(p.state, service ? model::PortState::kOpen : model::PortState::kClosed) << p.port;
  }
  ASSERT_EQ(open.size(), by_port.size());

  auto db = scan::ServiceProbes::Load(std::string(scan::kDefaultProbesFile));
  ASSERT_TRUE(db.ok());
  scan::ServiceDetector detector(*db, *scope, {});
  std::map<std::string, model::Observation> found;
  for (auto& obs : detector.Detect(open)) found[by_port.at(obs.port)] = obs;

  const auto nginx = SplitDebianVersion(InstalledVersion("nginx-light").empty() ? InstalledVersion("nginx-core")
                                                                                  : InstalledVersion("nginx-light"));
  EXPECT_EQ(found["nginx"].service, "http");
  EXPECT_EQ(found["nginx"].product, "nginx");
  EXPECT_EQ(found["nginx"].version, nginx.first);

  // Through TLS: named like Nmap names it, with the product inside.
  EXPECT_EQ(found["nginx-tls"].service, "ssl/http");
  EXPECT_EQ(found["nginx-tls"].product, "nginx");
  EXPECT_EQ(found["nginx-tls"].version, nginx.first);

  const auto ssh = SplitDebianVersion(InstalledVersion("openssh-server"));
  EXPECT_EQ(found["ssh"].service, "ssh");
  EXPECT_EQ(found["ssh"].product, "OpenSSH");
  EXPECT_EQ(found["ssh"].version, ssh.first + " Debian " + ssh.second);

  const auto ftp = SplitDebianVersion(InstalledVersion("vsftpd"));
  EXPECT_EQ(found["ftp"].service, "ftp");
  EXPECT_EQ(found["ftp"].product, "vsftpd");
  EXPECT_EQ(found["ftp"].version, ftp.first);

  EXPECT_EQ(found["redis"].service, "redis");
  EXPECT_EQ(found["redis"].product, "Redis key-value store");

  // PostgreSQL names only a lower bound: "9.6.0 or later".
  EXPECT_EQ(found["postgresql"].service, "postgresql");
  EXPECT_EQ(found["postgresql"].product, "PostgreSQL DB");
  const std::string range = found["postgresql"].version;
  ASSERT_NE(range.find(" or later"), std::string::npos) << range;
  const double lower = std::stod(range.substr(0, range.find('.', range.find('.') + 1)));
  const std::string installed = SplitDebianVersion(InstalledVersion("postgresql-" + fs::path(PostgresBin()).parent_path().filename().string())).first;
  EXPECT_GE(std::stod(installed), lower) << "installed " << installed << " vs " << range;
}

}  // namespace
}  // namespace sw::testing
