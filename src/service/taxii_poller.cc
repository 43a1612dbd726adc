// SPDX-License-Identifier: Apache-2.0
#include "service/taxii_poller.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/url/encode.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "core/json.h"
#include "sys/http_client.h"

namespace sw::service {
namespace {

constexpr std::string_view kTaxiiMediaType = "application/taxii+json;version=2.1";
constexpr size_t kPageLimit = 500;
constexpr int kMaxPages = 10000;  // a remote that never says "no more" stops somewhere

std::string Encode(std::string_view v) { return boost::urls::encode(v, boost::urls::unreserved_chars); }

// The owner key of a remote as import options.
IntelImportOptions OptionsFor(const model::TaxiiRemote& r) {
  IntelImportOptions o;
  if (r.owner.rfind("partner:", 0) == 0) o.partner = model::PartnerId(r.owner.substr(8));
  if (r.owner.rfind("enterprise:", 0) == 0) o.tenant = model::TenantId(r.owner.substr(11));
  o.default_tlp = r.default_tlp;
  o.origin = "TAXII " + r.name;
  return o;
}

void Add(IntelImportReport& sum, const IntelImportReport& page) {
  sum.owner = page.owner;
  sum.items += page.items;
  sum.objects_stored += page.objects_stored;
  sum.objects_known += page.objects_known;
  sum.indicators_new += page.indicators_new;
  sum.indicators_merged += page.indicators_merged;
  sum.rejected += page.rejected;
  sum.not_matchable += page.not_matchable;
  sum.skipped += page.skipped;
  sum.warned += page.warned;
  for (const auto& i : page.issues) {
    if (sum.issues.size() < 1000) sum.issues.push_back(i);
  }
}

// The description of a TAXII error message, else the start of the body.
std::string ErrorText(const sys::HttpResponse& r) {
  auto v = ParseJson(r.body);
  if (v.ok() && v->is_object()) {
    for (const char* key : {"description", "title"}) {
      if (const auto* d = v->as_object().if_contains(key); d && d->is_string()) return std::string(d->get_string());
    }
  }
  return r.body.substr(0, 200);
}

}  // namespace

Result<TaxiiPollResult> TaxiiPoller::Pull(model::TaxiiRemote& remote) {
  auto url = boost::urls::parse_uri(remote.api_root);
  if (!url || (url->scheme() != "https" && url->scheme() != "http") || url->host().empty()) {
    return InvalidArgument("api_root: '" + remote.api_root + "' is not an http(s) URL");
  }
  std::string base = std::string(url->scheme()) + "://" + std::string(url->encoded_host_and_port());
  std::string path(url->encoded_path());
  if (path.empty() || path.back() != '/') path += '/';
  auto client = sys::HttpClient::Create({.base_url = base,
                                         .ca_file = remote.ca_file,
                                         .timeout = std::chrono::seconds(60),
                                         .max_body_bytes = size_t{64} << 20});
  if (!client.ok()) return client.status();
  sys::HeaderList headers = {{"Accept", std::string(kTaxiiMediaType)}};
  if (!remote.authorization.empty()) headers.emplace_back("Authorization", remote.authorization);

  TaxiiPollResult out;
  out.checkpoint = remote.added_after;
  const IntelImportOptions options = OptionsFor(remote);
  std::string next;
  for (int page = 0; page < kMaxPages; ++page) {
    std::string target = path + "collections/" + Encode(remote.collection_id) + "/objects/?limit=" +
                         std::to_string(kPageLimit);
    if (!next.empty()) {
      target += "&next=" + Encode(next);
    } else if (!out.checkpoint.empty()) {
      target += "&added_after=" + Encode(out.checkpoint);
    }
    auto r = (*client)->Send("GET", target, headers);
    if (!r.ok()) return r.status();
    if (r->status != 200) return Unavailable("HTTP " + std::to_string(r->status) + ": " + ErrorText(*r));
    auto doc = ParseJson(r->body, {.max_bytes = size_t{64} << 20, .max_depth = 64});
    if (!doc.ok() || !doc->is_object()) return InvalidArgument("the remote's answer is not a TAXII envelope");
    const json::object& env = doc->as_object();
    json::array objects;
    if (const auto* o = env.if_contains("objects")) {
      if (!o->is_array()) return InvalidArgument("the remote's envelope: objects is not a list");
      objects = o->get_array();
    }
    ++out.pages;
    out.objects += objects.size();
    if (!objects.empty()) {
      SW_ASSIGN_OR_RETURN(IntelImportReport report,
                          intel_.ImportObjects(Principal::System(), objects, options));
      Add(out.report, report);
    }
    // Everything up to this page's last object is stored: move the checkpoint.
    if (const std::string_view last = r->header("X-TAXII-Date-Added-Last"); !last.empty()) {
      out.checkpoint = std::string(last);
      remote.added_after = out.checkpoint;
    }
    const auto* more = env.if_contains("more");
    if (more == nullptr || !more->is_bool() || !more->get_bool()) return out;
    next.clear();
    if (const auto* n = env.if_contains("next"); n && n->is_string()) next = std::string(n->get_string());
    // A server that says "more" without a "next" is read on by date.
    if (next.empty() && out.checkpoint.empty()) return InvalidArgument("the remote says more but gives no next");
  }
  return out;
}

Status TaxiiPoller::Record(model::TaxiiRemote& remote, const Result<TaxiiPollResult>& outcome) {
  const Timestamp now = ctx_.clock.Now();
  remote.last_poll_at = now;
  if (outcome.ok()) {
    const auto& r = outcome->report;
    remote.failures = 0;
    remote.last_status = std::to_string(outcome->objects) + " objects: " + std::to_string(r.indicators_new) +
                         " new indicators, " + std::to_string(r.indicators_merged) + " merged, " +
                         std::to_string(r.rejected) + " rejected";
    remote.next_poll_at = now + std::chrono::seconds(remote.interval_seconds);
  } else {
    ++remote.failures;
    remote.last_status = "error: " + outcome.status().message();
    const auto backoff = std::chrono::seconds(30) * (int64_t{1} << std::min(remote.failures - 1, 16));
    remote.next_poll_at = now + std::min<std::chrono::seconds>(backoff, std::chrono::seconds(remote.interval_seconds));
  }
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) { return tx.intel().UpdateRemote(remote); });
}

Result<TaxiiPollResult> TaxiiPoller::PollNow(const std::string& id) {
  model::TaxiiRemote remote;
  {
    auto tx = ctx_.store.Begin(store::Store::Mode::kRead);
    if (!tx.ok()) return tx.status();
    SW_ASSIGN_OR_RETURN(remote, (*tx)->intel().GetRemote(id));
  }
  auto outcome = Pull(remote);
  SW_RETURN_IF_ERROR(Record(remote, outcome));
  return outcome;
}

Status TaxiiPoller::PollDue() {
  std::vector<model::TaxiiRemote> due;
  {
    auto tx = ctx_.store.Begin(store::Store::Mode::kRead);
    if (!tx.ok()) return tx.status();
    SW_ASSIGN_OR_RETURN(due, (*tx)->intel().DueRemotes(ctx_.clock.Now()));
  }
  for (auto& remote : due) {
    auto outcome = Pull(remote);
    if (!outcome.ok()) spdlog::warn("TAXII remote {}: {}", remote.name, outcome.status().message());
    SW_RETURN_IF_ERROR(Record(remote, outcome));
  }
  return {};
}

void TaxiiPoller::Start(std::chrono::milliseconds period) {
  thread_ = std::thread([this, period] {
    std::unique_lock lock(mu_);
    while (!stopping_) {
      lock.unlock();
      if (Status s = PollDue(); !s.ok()) spdlog::warn("TAXII polling: {}", s.message());
      lock.lock();
      cv_.wait_for(lock, period, [this] { return stopping_; });
    }
  });
}

void TaxiiPoller::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace sw::service
