// SPDX-License-Identifier: Apache-2.0
#include "sensor/uplink.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <spdlog/spdlog.h>

#include "core/ids.h"
#include "sys/http_client.h"

namespace sw::sensor {
namespace fs = std::filesystem;

Result<std::unique_ptr<Uplink>> Uplink::Open(UplinkOptions options) {
  std::unique_ptr<Uplink> u(new Uplink(std::move(options)));
  SW_RETURN_IF_ERROR(u->Init());
  return u;
}

Status Uplink::Init() {
  std::error_code ec;
  fs::create_directories(options_.spool_dir, ec);
  if (ec) return Unavailable("spool " + options_.spool_dir + ": " + ec.message());
  spool_path_ = (fs::path(options_.spool_dir) / "events.jsonl").string();
  offset_path_ = (fs::path(options_.spool_dir) / "offset").string();
  const std::string id_path = (fs::path(options_.spool_dir) / "id").string();
  // The spool's id names every event it ever held: created once, kept.
  if (std::ifstream in(id_path); in) std::getline(in, spool_id_);
  if (spool_id_.empty()) {
    spool_id_ = NewUlid(SystemClock::Instance().Now());
    std::ofstream(id_path) << spool_id_ << "\n";
  }
  if (std::ifstream in(offset_path_); in) in >> offset_;
  // Continue the sequence after the events already spooled.
  if (std::ifstream in(spool_path_, std::ios::binary); in) {
    std::string line;
    while (std::getline(in, line)) ++next_seq_;
  }
  spool_ = std::fopen(spool_path_.c_str(), "ab");
  if (spool_ == nullptr) return Unavailable("spool " + spool_path_ + ": cannot open for appending");
  size_ = static_cast<uint64_t>(fs::file_size(spool_path_, ec));
  if (offset_ > size_) offset_ = size_;
  std::ifstream counter(spool_path_, std::ios::binary);
  counter.seekg(static_cast<std::streamoff>(offset_));
  std::string line;
  while (std::getline(counter, line)) ++stats_.pending;
  return {};
}

Uplink::~Uplink() {
  Stop();
  if (spool_ != nullptr) std::fclose(spool_);
}

void Uplink::Append(const json::object& event) {
  const auto* type = event.if_contains("event_type");
  if (type == nullptr || !type->is_string() || type->as_string() != "alert") return;
  std::lock_guard lock(mu_);
  const std::string line =
      ToJson(json::object{{"id", spool_id_ + "-" + std::to_string(next_seq_)}, {"event", event}}) + "\n";
  if (size_ + line.size() > options_.max_spool_bytes) {
    ++stats_.dropped;
    return;
  }
  ++next_seq_;
  std::fwrite(line.data(), 1, line.size(), spool_);
  // In the kernel at once: a crash of the sensor loses nothing it reported.
  std::fflush(spool_);
  size_ += line.size();
  ++stats_.spooled;
  ++stats_.pending;
  cv_.notify_all();
}

void Uplink::Start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void Uplink::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mu_);
  if (spool_ != nullptr) fsync(fileno(spool_));
}

bool Uplink::Drain(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, timeout, [this] { return offset_ >= size_; });
}

UplinkStats Uplink::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

Status Uplink::WriteOffset(uint64_t offset) {
  const std::string tmp = offset_path_ + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << offset << "\n";
    out.flush();
    if (!out) return Unavailable("cannot write " + tmp);
  }
  std::error_code ec;
  fs::rename(tmp, offset_path_, ec);
  if (ec) return Unavailable("cannot replace " + offset_path_ + ": " + ec.message());
  return {};
}

Status Uplink::SendBatch(bool& sent_any) {
  sent_any = false;
  uint64_t from = 0, to = 0;
  {
    std::lock_guard lock(mu_);
    from = offset_;
    to = size_;
    if (spool_ != nullptr) fsync(fileno(spool_));  // what we send is on disk first
  }
  if (from >= to) return {};
  std::ifstream in(spool_path_, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(from));
  json::array events;
  uint64_t consumed = 0;
  std::string line;
  size_t lines = 0;
  while (lines < options_.batch && from + consumed < to && std::getline(in, line)) {
    consumed += line.size() + 1;
    ++lines;
    auto v = ParseJson(line, {.max_bytes = size_t{16} << 20, .max_depth = 64});
    if (v.ok()) events.push_back(std::move(*v));
  }
  if (lines == 0) return {};
  static thread_local std::unique_ptr<sys::HttpClient> client;
  if (!client) {
    auto c = sys::HttpClient::Create({.base_url = options_.url, .ca_file = options_.ca_file,
                                      .timeout = std::chrono::milliseconds(10000)});
    if (!c.ok()) return c.status();
    client = std::move(*c);
  }
  auto r = client->Send("POST", "/api/v1/ingest/events",
                        {{"Authorization", "Bearer " + options_.token}, {"Content-Type", "application/json"}},
                        ToJson(json::object{{"events", std::move(events)}}));
  if (!r.ok()) {
    client.reset();  // reconnect next time
    return r.status();
  }
  if (r->status != 200) {
    return Unavailable("server answered " + std::to_string(r->status) + ": " + r->body.substr(0, 300));
  }
  uint64_t duplicates = 0, rejected = 0;
  if (auto body = ParseJson(r->body); body.ok() && body->is_object()) {
    const auto& o = body->as_object();
    if (const auto* d = o.if_contains("duplicates"); d != nullptr && d->is_int64()) duplicates = static_cast<uint64_t>(d->as_int64());
    if (const auto* j = o.if_contains("rejected"); j != nullptr && j->is_array()) {
      rejected = j->as_array().size();
      if (rejected > 0) spdlog::warn("uplink: the server refused {} event(s): {}", rejected, ToJson(*j).substr(0, 300));
    }
  }
  SW_RETURN_IF_ERROR(WriteOffset(from + consumed));
  std::lock_guard lock(mu_);
  offset_ = from + consumed;
  stats_.sent += lines;
  stats_.duplicates += duplicates;
  stats_.rejected += rejected;
  stats_.pending -= std::min<uint64_t>(stats_.pending, lines);
  sent_any = true;
  cv_.notify_all();
  return {};
}

void Uplink::Loop() {
  auto backoff = options_.retry_min;
  while (true) {
    {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, std::chrono::milliseconds(500), [this] { return stopping_ || offset_ < size_; });
      if (stopping_) return;
    }
    bool sent = false;
    Status s = SendBatch(sent);
    if (s.ok()) {
      backoff = options_.retry_min;
      continue;
    }
    {
      std::lock_guard lock(mu_);
      ++stats_.failures;
      stats_.last_error = s.message();
    }
    spdlog::warn("uplink: {}; retrying in {} ms", s.message(), backoff.count());
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, backoff, [this] { return stopping_; });
    if (stopping_) return;
    backoff = std::min(options_.retry_max, backoff * 2);
  }
}

}  // namespace sw::sensor
