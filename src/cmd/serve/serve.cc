// SPDX-License-Identifier: Apache-2.0
#include "cmd/serve/serve.h"

#include <signal.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "api/api.h"
#include "cmd/common/platform_config.h"
#include "core/crypto.h"
#include "core/log.h"
#include "service/bootstrap.h"
#include "service/platform.h"
#include "service/scan_worker.h"
#include "sys/https_server.h"
#include "sys/tls_certificate.h"

namespace sw::cmd {
namespace {

Status SplitListen(const std::string& listen, std::string& host, uint16_t& port) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return InvalidArgument("listen: expected ADDRESS:PORT", "listen");
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string p = listen.substr(colon + 1);
  char* end = nullptr;
  const long v = std::strtol(p.c_str(), &end, 10);
  if (p.empty() || *end != '\0' || v < 0 || v > 65535) {
    return InvalidArgument("listen: port must be 0-65535", "listen");
  }
  port = static_cast<uint16_t>(v);
  return {};
}

int Fail(const Status& s) {
  std::fprintf(stderr, "shouwang serve: %s\n", s.message().c_str());
  return s.code() == StatusCode::kInvalidArgument ? 1 : 2;
}

}  // namespace

int RunServe(int argc, char** argv) {
  CLI::App app{"Serve the console and API", "shouwang serve"};
  std::string config_file, data_dir, listen, console_dir, ready_file;
  app.add_option("--config", config_file, "YAML configuration file")->check(CLI::ExistingFile);
  app.add_option("--data", data_dir, "data folder (default var/)");
  app.add_option("--listen", listen, "ADDRESS:PORT (default 127.0.0.1:8443; port 0 picks one)");
  app.add_option("--console-dir", console_dir, "built web console (default web/dist)");
  app.add_option("--ready-file", ready_file, "write the server's URL to this file once listening");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 1;
  }

  std::map<std::string, std::string> overrides;
  if (!data_dir.empty()) overrides["data_dir"] = data_dir;
  if (!listen.empty()) overrides["listen"] = listen;
  if (!console_dir.empty()) overrides["console.dir"] = console_dir;
  auto config = LoadPlatformConfig(config_file, overrides);
  if (!config.ok()) return Fail(config.status());
  const Config& c = *config;
  if (Status s = InitLogging(c.GetString("log.level"), c.GetString("log.format")); !s.ok()) return Fail(s);
  InitCrypto();

  std::string host;
  uint16_t port = 0;
  if (Status s = SplitListen(c.GetString("listen"), host, port); !s.ok()) return Fail(s);

  // Signals are taken synchronously by this thread (sigwait below); block them
  // before any other thread starts so that none of those receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  auto store = OpenPlatformStore(c);
  if (!store.ok()) return Fail(store.status());
  auto scan_settings = ScanSettingsFrom(c);
  if (!scan_settings.ok()) return Fail(scan_settings.status());
  service::ServiceContext ctx{**store, SystemClock::Instance(), AuthSettingsFrom(c), *scan_settings,
                              IntelSettingsFrom(c)};

  auto boot = service::Bootstrap(ctx, c.GetBool("bootstrap.create_admin"));
  if (!boot.ok()) return Fail(boot.status());
  if (boot->created_admin) {
    // Printed once to the terminal, never to the log.
    std::cout << "\n  首次启动：已创建中心管理员账号 / First start: center admin created\n"
              << "    用户名 username: " << boot->admin_username << "\n"
              << "    一次性密码 one-time password: " << boot->admin_password << "\n"
              << "  请登录后立即修改密码。Log in and change it now; it is not shown again.\n\n"
              << std::flush;
  }

  const bool tls = c.GetBool("tls.enabled");
  const std::string data = c.GetString("data_dir");
  sys::HttpsServerOptions so;
  so.address = host;
  so.port = port;
  if (tls) {
    so.cert_file = c.GetString("tls.cert_file").empty() ? data + "/tls/cert.pem" : c.GetString("tls.cert_file");
    so.key_file = c.GetString("tls.key_file").empty() ? data + "/tls/key.pem" : c.GetString("tls.key_file");
    std::vector<std::string> names = {"localhost", "127.0.0.1", "::1"};
    if (host != "127.0.0.1" && host != "0.0.0.0" && host != "::" && host != "::1") names.push_back(host);
    if (Status s = sys::EnsureSelfSignedCertificate(so.cert_file, so.key_file, names); !s.ok()) return Fail(s);
  }
  so.max_body_bytes = static_cast<size_t>(c.GetInt("http.max_body_bytes"));
  so.max_header_bytes = static_cast<size_t>(c.GetInt("http.max_header_bytes"));
  so.read_timeout = std::chrono::milliseconds(c.GetInt("http.read_timeout_ms"));
  so.idle_timeout = std::chrono::milliseconds(c.GetInt("http.idle_timeout_ms"));
  so.max_connections = static_cast<size_t>(c.GetInt("http.max_connections"));
  so.io_threads = static_cast<int>(c.GetInt("http.io_threads"));
  so.worker_threads = static_cast<int>(c.GetInt("http.worker_threads"));
  // Reads are SQLite WAL reads that never wait for a writer: answer them on
  // the I/O thread. Writes (fsync, the write lock) and logins (argon2id) go
  // to the worker pool so they never stall other connections.
  so.run_inline = [](const sys::HttpRequest& r) { return r.method == "GET" || r.method == "HEAD"; };

  service::Platform platform(ctx);
  if (Status s = platform.scans.EnsureDefaultPolicies(); !s.ok()) return Fail(s);
  // Scheduled scans run in this process; `scan.workers` 0 leaves them to
  // other processes sharing the database.
  std::unique_ptr<service::ScanWorker> scan_worker;
  if (c.GetInt("scan.workers") > 0) {
    scan_worker = std::make_unique<service::ScanWorker>(ctx, platform.scans, platform.scan_gate);
    platform.scans.OnQueued([w = scan_worker.get()] { w->Wake(); });
    scan_worker->Start();
  }
  // Remote TAXII collections are polled here too (each on its own interval).
  if (c.GetInt("intel.taxii_poll_check_seconds") > 0) {
    platform.taxii.Start(std::chrono::seconds(c.GetInt("intel.taxii_poll_check_seconds")));
  }
  api::Api api(platform, {.console_dir = c.GetString("console.dir"), .tls = tls});
  sys::HttpsServer server(so, [&api](const sys::HttpRequest& r) { return api.Handle(r); });
  if (Status s = server.Start(); !s.ok()) return Fail(s);

  const std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  const std::string url = std::string(tls ? "https" : "http") + "://" + shown_host + ":" +
                          std::to_string(server.port());
  spdlog::info("serving console and API at {}", url);
  std::cout << "守望 Shouwang: " << url << std::endl;
  if (!ready_file.empty()) {
    const std::string tmp = ready_file + ".tmp";
    std::ofstream(tmp) << url << "\n";
    std::rename(tmp.c_str(), ready_file.c_str());
  }

  int sig = 0;
  sigwait(&signals, &sig);
  spdlog::info("received {}, finishing requests in progress", sig == SIGTERM ? "SIGTERM" : "SIGINT");
  server.Stop(std::chrono::milliseconds(c.GetInt("http.shutdown_grace_ms")));
  // Scans in progress go back to the queue and start again after a restart.
  if (scan_worker) scan_worker->Stop();
  platform.taxii.Stop();
  spdlog::info("stopped");
  return 0;
}

}  // namespace sw::cmd
