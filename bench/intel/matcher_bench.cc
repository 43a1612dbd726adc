// SPDX-License-Identifier: Apache-2.0
//
// The threat-intel matcher benchmark: builds an IntelMatcher from N generated
// indicators of mixed types (default 10 million, deterministic from --seed)
// and reports build time, heap bytes per indicator and lookups per second on
// one core for IPv4 addresses, addresses inside networks, domains, URLs and
// hashes. The peers named by the issue (MISP, OpenCTI) are services that
// cannot run here, so the comparison is with the matcher a reader would write
// first, and the one this project had: std::unordered_map keyed by
// "type:value" holding model::Indicator, networks probed once per prefix
// length in use. Both run on the same indicators and queries in the same
// run; the table prints ours/baseline.
#include <arpa/inet.h>
#include <malloc.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "intel/matcher.h"

namespace {

using sw::intel::IntelMatcher;
using sw::intel::Ip16;
using sw::model::Indicator;
using sw::model::IndicatorType;
using Clock = std::chrono::steady_clock;

// splitmix64: the same sequence from a seed on every platform (the standard
// distributions are not specified bit for bit).
struct Rng {
  uint64_t s;
  uint64_t Next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint64_t Below(uint64_t n) { return Next() % n; }
};

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

size_t HeapInUse() {
  const struct mallinfo2 mi = mallinfo2();
  return mi.uordblks + mi.hblkhd;
}

size_t AvailableBytes() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  size_t kb = 0;
  while (in >> key >> kb) {
    if (key == "MemAvailable:") return kb * 1024;
    in.ignore(256, '\n');
  }
  return 0;
}

std::string V4Text(uint32_t a) {
  return std::to_string(a >> 24) + "." + std::to_string(a >> 16 & 255) + "." + std::to_string(a >> 8 & 255) + "." +
         std::to_string(a & 255);
}

std::string V6Text(const Ip16& a) {
  char text[INET6_ADDRSTRLEN];
  inet_ntop(AF_INET6, a.data(), text, sizeof text);
  return text;
}

Ip16 Mapped(uint32_t a) {
  Ip16 ip{};
  ip[10] = ip[11] = 0xff;
  for (int i = 0; i < 4; ++i) ip[static_cast<size_t>(12 + i)] = static_cast<uint8_t>(a >> (24 - 8 * i));
  return ip;
}

Ip16 RandomV6(Rng& r) {
  Ip16 a{0x20, 0x01, 0x0d, static_cast<uint8_t>(0xb8 + r.Below(8))};  // a few /32s, like real feeds
  for (size_t i = 4; i < 16; ++i) a[i] = static_cast<uint8_t>(r.Next());
  return a;
}

std::string Hex(Rng& r, size_t digits) {
  std::string s(digits, '0');
  for (char& c : s) c = "0123456789abcdef"[r.Below(16)];
  return s;
}

std::string Word(Rng& r) {
  static const char* const kSyllables[] = {"ka", "lo", "mi", "net", "sec", "up", "date", "cdn", "zo", "ra",
                                           "vi", "tor", "pay", "log", "in", "fo", "xi", "an", "web", "qu"};
  std::string w;
  const uint64_t n = 2 + r.Below(3);
  for (uint64_t i = 0; i < n; ++i) w += kSyllables[r.Below(20)];
  return w;
}

std::string Domain(Rng& r) {
  static const char* const kTlds[] = {"com", "net", "org", "info", "cn", "ru", "top", "xyz"};
  return Word(r) + std::to_string(r.Below(100000)) + "." + kTlds[r.Below(8)];
}

// What the generator made, kept for building queries.
struct Corpus {
  std::vector<Indicator> indicators;
  std::vector<uint32_t> v4;                  // listed addresses
  std::vector<std::pair<uint32_t, int>> nets;  // listed IPv4 networks
  std::vector<std::string> domains, urls;
  std::vector<std::pair<IndicatorType, std::string>> hashes;
};

// 40% IPv4, 5% IPv6, 5% networks (4% IPv4 /8../32, mostly /24 and longer;
// 1% IPv6 /32../128), 20% domains, 15% URLs, 15% hashes (md5, sha1, sha256
// alike). Contexts: 50 feeds of 200 events each; 1% of the indicators
// expired.
Corpus Generate(size_t count, uint64_t seed) {
  Rng r{seed};
  std::vector<Indicator> contexts;
  for (int feed = 0; feed < 50; ++feed) {
    for (int event = 0; event < 200; ++event) {
      Indicator c;
      c.source = "feed-" + std::to_string(feed) + ".example.org";
      c.name = "Campaign " + std::to_string(event) + " reported by feed " + std::to_string(feed);
      c.confidence = static_cast<int>(30 + r.Below(70));
      c.tlp = static_cast<sw::model::Tlp>(r.Below(4));
      c.labels = {"malicious-activity"};
      if (event % 3 == 0) c.labels.push_back("misp:category=\"Network activity\"");
      if (event % 4 == 0) c.attack_techniques = {"T1071.001", "T1105"};
      c.stix_id = "indicator--" + Hex(r, 8) + "-" + Hex(r, 4) + "-4" + Hex(r, 3) + "-8" + Hex(r, 3) + "-" + Hex(r, 12);
      contexts.push_back(std::move(c));
    }
  }
  const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  Corpus c;
  c.indicators.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    Indicator ind = contexts[r.Below(contexts.size())];
    if (r.Below(100) == 0) ind.valid_until = now - std::chrono::hours(24);
    const uint64_t pick = r.Below(100);
    if (pick < 40) {
      const auto a = static_cast<uint32_t>(r.Next());
      ind.type = IndicatorType::kIpv4;
      ind.value = V4Text(a);
      c.v4.push_back(a);
    } else if (pick < 45) {
      ind.type = IndicatorType::kIpv6;
      ind.value = V6Text(RandomV6(r));
    } else if (pick < 49) {
      const uint64_t k = r.Below(100);
      const int len = static_cast<int>(k < 1 ? 8 + r.Below(8) : k < 15 ? 16 + r.Below(8) : k < 60 ? 24 : 25 + r.Below(8));
      const uint32_t mask = ~uint32_t{0} << (32 - len);
      const uint32_t a = static_cast<uint32_t>(r.Next()) & mask;
      ind.type = IndicatorType::kCidr;
      ind.value = V4Text(a) + "/" + std::to_string(len);
      c.nets.push_back({a, len});
    } else if (pick < 50) {
      Ip16 a = RandomV6(r);
      const int len = static_cast<int>(32 + r.Below(97));
      for (int b = len; b < 128; ++b) a[static_cast<size_t>(b / 8)] &= static_cast<uint8_t>(~(0x80 >> (b % 8)));
      ind.type = IndicatorType::kCidr;
      ind.value = V6Text(a) + "/" + std::to_string(len);
    } else if (pick < 70) {
      ind.type = IndicatorType::kDomain;
      ind.value = r.Below(4) == 0 ? Word(r) + "." + Domain(r) : Domain(r);
      c.domains.push_back(ind.value);
    } else if (pick < 85) {
      ind.type = IndicatorType::kUrl;
      ind.value = (r.Below(2) ? "http://" : "https://") + Domain(r) + "/" + Word(r) + "/" + Word(r) + ".php?id=" +
                  std::to_string(r.Below(1000000));
      c.urls.push_back(ind.value);
    } else {
      static constexpr IndicatorType kTypes[] = {IndicatorType::kMd5, IndicatorType::kSha1, IndicatorType::kSha256};
      static constexpr size_t kDigits[] = {32, 40, 64};
      const uint64_t t = r.Below(3);
      ind.type = kTypes[t];
      ind.value = Hex(r, kDigits[t]);
      c.hashes.push_back({ind.type, ind.value});
    }
    c.indicators.push_back(std::move(ind));
  }
  return c;
}

// The straightforward matcher: what this project had before the compiled
// snapshot (intel/matcher.cc before d64e41b), holding whole indicators.
class Baseline {
 public:
  explicit Baseline(const std::vector<Indicator>& in, size_t count) {
    const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    exact_.reserve(count);
    for (size_t i = 0; i < count && i < in.size(); ++i) {
      const Indicator& ind = in[i];
      if (ind.valid_until && *ind.valid_until <= now) continue;
      if (ind.type == IndicatorType::kIpv4 || ind.type == IndicatorType::kIpv6 || ind.type == IndicatorType::kCidr) {
        const size_t slash = ind.value.find('/');
        uint8_t a[16];
        if (!Parse(std::string_view(ind.value).substr(0, slash), a)) continue;
        int bits = 128;
        if (slash != std::string::npos) {
          bits = std::atoi(ind.value.c_str() + slash + 1) + (ind.value.find(':') == std::string::npos ? 96 : 0);
          if (std::find(lengths_.begin(), lengths_.end(), bits) == lengths_.end()) lengths_.push_back(bits);
        }
        networks_.emplace(NetworkKey(a, bits), ind);
      } else {
        exact_.emplace(Key(ind.type, ind.value), ind);
      }
    }
    if (std::find(lengths_.begin(), lengths_.end(), 128) == lengths_.end()) lengths_.push_back(128);
    std::sort(lengths_.rbegin(), lengths_.rend());
  }

  const Indicator* MatchIp(const Ip16& a) const {
    uint8_t b[16];
    std::memcpy(b, a.data(), 16);
    for (int bits : lengths_) {
      auto it = networks_.find(NetworkKey(b, bits));
      if (it != networks_.end()) return &it->second;
    }
    return nullptr;
  }
  const Indicator* MatchDomain(std::string_view host) const {
    std::string h(host);
    for (char& ch : h) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::string_view rest = h;
    while (!rest.empty()) {
      auto it = exact_.find(Key(IndicatorType::kDomain, rest));
      if (it != exact_.end()) return &it->second;
      const size_t dot = rest.find('.');
      if (dot == std::string_view::npos) break;
      rest.remove_prefix(dot + 1);
    }
    return nullptr;
  }
  const Indicator* MatchValue(IndicatorType t, std::string_view value) const {
    std::string v(value);
    if (t != IndicatorType::kUrl) {
      for (char& ch : v) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    auto it = exact_.find(Key(t, v));
    return it == exact_.end() ? nullptr : &it->second;
  }

 private:
  static std::string Key(IndicatorType t, std::string_view v) {
    std::string k(sw::model::NameIn(sw::model::kIndicatorTypeNames, t));
    k.push_back(':');
    k.append(v);
    return k;
  }
  static bool Parse(std::string_view text, uint8_t (&out)[16]) {
    const std::string s(text);
    if (inet_pton(AF_INET, s.c_str(), out + 12) == 1) {
      std::memset(out, 0, 10);
      out[10] = out[11] = 0xff;
      return true;
    }
    return inet_pton(AF_INET6, s.c_str(), out) == 1;
  }
  static std::string NetworkKey(const uint8_t (&a)[16], int bits) {
    std::string k(17, '\0');
    k[0] = static_cast<char>(bits);
    for (int i = 0; i < 16; ++i) {
      const int keep = std::clamp(bits - i * 8, 0, 8);
      k[static_cast<size_t>(i) + 1] = static_cast<char>(a[i] & (keep == 0 ? 0 : 0xFF << (8 - keep)));
    }
    return k;
  }
  std::unordered_map<std::string, Indicator> exact_, networks_;
  std::vector<int> lengths_;
};

// Query texts packed in one buffer, as values sit in packets and log lines:
// the bench measures the matcher, not a cache miss on each of a million
// scattered heap strings.
std::vector<std::string_view> Pack(const std::vector<std::string>& texts, std::string& pool) {
  size_t total = 0;
  for (const auto& t : texts) total += t.size();
  pool.reserve(total);  // no reallocation: the views stay valid
  std::vector<std::string_view> views;
  for (const auto& t : texts) {
    pool.append(t);
    views.emplace_back(pool.data() + pool.size() - t.size(), t.size());
  }
  return views;
}

// Lookups per second: the best of `rounds` passes over the queries.
double Rate(size_t n, int rounds, const std::function<size_t()>& pass) {
  double best = 0;
  size_t sink = 0;
  for (int i = 0; i < rounds; ++i) {
    const auto start = Clock::now();
    sink += pass();
    best = std::max(best, static_cast<double>(n) / Seconds(start));
  }
  if (sink == 42) std::printf(" ");  // keeps the passes from being optimized away
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Threat-intel matcher benchmark: build time, bytes per indicator, lookups/s per core"};
  size_t count = 10'000'000, queries = 1'000'000, baseline_count = 0;
  uint64_t seed = 1;
  int rounds = 3;
  app.add_option("--count", count, "indicators to generate");
  app.add_option("--queries", queries, "lookups per kind and pass");
  app.add_option("--baseline-count", baseline_count, "indicators for the baseline (default: all that fit in memory)");
  app.add_option("--seed", seed, "generator seed");
  app.add_option("--rounds", rounds, "passes per measurement (the best is reported)");
  CLI11_PARSE(app, argc, argv);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress lines appear as they happen

  auto start = Clock::now();
  Corpus corpus = Generate(count, seed);
  std::printf("generated %zu indicators in %.1f s (seed %llu)\n", count, Seconds(start),
              static_cast<unsigned long long>(seed));

  // Queries, made before any timing. Half of each kind is listed.
  Rng r{seed ^ 0xABCDEF};
  std::vector<Ip16> q_v4, q_net, q_v4_listed, q_v4_random;
  std::vector<std::string> q_domain, q_url, q_hash;
  std::vector<IndicatorType> q_hash_type;
  for (size_t i = 0; i < queries; ++i) {
    const bool listed = i % 2 == 0;
    q_v4.push_back(Mapped(listed ? corpus.v4[r.Below(corpus.v4.size())] : static_cast<uint32_t>(r.Next())));
    q_v4_listed.push_back(Mapped(corpus.v4[r.Below(corpus.v4.size())]));
    q_v4_random.push_back(Mapped(static_cast<uint32_t>(r.Next())));
    const auto& [net, len] = corpus.nets[r.Below(corpus.nets.size())];
    q_net.push_back(Mapped(net | (len == 32 ? 0 : static_cast<uint32_t>(r.Next()) >> len)));
    q_domain.push_back("www." + (listed ? corpus.domains[r.Below(corpus.domains.size())] : Domain(r)));
    q_url.push_back(listed ? corpus.urls[r.Below(corpus.urls.size())]
                           : "http://" + Domain(r) + "/" + Word(r) + ".php?id=" + std::to_string(r.Below(1000000)));
    const auto& [type, value] = corpus.hashes[r.Below(corpus.hashes.size())];
    q_hash_type.push_back(type);
    q_hash.push_back(listed ? value : Hex(r, value.size()));
  }
  std::string pools[3];
  const std::vector<std::string_view> domain_views = Pack(q_domain, pools[0]), url_views = Pack(q_url, pools[1]),
                                      hash_views = Pack(q_hash, pools[2]);

  // Ours.
  const sw::Timestamp now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  malloc_trim(0);
  size_t heap_before = HeapInUse();
  start = Clock::now();
  auto m = IntelMatcher::Build(corpus.indicators, now);
  const double build_s = Seconds(start);
  const size_t heap_ours = HeapInUse() - heap_before;
  const auto& st = m->stats();
  std::printf("built: %zu kept, %zu expired, %zu duplicates, %zu invalid, %zu contexts\n", st.kept, st.expired,
              st.duplicates, st.invalid, st.contexts);

  std::vector<IntelMatcher::Id> ids(queries);
  auto count_hits = [&] {
    return static_cast<size_t>(std::count_if(ids.begin(), ids.end(), [](auto id) { return id != IntelMatcher::kNoMatch; }));
  };
  struct Row {
    const char* what;
    double single, batch, baseline;
    size_t hits;
  };
  std::vector<Row> rows;
  auto single = [&](auto&& find) {
    return Rate(queries, rounds, [&] {
      size_t hits = 0;
      for (size_t i = 0; i < queries; ++i) hits += find(i) != IntelMatcher::kNoMatch;
      return hits;
    });
  };
  auto batch = [&](auto&& find_all) {
    return Rate(queries, rounds, [&] {
      find_all();
      return ids[0];
    });
  };
  rows.push_back({"IPv4 address, 50% listed", single([&](size_t i) { return m->FindIp(q_v4[i]); }),
                  batch([&] { m->FindIps(q_v4, ids); }), 0, count_hits()});
  rows.push_back({"  IPv4 listed (exact hit)", single([&](size_t i) { return m->FindIp(q_v4_listed[i]); }),
                  batch([&] { m->FindIps(q_v4_listed, ids); }), 0, count_hits()});
  rows.push_back({"  IPv4 random (miss, then networks)", single([&](size_t i) { return m->FindIp(q_v4_random[i]); }),
                  batch([&] { m->FindIps(q_v4_random, ids); }), 0, count_hits()});
  rows.push_back({"IPv4 inside a listed network", single([&](size_t i) { return m->FindIp(q_net[i]); }),
                  batch([&] { m->FindIps(q_net, ids); }), 0, count_hits()});
  rows.push_back({"domain www.<d>, 50% listed d", single([&](size_t i) { return m->FindDomain(domain_views[i]); }),
                  batch([&] { m->FindDomains(domain_views, ids); }), 0, count_hits()});
  rows.push_back({"URL (normalized), 50% listed", single([&](size_t i) { return m->FindUrl(url_views[i]); }),
                  batch([&] { m->FindValues(IndicatorType::kUrl, url_views, ids); }), 0, count_hits()});
  const double url_normalizing = Rate(queries / 10, rounds, [&] {
    size_t hits = 0;
    for (size_t i = 0; i < queries / 10; ++i) hits += m->MatchUrl(url_views[i]).has_value();
    return hits;
  });
  // Hashes: single lookups in the mixed order; batches per type (a batch
  // takes one type), the same queries.
  std::vector<std::string_view> by_type[3];
  for (size_t i = 0; i < queries; ++i) {
    by_type[q_hash_type[i] == IndicatorType::kMd5 ? 0 : q_hash_type[i] == IndicatorType::kSha1 ? 1 : 2].push_back(
        hash_views[i]);
  }
  static constexpr IndicatorType kHashTypes[] = {IndicatorType::kMd5, IndicatorType::kSha1, IndicatorType::kSha256};
  rows.push_back({"md5/sha1/sha256 hex, 50% listed",
                  single([&](size_t i) { return m->FindValue(q_hash_type[i], hash_views[i]); }), batch([&] {
                    size_t at = 0;
                    for (int t = 0; t < 3; ++t) {
                      m->FindValues(kHashTypes[t], by_type[t], std::span(ids).subspan(at, by_type[t].size()));
                      at += by_type[t].size();
                    }
                  }),
                  0, count_hits()});

  // The baseline, on as many indicators as memory allows (measured about
  // 700 bytes each with the input kept).
  const size_t available = AvailableBytes();
  if (baseline_count == 0) baseline_count = std::min(count, available / 2 / 700);
  malloc_trim(0);
  heap_before = HeapInUse();
  start = Clock::now();
  auto baseline = std::make_unique<Baseline>(corpus.indicators, baseline_count);
  const double base_build_s = Seconds(start);
  const size_t heap_base = HeapInUse() - heap_before;
  auto base_rate = [&](auto&& match) {
    return Rate(queries, rounds, [&] {
      size_t hits = 0;
      for (size_t i = 0; i < queries; ++i) hits += match(i) != nullptr;
      return hits;
    });
  };
  rows[0].baseline = base_rate([&](size_t i) { return baseline->MatchIp(q_v4[i]); });
  rows[1].baseline = base_rate([&](size_t i) { return baseline->MatchIp(q_v4_listed[i]); });
  rows[2].baseline = base_rate([&](size_t i) { return baseline->MatchIp(q_v4_random[i]); });
  rows[3].baseline = base_rate([&](size_t i) { return baseline->MatchIp(q_net[i]); });
  rows[4].baseline = base_rate([&](size_t i) { return baseline->MatchDomain(domain_views[i]); });
  rows[5].baseline = base_rate([&](size_t i) { return baseline->MatchValue(IndicatorType::kUrl, url_views[i]); });
  rows[6].baseline = base_rate([&](size_t i) { return baseline->MatchValue(q_hash_type[i], hash_views[i]); });

  const double n = static_cast<double>(count), nb = static_cast<double>(baseline_count);
  std::printf("\n%zu indicators (baseline: %zu%s), %zu queries per kind, best of %d passes, one core\n\n", count,
              baseline_count, baseline_count < count ? ", as many as fit in memory" : "", queries, rounds);
  std::printf("%-34s %14s %14s %14s %8s\n", "", "ours", "baseline", "ours/baseline", "");
  std::printf("%-34s %14.2f %14.2f %14.2f\n", "build time, s", build_s, base_build_s,
              (build_s / n) / (base_build_s / nb));
  std::printf("%-34s %14.1f %14.1f %14.3f\n", "heap bytes/indicator (mallinfo2)", static_cast<double>(heap_ours) / n,
              static_cast<double>(heap_base) / nb, (static_cast<double>(heap_ours) / n) / (static_cast<double>(heap_base) / nb));
  std::printf("%-34s %14.1f\n", "heap bytes/indicator (MemoryBytes)", static_cast<double>(m->MemoryBytes()) / n);
  std::printf("\nlookups/s on one core (millions)    %9s %9s %9s %9s %9s\n", "single", "batch", "baseline",
              "ratio", "hits");
  for (const Row& row : rows) {
    const double best = std::max(row.single, row.batch);
    std::printf("%-34s %9.2f %9s %9.2f %9.1f %8.1f%%\n", row.what, row.single / 1e6,
                row.batch > 0 ? std::to_string(row.batch / 1e6).substr(0, 5).c_str() : "-", row.baseline / 1e6,
                best / row.baseline, 100.0 * static_cast<double>(row.hits) / static_cast<double>(queries));
  }
  std::printf("%-34s %9.2f\n", "URL as seen (MatchUrl: normalize)", url_normalizing / 1e6);
  std::printf("\nratio: ours (the better of single and batch) / baseline; build ratio per indicator\n");
  return 0;
}
