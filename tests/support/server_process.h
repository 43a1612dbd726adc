// SPDX-License-Identifier: Apache-2.0
//
// ServerProcess: runs the real `shouwang serve` binary on a free loopback
// port with its own data folder, for integration tests. Captures stdout and
// stderr to files, waits for the ready file, and can stop the server with
// SIGTERM or kill it with SIGKILL. Also an HTTPS client that trusts the
// server's self-signed certificate and keeps the session cookie and CSRF
// token. Not thread-safe, except Client, one per thread.
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>
#include <string>

#include "core/json.h"
#include "sys/http_client.h"

namespace sw::testing {

class ServerProcess {
 public:
  // `data_dir` persists across Start/Stop so restarts see the same database.
  ServerProcess(std::string data_dir, std::map<std::string, std::string> env = {});
  ~ServerProcess();

  // Starts and waits until the server listens (or exits: returns false).
  bool Start();
  // SIGTERM and wait; returns the exit status (or -1).
  int Stop();
  // SIGKILL and wait.
  void Kill();
  // Waits for exit without signalling; returns the exit status or -1 on timeout.
  int WaitExit(int timeout_ms);

  const std::string& url() const { return url_; }
  std::string Stdout() const;
  std::string Stderr() const;
  // The one-time admin password printed on first start ("" if none).
  std::string AdminPassword() const;
  std::string cert_file() const { return data_dir_ + "/tls/cert.pem"; }

 private:
  std::string data_dir_;
  std::map<std::string, std::string> env_;
  std::string url_;
  pid_t pid_ = -1;
  int run_ = 0;
};

struct Reply {
  int status = 0;
  json::value body;  // null when not JSON
  sys::HttpResponse raw;
};

// An HTTPS client acting as one browser: keeps the cookie and CSRF token.
class Client {
 public:
  explicit Client(const ServerProcess& server);
  Reply Call(const std::string& method, const std::string& path, const std::string& body = "",
             sys::HeaderList extra = {});
  Reply Get(const std::string& path) { return Call("GET", path); }
  Reply Post(const std::string& path, const json::value& body) { return Call("POST", path, ToJson(body)); }
  // Logs in; returns the reply. Stores cookie and CSRF token on success.
  Reply Login(const std::string& user, const std::string& password);
  // Logs in and, if required, changes the password to `new_password`.
  void LoginReady(const std::string& user, const std::string& password, const std::string& new_password);

  void set_bearer(std::string token) { bearer_ = std::move(token); }
  void set_send_csrf(bool v) { send_csrf_ = v; }
  const std::string& cookie() const { return cookie_; }
  const std::string& csrf() const { return csrf_; }

 private:
  std::unique_ptr<sys::HttpClient> http_;
  std::string cookie_;
  std::string csrf_;
  std::string bearer_;
  bool send_csrf_ = true;
};

}  // namespace sw::testing
