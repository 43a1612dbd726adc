// SPDX-License-Identifier: Apache-2.0
#include "detect/engine.h"

#include <hs/hs.h>

#include <algorithm>
#include <deque>
#include <map>
#include <tuple>
#include <unordered_map>

#include "detect/option_matcher.h"
#include "detect/transforms.h"

namespace sw::detect {
namespace {

// Buffers filled from the server's side of a transaction: a rule using one
// inspects the response direction.
bool IsResponseBuffer(Buffer b) {
  switch (b) {
    case Buffer::kFileData:
    case Buffer::kHttpResponseBody:
    case Buffer::kHttpStatCode:
    case Buffer::kHttpStatMsg:
    case Buffer::kHttpResponseLine:
    case Buffer::kHttpServer:
    case Buffer::kHttpLocation:
    case Buffer::kHttpResponseHeader:
    case Buffer::kTlsCertSubject:
    case Buffer::kTlsCertIssuer:
    case Buffer::kTlsCertSerial:
    case Buffer::kTlsCertFingerprint:
    case Buffer::kTlsCerts:
    case Buffer::kJa3sHash:
    case Buffer::kJa3sString:
      return true;
    default:
      return false;
  }
}

// How many addresses a set holds, roughly: a rule is keyed by its narrower
// side (a reputation list, not $HOME_NET).
long double Coverage(const IpSet& s) {
  auto value = [](const Ip128& v) { return static_cast<long double>(v.hi) * 18446744073709551616.0L + static_cast<long double>(v.lo); };
  long double n = 0;
  for (const auto& [lo, hi] : s.ranges()) n += value(hi) - value(lo) + 1;
  return n;
}

std::string AppOfRule(const Rule& r) {
  for (const auto& o : r.options) {
    if (o.buffer.buffer != Buffer::kPktData) {
      const std::string_view app = Info(o.buffer.buffer).app;
      if (!app.empty()) return std::string(app);
    }
  }
  return {};
}

}  // namespace

struct DetectEngine::RuleInfo {
  bool transaction = false;  // inspected on transactions of `app`
  // Its buffers exist on both sides of a transaction and it names no
  // direction: inspected on both.
  bool both_sides = false;
  // A TCP rule with pkt_data options (and no packet-only condition): it
  // inspects the reassembled stream of sessions that have one.
  bool stream = false;
  std::string app;           // for transactions; else the flow's app_proto must match when set
  bool response_side = false;
  // Options by buffer, in rule order within each buffer.
  std::vector<std::pair<BufferRef, std::vector<const DetectOption*>>> lists;
};

struct DetectEngine::Group {
  Inspection::Kind kind;
  std::string app;  // transactions only
  BufferRef buffer;
  hs_database_t* db = nullptr;
  std::vector<uint32_t> always;  // rules of this inspection point without a fast pattern (buffer unused)
  ~Group() {
    if (db != nullptr) hs_free_database(db);
  }
};

DetectEngine::~DetectEngine() = default;

Result<std::unique_ptr<DetectEngine>> DetectEngine::Build(RuleSet rules) {
  std::unique_ptr<DetectEngine> e(new DetectEngine());
  e->rules_ = std::move(rules);
  const auto& rs = e->rules_.rules;
  e->info_.resize(rs.size());
  // Key: (kind, app, buffer) -> group index.
  std::map<std::tuple<int, std::string, Buffer, std::vector<Transform>>, size_t> index;
  std::vector<std::vector<std::pair<uint32_t, const FastPattern*>>> patterns;
  auto group_of = [&](Inspection::Kind kind, const std::string& app, const BufferRef& b) {
    auto key = std::make_tuple(static_cast<int>(kind), app, b.buffer, b.transforms);
    auto [it, inserted] = index.emplace(key, e->groups_.size());
    if (inserted) {
      auto g = std::make_unique<Group>();
      g->kind = kind;
      g->app = app;
      g->buffer = b;
      e->groups_.push_back(std::move(g));
      patterns.emplace_back();
    }
    return it->second;
  };
  for (uint32_t i = 0; i < rs.size(); ++i) {
    const Rule& r = rs[i];
    RuleInfo& info = e->info_[i];
    const std::string buffer_app = AppOfRule(r);
    info.transaction = !buffer_app.empty();
    info.app = info.transaction ? buffer_app : r.header.protocol.app;
    for (const auto& o : r.options) {
      auto it = std::find_if(info.lists.begin(), info.lists.end(), [&](const auto& l) { return l.first == o.buffer; });
      if (it == info.lists.end()) {
        info.lists.push_back({o.buffer, {}});
        it = std::prev(info.lists.end());
      }
      it->second.push_back(&o);
      if (IsResponseBuffer(o.buffer.buffer)) info.response_side = true;
    }
    if (r.flow && r.flow->side == FlowCondition::Side::kToClient) info.response_side = true;
    info.both_sides = !info.lists.empty() && (!r.flow || r.flow->side == FlowCondition::Side::kAny) &&
                      std::all_of(info.lists.begin(), info.lists.end(),
                                  [](const auto& l) { return l.first.buffer == Buffer::kDnsQueriesRrname; });
    const bool tcp = r.header.protocol.transport == Transport::kTcp;
    const bool pkt_data = std::any_of(r.options.begin(), r.options.end(),
                                      [](const DetectOption& o) { return o.buffer.buffer == Buffer::kPktData; });
    info.stream = !info.transaction && tcp && pkt_data && !r.header.protocol.packet_only && !r.dsize;
    const auto kind = info.transaction ? Inspection::Kind::kTransaction : Inspection::Kind::kPacket;
    ++(info.transaction ? e->stats_.transaction_rules : e->stats_.packet_rules);
    if (r.fast_pattern) {
      patterns[group_of(kind, info.transaction ? info.app : "", r.fast_pattern->buffer)].push_back({i, &*r.fast_pattern});
      ++e->stats_.prefiltered;
    } else if (!info.transaction && (!r.header.src.any() || !r.header.dst.any())) {
      // Found by the packet's addresses (IP-reputation lists and the like).
      const bool by_src = r.header.dst.any() ||
                          (!r.header.src.any() && Coverage(r.header.src.set) <= Coverage(r.header.dst.set));
      e->ip_index_.Add(by_src ? r.header.src.set : r.header.dst.set, i);
      ++e->stats_.ip_keyed;
    } else {
      // Rules without a fast pattern run at every inspection of their kind:
      // keep them on the group of the default buffer of that point.
      e->groups_[group_of(kind, info.transaction ? info.app : "", BufferRef{})]->always.push_back(i);
      ++e->stats_.always;
    }
  }
  for (size_t g = 0; g < e->groups_.size(); ++g) {
    auto& pats = patterns[g];
    if (pats.empty()) continue;
    std::vector<const char*> exprs;
    std::vector<size_t> lens;
    std::vector<unsigned> flags, ids;
    for (const auto& [rule, fp] : pats) {
      exprs.push_back(fp->bytes.data());
      lens.push_back(fp->bytes.size());
      flags.push_back(HS_FLAG_SINGLEMATCH | (fp->nocase ? HS_FLAG_CASELESS : 0u));
      ids.push_back(rule);
    }
    hs_compile_error_t* err = nullptr;
    const hs_error_t rc = hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(),
                                               static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK, nullptr,
                                               &e->groups_[g]->db, &err);
    if (rc != HS_SUCCESS) {
      std::string why = err != nullptr && err->message != nullptr ? err->message : "unknown error";
      const int at = err != nullptr ? err->expression : -1;
      hs_free_compile_error(err);
      return Internal("hyperscan: group " + std::string(BufferName(e->groups_[g]->buffer.buffer)) + ": " + why +
                      (at >= 0 ? " (rule sid " + std::to_string(rs[pats[static_cast<size_t>(at)].first].sid) + ")" : ""));
    }
  }
  e->ip_index_.Build();
  e->stats_.rules = rs.size();
  e->stats_.groups = e->groups_.size();
  return e;
}

bool FlowDetectState::IsSet(std::string_view name) const {
  return std::find(bits.begin(), bits.end(), name) != bits.end();
}
void FlowDetectState::Set(std::string_view name) {
  if (!IsSet(name)) bits.emplace_back(name);
}
void FlowDetectState::Unset(std::string_view name) {
  std::erase_if(bits, [&](const std::string& b) { return b == name; });
}

// Threshold and detection_filter counters: per rule and tracked address.
struct ThresholdState {
  struct Entry {
    int64_t window_start = 0;
    uint32_t count = 0;
  };
  std::unordered_map<uint64_t, Entry> entries;
};

DetectThread::DetectThread(const DetectEngine& engine)
    : engine_(engine), seen_(engine.rules_.rules.size(), 0), thresholds_(std::make_unique<ThresholdState>()) {
  for (const auto& g : engine_.groups_) {
    if (g->db != nullptr) hs_alloc_scratch(g->db, &scratch_);
  }
}

DetectThread::~DetectThread() {
  if (scratch_ != nullptr) hs_free_scratch(scratch_);
}

namespace {

bool PortOk(const PortSpec& spec, uint16_t port, uint8_t proto) {
  // Ports constrain only TCP/UDP/SCTP; other protocols match `any` ports only.
  if (proto != 6 && proto != 17 && proto != 132) return spec.any();
  return spec.set.Contains(port);
}

bool HeaderOk(const Header& h, const PacketFacts& f) {
  switch (h.protocol.transport) {
    case Transport::kTcp:
      if (f.ip_proto != 6) return false;
      break;
    case Transport::kUdp:
      if (f.ip_proto != 17) return false;
      break;
    case Transport::kIcmp:
      if (f.ip_proto != 1 && f.ip_proto != 58) return false;
      break;
    case Transport::kTcpOrUdp:
      if (f.ip_proto != 6 && f.ip_proto != 17) return false;
      break;
    case Transport::kAny:
      break;
  }
  if (h.protocol.ip_version != 0 && h.protocol.ip_version != f.ip_version) return false;
  const bool forward = h.src.set.Contains(f.src) && h.dst.set.Contains(f.dst) && PortOk(h.src_ports, f.sport, f.ip_proto) &&
                       PortOk(h.dst_ports, f.dport, f.ip_proto);
  if (forward) return true;
  if (h.direction != Direction::kBoth) return false;
  return h.src.set.Contains(f.dst) && h.dst.set.Contains(f.src) && PortOk(h.src_ports, f.dport, f.ip_proto) &&
         PortOk(h.dst_ports, f.sport, f.ip_proto);
}

bool FlowOk(const FlowCondition& c, const PacketFacts& f) {
  if (c.side == FlowCondition::Side::kToServer && !f.to_server) return false;
  if (c.side == FlowCondition::Side::kToClient && f.to_server) return false;
  if (c.state == FlowCondition::State::kEstablished && !f.established) return false;
  if (c.state == FlowCondition::State::kNotEstablished && f.established) return false;
  if (c.state == FlowCondition::State::kStateless) return true;
  return true;
}

bool TcpFlagsOk(const TcpFlags& t, uint8_t flags) {
  const uint8_t v = flags & static_cast<uint8_t>(~t.ignore);
  switch (t.mode) {
    case TcpFlags::Mode::kExact: return v == t.set;
    case TcpFlags::Mode::kAll: return (v & t.set) == t.set;
    case TcpFlags::Mode::kAny: return (v & t.set) != 0;
    case TcpFlags::Mode::kNot: return (v & t.set) == 0;
  }
  return false;
}

bool StreamSizeOk(const StreamSize& s, const PacketFacts& f) {
  switch (s.side) {
    case StreamSize::Side::kServer: return s.cmp.Matches(f.stream_bytes_to_client);
    case StreamSize::Side::kClient: return s.cmp.Matches(f.stream_bytes_to_server);
    case StreamSize::Side::kBoth:
      return s.cmp.Matches(f.stream_bytes_to_client) && s.cmp.Matches(f.stream_bytes_to_server);
    case StreamSize::Side::kEither:
      return s.cmp.Matches(f.stream_bytes_to_client) || s.cmp.Matches(f.stream_bytes_to_server);
  }
  return false;
}

}  // namespace

bool DetectThread::Verify(size_t i, const Inspection& in) {
  const Rule& r = engine_.rules_.rules[i];
  const auto& info = engine_.info_[i];
  const PacketFacts& f = in.facts;
  ++rules_checked_;
  if (!HeaderOk(r.header, f)) return false;
  if (!info.transaction && !r.header.protocol.app.empty() && r.header.protocol.app != f.app_proto) return false;
  if (r.flow) {
    if (r.flow->state != FlowCondition::State::kStateless && !f.has_flow &&
        (r.flow->state == FlowCondition::State::kEstablished || r.flow->side != FlowCondition::Side::kAny)) {
      return false;
    }
    if (!FlowOk(*r.flow, f)) return false;
  }
  if (in.kind != Inspection::Kind::kTransaction) {
    if (r.dsize && !r.dsize->Matches(f.payload_size)) return false;
  }
  if (r.itype && (!(f.ip_proto == 1 || f.ip_proto == 58) || !r.itype->Matches(f.icmp_type))) return false;
  if (r.icode && (!(f.ip_proto == 1 || f.ip_proto == 58) || !r.icode->Matches(f.icmp_code))) return false;
  if (r.ttl && !r.ttl->Matches(f.ttl)) return false;
  if (r.ip_proto && !r.ip_proto->Matches(f.ip_proto)) return false;
  if (r.tcp_flags && (f.ip_proto != 6 || !TcpFlagsOk(*r.tcp_flags, f.tcp_flags))) return false;
  for (const auto& s : r.stream_sizes) {
    if (f.ip_proto != 6 || !StreamSizeOk(s, f)) return false;
  }
  if (r.tls_version && f.tls_version != r.tls_version) return false;
  for (const auto& a : r.app_layer_protocols) {
    const bool is = f.app_proto == a.name || (a.name == "failed" && f.app_proto.empty());
    if (is == a.negated) return false;
  }
  for (const auto& fb : r.flowbits) {
    if (fb.cmd != Flowbit::Cmd::kIsSet && fb.cmd != Flowbit::Cmd::kIsNotSet) continue;
    if (in.flow == nullptr) {
      if (fb.cmd == Flowbit::Cmd::kIsSet) return false;
      continue;
    }
    const bool want = fb.cmd == Flowbit::Cmd::kIsSet;
    bool ok = fb.any_of ? false : true;
    for (const auto& name : fb.names) {
      const bool pass = in.flow->IsSet(name) == want;
      ok = fb.any_of ? (ok || pass) : (ok && pass);
    }
    if (!ok) return false;
  }
  MatchBudget budget;
  for (const auto& [ref, list] : info.lists) {
    std::optional<std::string_view> raw = in.buffers != nullptr ? in.buffers->Get(ref.buffer) : std::nullopt;
    if (!raw) return false;
    if (ref.transforms.empty()) {
      if (!MatchOptions(list, *raw, budget)) return false;
    } else {
      const std::string t = ApplyTransforms(*raw, ref.transforms);
      if (!MatchOptions(list, t, budget)) return false;
    }
  }
  return true;
}

void DetectThread::ApplyActions(const Rule& r, const Inspection& in) {
  if (in.flow == nullptr) return;
  for (const auto& fb : r.flowbits) {
    for (const auto& name : fb.names) {
      switch (fb.cmd) {
        case Flowbit::Cmd::kSet: in.flow->Set(name); break;
        case Flowbit::Cmd::kUnset: in.flow->Unset(name); break;
        case Flowbit::Cmd::kToggle:
          if (in.flow->IsSet(name)) in.flow->Unset(name); else in.flow->Set(name);
          break;
        default: break;
      }
    }
  }
}

namespace {

class BytesSource final : public BufferSource {
 public:
  explicit BytesSource(std::string_view d) : d_(d) {}
  std::optional<std::string_view> Get(Buffer b) override {
    return b == Buffer::kPktData ? std::optional<std::string_view>(d_) : std::nullopt;
  }

 private:
  std::string_view d_;
};

}  // namespace

bool DetectThread::InOverlapOnly(size_t i, const Inspection& in) {
  if (in.kind != Inspection::Kind::kStream || in.stream_old_bytes == 0 || in.buffers == nullptr) return false;
  auto all = in.buffers->Get(Buffer::kPktData);
  if (!all || all->size() < in.stream_old_bytes) return false;
  Inspection part = in;
  BytesSource old(all->substr(0, in.stream_old_bytes));
  part.buffers = &old;
  if (!Verify(i, part)) return false;  // not in the old bytes alone: new
  BytesSource fresh(all->substr(in.stream_old_bytes));
  part.buffers = &fresh;
  return !Verify(i, part);  // in the old bytes, and not again in the new
}

bool DetectThread::Thresholded(size_t i, const Inspection& in) {
  const Rule& r = engine_.rules_.rules[i];
  const Threshold* t = r.detection_filter ? &*r.detection_filter : (r.threshold ? &*r.threshold : nullptr);
  if (t == nullptr) return false;
  const Ip128& who = t->track == Threshold::Track::kByDst ? in.facts.dst : in.facts.src;
  uint64_t key = (uint64_t{r.gid} << 32 | r.sid) * 0x9E3779B97F4A7C15ULL;
  if (t->track != Threshold::Track::kByRule) key ^= who.hi * 31 + who.lo;
  auto& e = thresholds_->entries[key];
  const int64_t window = int64_t{t->seconds} * 1000000;
  if (e.count == 0 || in.time_us - e.window_start >= window) {
    e.window_start = in.time_us;
    e.count = 0;
  }
  ++e.count;
  switch (t->type) {
    case Threshold::Type::kLimit: return e.count > t->count;              // the first N per window
    case Threshold::Type::kThreshold: return e.count % t->count != 0;     // every Nth
    case Threshold::Type::kBoth: return e.count != t->count;              // once, at the Nth
    case Threshold::Type::kDetectionFilter: return e.count <= t->count;   // after the first N
  }
  return false;
}

int DetectThread::Inspect(const Inspection& in, AlertSink& sink) {
  if (++epoch_ == 0) {
    std::fill(seen_.begin(), seen_.end(), 0);
    epoch_ = 1;
  }
  candidates_.clear();
  auto add = [this](uint32_t rule) {
    if (seen_[rule] != epoch_) {
      seen_[rule] = epoch_;
      candidates_.push_back(rule);
    }
  };
  // A stream inspection uses the packet groups (its pkt_data is the stream).
  const auto group_kind = in.kind == Inspection::Kind::kStream ? Inspection::Kind::kPacket : in.kind;
  for (const auto& g : engine_.groups_) {
    if (g->kind != group_kind || (in.kind == Inspection::Kind::kTransaction && g->app != in.app)) continue;
    for (uint32_t r : g->always) add(r);
    if (g->db == nullptr || in.buffers == nullptr) continue;
    std::optional<std::string_view> raw = in.buffers->Get(g->buffer.buffer);
    if (!raw) continue;
    std::string transformed;
    std::string_view data = *raw;
    if (!g->buffer.transforms.empty()) {
      transformed = ApplyTransforms(*raw, g->buffer.transforms);
      data = transformed;
    }
    hits_.clear();
    hs_scan(g->db, data.data(), static_cast<unsigned>(data.size()), 0, scratch_,
            [](unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) -> int {
              static_cast<DetectThread*>(ctx)->hits_.push_back(id);
              return 0;
            },
            this);
    for (uint32_t r : hits_) add(r);
  }
  if (group_kind == Inspection::Kind::kPacket && !engine_.ip_index_.empty()) {
    // Either address may be the keyed one (a <> rule, or a rule keyed by
    // its destination): look both up; verification sorts it out.
    hits_.clear();
    engine_.ip_index_.Lookup(in.facts.src, hits_);
    engine_.ip_index_.Lookup(in.facts.dst, hits_);
    for (uint32_t r : hits_) add(r);
  }
  std::vector<uint32_t>& unique = candidates_;
  // Rule order: sid order within the set is Suricata's "in file order";
  // keep load order so flowbit setters run before their readers.
  std::sort(unique.begin(), unique.end());
  int alerts = 0;
  for (uint32_t r : unique) {
    const auto& info = engine_.info_[r];
    if (in.kind == Inspection::Kind::kTransaction) {
      // Transaction rules look at the side their buffers come from.
      if (!info.both_sides && info.response_side == in.facts.to_server) continue;
    }
    if (in.kind == Inspection::Kind::kStream && !info.stream) continue;
    if (in.kind == Inspection::Kind::kPacket && in.stream_inspected && info.stream) continue;
    if (!Verify(r, in)) continue;
    // Reported with the previous chunk of the stream: neither an alert nor
    // its flowbit actions again.
    if (InOverlapOnly(r, in)) continue;
    const Rule& rule = engine_.rules_.rules[r];
    ApplyActions(rule, in);
    if (rule.noalert || rule.header.action == Action::kPass) continue;
    if (Thresholded(r, in)) continue;
    sink.OnAlert({&rule, in.facts.to_server});
    ++alerts;
  }
  return alerts;
}

}  // namespace sw::detect
