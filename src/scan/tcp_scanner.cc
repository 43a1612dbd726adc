// SPDX-License-Identifier: Apache-2.0
#include "scan/tcp_scanner.h"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cmath>
#include <atomic>
#include <memory>
#include <random>
#include <thread>
#include <unordered_map>

namespace sw::scan {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
}  // namespace

class TcpConnectScanner::Run_ {
 public:
  Run_(const TcpScanOptions& o, TcpScanStats& stats) : o_(o), stats_(stats), wake_(io_) {
    // The wake-up timer never expires; cancel() wakes every waiting worker.
    wake_.expires_at(Clock::time_point::max());
    next_slot_ = Clock::now();
  }

  void Scan(std::vector<HostReport>& reports) {
    std::mt19937 shuffle(0x5eed);  // a fixed seed keeps runs comparable
    size_t total = 0;
    for (HostReport& report : reports) {
      if (!report.admission.ok()) continue;
      Host h;
      h.report = &report;
      h.pending = o_.ports;
      // Like Nmap, probe ports in random order: sequential sweeps trip simple
      // IDS thresholds and bunch up behind one slow port range.
      std::shuffle(h.pending.begin(), h.pending.end(), shuffle);
      total += h.pending.size();
      hosts_.push_back(std::move(h));
    }
    for (size_t i = 0; i < hosts_.size(); ++i) active_.push_back(i);
    total_ = total;
    const size_t workers = std::min<size_t>(std::max<size_t>(o_.max_in_flight, 1), total);
    for (size_t i = 0; i < workers; ++i) asio::co_spawn(io_, Worker(), asio::detached);
    io_.run();
    for (Host& h : hosts_) {
      for (const auto& [port, state] : h.results) h.report->ports.push_back({port, state});
      std::sort(h.report->ports.begin(), h.report->ports.end(),
                [](const PortResult& a, const PortResult& b) { return a.port < b.port; });
      h.report->smoothed_rtt = std::chrono::microseconds(static_cast<int64_t>(h.srtt_us));
    }
  }

 private:
  struct Host {
    HostReport* report = nullptr;
    std::vector<uint16_t> pending;
    std::vector<uint16_t> retry;
    std::unordered_map<uint16_t, int> tries;
    std::unordered_map<uint16_t, model::PortState> results;
    size_t in_flight = 0;
    bool has_rtt = false;
    double srtt_us = 0;
    double rttvar_us = 0;
  };

  std::chrono::microseconds Timeout(const Host& h) const {
    if (!h.has_rtt) return o_.initial_timeout;
    const double t = h.srtt_us + 4 * h.rttvar_us;
    const auto lo = std::chrono::duration_cast<std::chrono::microseconds>(o_.min_timeout).count();
    const auto hi = std::chrono::duration_cast<std::chrono::microseconds>(o_.max_timeout).count();
    return std::chrono::microseconds(std::clamp(static_cast<int64_t>(t), lo, hi));
  }

  static void Sample(Host& h, double rtt_us) {
    // RFC 6298: alpha 1/8, beta 1/4.
    if (!h.has_rtt) {
      h.srtt_us = rtt_us;
      h.rttvar_us = rtt_us / 2;
      h.has_rtt = true;
      return;
    }
    h.rttvar_us = 0.75 * h.rttvar_us + 0.25 * std::abs(h.srtt_us - rtt_us);
    h.srtt_us = 0.875 * h.srtt_us + 0.125 * rtt_us;
  }

  // Picks the next port of a host below its concurrency bound, round robin
  // over hosts so that one large host does not starve the others.
  bool Next(size_t& host, uint16_t& port) {
    if (Cancelled()) return false;
    for (size_t n = 0; n < active_.size(); ++n) {
      if (cursor_ >= active_.size()) cursor_ = 0;
      Host& h = hosts_[active_[cursor_]];
      if (h.pending.empty() && h.retry.empty()) {
        active_.erase(active_.begin() + static_cast<std::ptrdiff_t>(cursor_));
        --n;
        continue;
      }
      if (h.in_flight < o_.max_in_flight_per_host) {
        host = active_[cursor_];
        // Retries go first: their hosts are known to be slow or filtering.
        auto& list = h.retry.empty() ? h.pending : h.retry;
        port = list.back();
        list.pop_back();
        ++cursor_;
        return true;
      }
      ++cursor_;
    }
    return false;
  }

  // Paces attempts to `packets_per_second`: each attempt reserves the next
  // send slot and sleeps until it, so every worker waits at most once (a
  // shared token bucket polled by a thousand workers burns CPU instead).
  asio::awaitable<void> WaitForSlot() {
    const auto interval = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(1.0 / o_.packets_per_second));
    const auto now = Clock::now();
    // Allow a small burst after idle time, never a backlog of saved slots.
    const auto earliest = now - interval * 16;
    if (next_slot_ < earliest) next_slot_ = earliest;
    const auto slot = next_slot_;
    next_slot_ += interval;
    if (slot <= now) co_return;
    // Sleep in short steps so a cancel is seen within 100 ms even by the
    // attempts that reserved slots far ahead.
    asio::steady_timer t(io_);
    for (auto at = now; at < slot && !Cancelled();) {
      at = std::min(slot, Clock::now() + std::chrono::milliseconds(100));
      t.expires_at(at);
      co_await t.async_wait(kUseTuple);
    }
  }

  bool Cancelled() const { return o_.control != nullptr && o_.control->Cancelled(); }

  asio::awaitable<void> Worker() {
    while (true) {
      size_t hi = 0;
      uint16_t port = 0;
      if (!Next(hi, port)) {
        if (in_flight_ == 0) {
          wake_.cancel();  // let the other workers see that all is done
          co_return;
        }
        co_await wake_.async_wait(kUseTuple);
        continue;
      }
      // Count the attempt against its host before waiting for a send slot,
      // so that the per-host bound holds while attempts queue for pacing.
      Host& h = hosts_[hi];
      ++h.in_flight;
      ++in_flight_;
      co_await WaitForSlot();
      // Cancelled while waiting: the port stays unanswered (left out).
      if (!Cancelled()) co_await Probe(h, port);
      --h.in_flight;
      --in_flight_;
      // One finished attempt frees one slot: wake one idle worker, not all.
      wake_.cancel_one();
    }
  }

  void Settle(Host& h, uint16_t port, model::PortState state) {
    h.results[port] = state;
    ++settled_;
    if (o_.control != nullptr) o_.control->Progress(ScanPhase::kPorts, settled_, total_);
  }

  // Makes sure `h` is among the hosts with work left.
  void Activate(Host& h) {
    const auto index = static_cast<size_t>(&h - hosts_.data());
    if (std::find(active_.begin(), active_.end(), index) == active_.end()) active_.push_back(index);
  }

  // Puts a port back to be tried again without counting an attempt.
  void Requeue(Host& h, uint16_t port) {
    h.pending.push_back(port);
    Activate(h);
  }

  asio::awaitable<void> Probe(Host& h, uint16_t port) {
    ++stats_.attempts;
    int& tries = h.tries[port];
    ++tries;
    tcp::socket socket(io_);
    asio::steady_timer timer(io_);
    auto timed_out = std::make_shared<bool>(false);
    timer.expires_after(Timeout(h));
    timer.async_wait([&socket, timed_out](boost::system::error_code ec) {
      // Runs with operation_aborted when the connect finished first; only a
      // real expiry touches the socket, which is then still alive.
      if (!ec) {
        *timed_out = true;
        boost::system::error_code ignored;
        socket.cancel(ignored);
      }
    });
    const auto start = Clock::now();
    auto [ec] = co_await socket.async_connect(tcp::endpoint(h.report->host.address, port), kUseTuple);
    const double rtt_us = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
    timer.cancel();
    namespace error = asio::error;
    boost::system::error_code lec;
    const tcp::endpoint target(h.report->host.address, port);
    if (!ec && socket.local_endpoint(lec) == target && !lec) {
      // A TCP self-connect: on loopback the kernel may pick the target port
      // as our source port, and the "connection" succeeds with nothing
      // listening. Not an answer: try again (Nmap does the same).
      ++stats_.local_errors;
      --tries;
      boost::system::error_code ignored;
      socket.close(ignored);
      Requeue(h, port);
      co_return;
    }
    if (!ec) {
      Sample(h, rtt_us);
      Settle(h, port, model::PortState::kOpen);
      // An orderly close, as Nmap's connect scan does: services see a plain
      // disconnect in their logs, not a reset (some crash on resets).
      boost::system::error_code ignored;
      socket.close(ignored);
    } else if (ec == error::connection_refused) {
      Sample(h, rtt_us);
      Settle(h, port, model::PortState::kClosed);
    } else if (*timed_out || ec == error::operation_aborted || ec == error::timed_out) {
      if (tries <= o_.max_retries) {
        ++stats_.retries;
        h.retry.push_back(port);
        Activate(h);
      } else {
        Settle(h, port, model::PortState::kFiltered);
      }
    } else if (ec == error::no_descriptors || ec == error::no_buffer_space ||
               ec == error::address_in_use || ec.value() == EADDRNOTAVAIL) {
      // Our side ran short (descriptors, ephemeral ports): not an answer from
      // the target. Put the port back and breathe.
      ++stats_.local_errors;
      --tries;
      Requeue(h, port);
      asio::steady_timer pause(io_);
      pause.expires_after(std::chrono::milliseconds(20));
      co_await pause.async_wait(kUseTuple);
    } else {
      // Host or network unreachable (an ICMP answer) and the like: Nmap
      // calls these filtered too.
      Settle(h, port, model::PortState::kFiltered);
    }
  }

  const TcpScanOptions& o_;
  TcpScanStats& stats_;
  asio::io_context io_{1};
  asio::steady_timer wake_;
  std::vector<Host> hosts_;
  std::vector<size_t> active_;  // hosts with ports left to try
  size_t cursor_ = 0;
  size_t in_flight_ = 0;
  uint64_t total_ = 0;    // port attempts to settle, all hosts
  uint64_t settled_ = 0;  // ports with a final state
  Clock::time_point next_slot_;
};

namespace {

// Sums the shards' port progress into one figure for the caller's control.
class ShardProgress final : public ScanControl {
 public:
  ShardProgress(ScanControl* parent, size_t shard, std::vector<std::atomic<uint64_t>>& done, uint64_t total)
      : parent_(parent), shard_(shard), done_(done), total_(total) {}
  bool Cancelled() const override { return parent_ != nullptr && parent_->Cancelled(); }
  void Progress(ScanPhase phase, uint64_t done, uint64_t) override {
    done_[shard_].store(done, std::memory_order_relaxed);
    if (parent_ == nullptr) return;
    uint64_t sum = 0;
    for (const auto& d : done_) sum += d.load(std::memory_order_relaxed);
    parent_->Progress(phase, sum, total_);
  }

 private:
  ScanControl* const parent_;
  const size_t shard_;
  std::vector<std::atomic<uint64_t>>& done_;
  const uint64_t total_;
};

size_t ShardCount(const TcpScanOptions& o, size_t admitted_hosts) {
  const uint64_t attempts = static_cast<uint64_t>(o.ports.size()) * admitted_hosts;
  if (attempts < 1024 || o.ports.size() < 2) return 1;
  size_t n = o.threads;
  if (n == 0) n = std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()), 4);
  return std::clamp<size_t>(n, 1, std::min<size_t>(o.ports.size(), 16));
}

}  // namespace

std::vector<HostReport> TcpConnectScanner::Run(const std::vector<TargetHost>& hosts) {
  const auto start = Clock::now();
  std::vector<HostReport> reports;
  reports.reserve(hosts.size());
  for (const auto& h : hosts) reports.push_back({h, scope_.Admit(h), {}, {}});
  const size_t admitted = static_cast<size_t>(
      std::count_if(reports.begin(), reports.end(), [](const HostReport& r) { return r.admission.ok(); }));
  const size_t shards = ShardCount(options_, admitted);
  if (shards == 1) {
    Run_ run(options_, stats_);
    run.Scan(reports);
  } else {
    // Each shard: every host, every shards-th port, its share of the pace
    // and of the bounds. Hosts are admitted once, above.
    std::vector<TcpScanOptions> opts(shards, options_);
    std::vector<std::vector<HostReport>> parts(shards, reports);
    std::vector<TcpScanStats> stats(shards);
    std::vector<std::atomic<uint64_t>> done(shards);
    std::vector<std::unique_ptr<ShardProgress>> progress;
    const uint64_t total = static_cast<uint64_t>(options_.ports.size()) * admitted;
    auto share = [shards](size_t v) { return std::max<size_t>(1, (v + shards - 1) / shards); };
    for (size_t k = 0; k < shards; ++k) {
      TcpScanOptions& o = opts[k];
      o.ports.clear();
      for (size_t i = k; i < options_.ports.size(); i += shards) o.ports.push_back(options_.ports[i]);
      o.packets_per_second = options_.packets_per_second / static_cast<double>(shards);
      o.max_in_flight = share(options_.max_in_flight);
      o.max_in_flight_per_host = share(options_.max_in_flight_per_host);
      progress.push_back(std::make_unique<ShardProgress>(options_.control, k, done, total));
      o.control = progress.back().get();
    }
    std::vector<std::thread> threads;
    for (size_t k = 1; k < shards; ++k) {
      threads.emplace_back([&, k] {
        Run_ run(opts[k], stats[k]);
        run.Scan(parts[k]);
      });
    }
    {
      Run_ run(opts[0], stats[0]);
      run.Scan(parts[0]);
    }
    for (auto& t : threads) t.join();
    for (size_t i = 0; i < reports.size(); ++i) {
      int64_t rtt_sum = 0, rtt_n = 0;
      for (size_t k = 0; k < shards; ++k) {
        const HostReport& part = parts[k][i];
        reports[i].ports.insert(reports[i].ports.end(), part.ports.begin(), part.ports.end());
        if (part.smoothed_rtt.count() > 0) {
          rtt_sum += part.smoothed_rtt.count();
          ++rtt_n;
        }
      }
      std::sort(reports[i].ports.begin(), reports[i].ports.end(),
                [](const PortResult& a, const PortResult& b) { return a.port < b.port; });
      reports[i].smoothed_rtt = std::chrono::microseconds(rtt_n == 0 ? 0 : rtt_sum / rtt_n);
    }
    for (const auto& s : stats) {
      stats_.attempts += s.attempts;
      stats_.retries += s.retries;
      stats_.local_errors += s.local_errors;
    }
  }
  stats_.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  return reports;
}

}  // namespace sw::scan
