// SPDX-License-Identifier: Apache-2.0
#include "cmd/common/platform_config.h"

#include <sys/stat.h>

#include <filesystem>

#include "core/cron.h"
#include "store/open.h"

namespace sw::cmd {

const ConfigSchema& PlatformSchema() {
  static const ConfigSchema schema = [] {
    ConfigSchema s;
    s.String("listen", "127.0.0.1:8443", "address and port the console and API listen on");
    s.String("data_dir", "var", "folder for the database, TLS files and other state");
    s.String("store.url", "", "storage backend URL; empty means sqlite:<data_dir>/shouwang.db");
    s.String("store.synchronous", "FULL",
             "SQLite durability: FULL survives power loss, NORMAL only a process crash",
             {"FULL", "NORMAL"});
    s.Bool("tls.enabled", true, "serve HTTPS (a self-signed certificate is created on first start)");
    s.String("tls.cert_file", "", "PEM certificate chain; empty means <data_dir>/tls/cert.pem");
    s.String("tls.key_file", "", "PEM private key; empty means <data_dir>/tls/key.pem");
    s.Int("http.max_body_bytes", 1 << 20, 1024, 64 << 20, "largest accepted request body");
    s.Int("http.max_header_bytes", 16 << 10, 1024, 1 << 20, "largest accepted request head");
    s.Int("http.read_timeout_ms", 15000, 100, 600000, "time allowed to receive one request");
    s.Int("http.idle_timeout_ms", 60000, 100, 3600000, "keep-alive wait for the next request");
    s.Int("http.max_connections", 1024, 1, 1000000, "open connections beyond this are closed at once");
    s.Int("http.io_threads", 2, 1, 64, "network threads");
    s.Int("http.worker_threads", 8, 1, 256, "threads running request handlers");
    s.Int("http.shutdown_grace_ms", 30000, 0, 600000,
          "on SIGTERM, time allowed for requests in progress to finish");
    s.String("console.dir", "web/dist", "folder of the built web console");
    s.Int("auth.session_ttl_minutes", 720, 5, 43200, "login session lifetime");
    s.Int("auth.max_failed_logins", 5, 1, 100, "consecutive failures that lock an account");
    s.Int("auth.lockout_minutes", 15, 1, 1440, "how long a locked account stays locked");
    s.Int("auth.login_attempts_per_minute", 20, 1, 1000000, "login attempts allowed per source address");
    s.Int("auth.argon2_opslimit", 2, 1, 20, "argon2id passes (libsodium opslimit)");
    s.Int("auth.argon2_memlimit_kib", 65536, 8, 4194304, "argon2id memory per hash, KiB");
    s.String("scan.probes_file", "/usr/share/nmap/nmap-service-probes",
             "Nmap's service probe database (Debian nmap-common), read at run time");
    s.String("scan.services_file", "/usr/share/nmap/nmap-services",
             "Nmap's port and service table (Debian nmap-common), for --top-ports and names");
    s.String("scan.utc_offset", "+08:00", "time zone of scan schedules (cron, maintenance windows) as a UTC offset");
    s.Int("scan.workers", 1, 0, 64, "scan runs executed at once by this process (0: none, leave them to others)");
    s.Int("scan.lease_seconds", 30, 3, 3600,
          "a running scan whose process is silent this long is marked failed (interrupted)");
    s.Int("scan.poll_ms", 1000, 50, 60000, "how often scan workers look for due schedules and queued runs");
    s.String("intel.warninglists_dir", "",
             "folder of MISP warning lists (lists/*/list.json): values on them are flagged on import and never "
             "alert; empty: none");
    s.Int("intel.taxii_poll_check_seconds", 30, 0, 3600,
          "how often the server looks for remote TAXII collections due to be polled (0: never)");
    s.Bool("bootstrap.create_admin", true,
           "on first start, create the center admin \"admin\" and print its one-time password");
    s.String("log.level", "info", "log level", {"trace", "debug", "info", "warn", "error"});
    s.String("log.format", "text", "log line format", {"text", "json"});
    return s;
  }();
  return schema;
}

Result<Config> LoadPlatformConfig(const std::string& file,
                                  const std::map<std::string, std::string>& overrides) {
  return Config::Load(PlatformSchema(), file, EnvironmentMap(), overrides);
}

service::AuthSettings AuthSettingsFrom(const Config& c) {
  service::AuthSettings a;
  a.session_ttl = std::chrono::minutes(c.GetInt("auth.session_ttl_minutes"));
  a.max_failed_logins = static_cast<int>(c.GetInt("auth.max_failed_logins"));
  a.lockout = std::chrono::minutes(c.GetInt("auth.lockout_minutes"));
  a.login_attempts_per_minute = static_cast<int>(c.GetInt("auth.login_attempts_per_minute"));
  a.argon2_opslimit = static_cast<uint64_t>(c.GetInt("auth.argon2_opslimit"));
  a.argon2_memlimit_bytes = static_cast<size_t>(c.GetInt("auth.argon2_memlimit_kib")) * 1024;
  return a;
}

Result<service::ScanSettings> ScanSettingsFrom(const Config& c) {
  service::ScanSettings s;
  s.probes_file = c.GetString("scan.probes_file");
  s.services_file = c.GetString("scan.services_file");
  auto offset = ParseUtcOffset(c.GetString("scan.utc_offset"));
  if (!offset.ok()) return InvalidArgument("scan.utc_offset: " + offset.status().message());
  s.utc_offset = *offset;
  s.workers = static_cast<int>(c.GetInt("scan.workers"));
  s.lease = std::chrono::seconds(c.GetInt("scan.lease_seconds"));
  s.poll = std::chrono::milliseconds(c.GetInt("scan.poll_ms"));
  return s;
}

service::IntelSettings IntelSettingsFrom(const Config& c) {
  return {c.GetString("intel.warninglists_dir")};
}

Result<std::unique_ptr<store::Store>> OpenPlatformStore(const Config& c) {
  const std::string data = c.GetString("data_dir");
  std::error_code ec;
  std::filesystem::create_directories(data, ec);
  if (ec) return Unavailable("data_dir: cannot create " + data + ": " + ec.message());
  ::chmod(data.c_str(), 0700);
  store::OpenOptions o;
  o.url = c.GetString("store.url").empty() ? "sqlite:" + data + "/shouwang.db" : c.GetString("store.url");
  o.synchronous = c.GetString("store.synchronous");
  return store::OpenStore(o);
}

std::string ConfigurationMarkdown() {
  std::string out =
      "| key | type | default | environment | description |\n|---|---|---|---|---|\n";
  for (const auto& p : PlatformSchema().params()) {
    const char* type = p.type == ConfigParam::Type::kInt    ? "integer"
                       : p.type == ConfigParam::Type::kBool ? "boolean"
                                                            : "string";
    std::string help = p.help;
    if (p.type == ConfigParam::Type::kInt) {
      help += " (" + std::to_string(p.min) + "–" + std::to_string(p.max) + ")";
    }
    if (!p.choices.empty()) {
      help += " (one of:";
      for (const auto& ch : p.choices) help += " " + ch;
      help += ")";
    }
    if (p.secret) help += "; may be env:NAME or file:PATH";
    out += "| `" + p.key + "` | " + type + " | `" + p.default_value + "` | `" + EnvNameForKey(p.key) +
           "` | " + help + " |\n";
  }
  return out;
}

}  // namespace sw::cmd
