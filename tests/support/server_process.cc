// SPDX-License-Identifier: Apache-2.0
#include "support/server_process.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

extern char** environ;

namespace sw::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

ServerProcess::ServerProcess(std::string data_dir, std::map<std::string, std::string> env)
    : data_dir_(std::move(data_dir)), env_(std::move(env)) {
  // Cheap password hashing keeps the suite fast; the cost is a setting.
  env_.emplace("SW_AUTH_ARGON2_OPSLIMIT", "1");
  env_.emplace("SW_AUTH_ARGON2_MEMLIMIT_KIB", "8");
  env_.emplace("SW_STORE_SYNCHRONOUS", "NORMAL");
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Kill();
}

bool ServerProcess::Start() {
  ++run_;
  const std::string ready = data_dir_ + "/ready-" + std::to_string(run_);
  std::filesystem::create_directories(data_dir_);
  // Another ServerProcess may have run on this folder before.
  std::filesystem::remove(ready);
  // After the first start, keep the port: clients (sensors) keep their URL.
  const std::string listen = url_.empty() ? "127.0.0.1:0" : "127.0.0.1:" + url_.substr(url_.rfind(':') + 1);
  std::vector<std::string> args = {SW_BINARY, "serve", "--data", data_dir_, "--listen", listen,
                                   "--console-dir", data_dir_ + "/no-console", "--ready-file", ready};
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::string_view(*e).rfind("SW_", 0) != 0) env_strings.emplace_back(*e);
  }
  for (const auto& [k, v] : env_) env_strings.push_back(k + "=" + v);
  std::vector<char*> argv, envp;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, (data_dir_ + "/stdout-" + std::to_string(run_)).c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&fa, 2, (data_dir_ + "/stderr-" + std::to_string(run_)).c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  const int rc = posix_spawn(&pid_, argv[0], &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) {
    pid_ = -1;
    return false;
  }
  for (int i = 0; i < 600; ++i) {
    std::string u = ReadFile(ready);
    if (!u.empty() && u.back() == '\n') {
      u.pop_back();
      url_ = u;
      return true;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

int ServerProcess::WaitExit(int timeout_ms) {
  if (pid_ <= 0) return -1;
  for (int waited = 0; waited <= timeout_ms; waited += 20) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

int ServerProcess::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  const int status = WaitExit(30000);
  if (status == -1) Kill();
  return status;
}

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string ServerProcess::Stdout() const { return ReadFile(data_dir_ + "/stdout-" + std::to_string(run_)); }
std::string ServerProcess::Stderr() const { return ReadFile(data_dir_ + "/stderr-" + std::to_string(run_)); }

std::string ServerProcess::AdminPassword() const {
  const std::string out = Stdout();
  const std::string marker = "one-time password: ";
  const size_t at = out.find(marker);
  if (at == std::string::npos) return {};
  const size_t start = at + marker.size();
  return out.substr(start, out.find('\n', start) - start);
}

Client::Client(const ServerProcess& server) {
  auto c = sys::HttpClient::Create({.base_url = server.url(), .ca_file = server.cert_file()});
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  http_ = std::move(*c);
}

Reply Client::Call(const std::string& method, const std::string& path, const std::string& body,
                   sys::HeaderList extra) {
  sys::HeaderList h = std::move(extra);
  if (!body.empty()) h.emplace_back("Content-Type", "application/json");
  if (!cookie_.empty()) h.emplace_back("Cookie", "sw_session=" + cookie_);
  if (!bearer_.empty()) h.emplace_back("Authorization", "Bearer " + bearer_);
  if (send_csrf_ && !csrf_.empty() && method != "GET") h.emplace_back("X-CSRF-Token", csrf_);
  Reply r;
  auto resp = http_->Send(method, path, h, body);
  if (!resp.ok()) {
    ADD_FAILURE() << method << " " << path << ": " << resp.status().ToString();
    return r;
  }
  r.raw = std::move(*resp);
  r.status = r.raw.status;
  if (r.raw.header("Content-Type").starts_with("application/json")) {
    auto v = ParseJson(r.raw.body);
    if (v.ok()) r.body = std::move(*v);
  }
  return r;
}

Reply Client::Login(const std::string& user, const std::string& password) {
  Reply r = Post("/api/v1/auth/login", json::object{{"username", user}, {"password", password}});
  if (r.status == 200) {
    const std::string set = std::string(r.raw.header("Set-Cookie"));
    const size_t eq = set.find('=');
    cookie_ = set.substr(eq + 1, set.find(';') - eq - 1);
    csrf_ = std::string(r.body.at("csrf_token").as_string());
  }
  return r;
}

void Client::LoginReady(const std::string& user, const std::string& password,
                        const std::string& new_password) {
  Reply r = Login(user, password);
  ASSERT_EQ(r.status, 200) << r.raw.body;
  if (r.body.at("user").at("must_change_password").as_bool()) {
    Reply c = Post("/api/v1/auth/password",
                   json::object{{"current_password", password}, {"new_password", new_password}});
    ASSERT_EQ(c.status, 204) << c.raw.body;
  }
}

}  // namespace sw::testing
