// SPDX-License-Identifier: Apache-2.0
#include "service/alert_service.h"

#include <algorithm>

#include "core/ids.h"
#include "model/asset.h"
#include "service/audit_log.h"
#include "service/permissions.h"

namespace sw::service {

Result<IngestResult> AlertService::Ingest(const Principal& who, const json::value& batch) {
  SW_RETURN_IF_ERROR(Require(who, Permission::kAlertIngest));
  if (!batch.is_object() || !batch.as_object().contains("events") || !batch.as_object().at("events").is_array()) {
    return InvalidArgument("events: required, an array", "events");
  }
  const auto& events = batch.as_object().at("events").as_array();
  if (events.size() > kMaxBatch) {
    return InvalidArgument("events: at most " + std::to_string(kMaxBatch) + " per batch", "events");
  }
  const Timestamp now = ctx_.clock.Now();
  IngestResult result;
  std::vector<model::NetworkAlert> alerts;
  for (size_t i = 0; i < events.size(); ++i) {
    const std::string where = "events[" + std::to_string(i) + "]";
    const auto& item = events[i];
    if (!item.is_object()) {
      result.rejected.push_back({i, where + ": must be an object"});
      continue;
    }
    const auto& o = item.as_object();
    const auto* id = o.if_contains("id");
    const auto* ev = o.if_contains("event");
    if (id == nullptr || !id->is_string() || id->as_string().empty() || id->as_string().size() > 128) {
      result.rejected.push_back({i, where + ".id: required, a string of at most 128 characters"});
      continue;
    }
    if (ev == nullptr || !ev->is_object()) {
      result.rejected.push_back({i, where + ".event: required, an object"});
      continue;
    }
    const auto* type = ev->as_object().if_contains("event_type");
    if (type != nullptr && type->is_string() && type->as_string() != "alert") {
      ++result.ignored;
      continue;
    }
    auto alert = model::AlertFromEve(*ev);
    if (!alert.ok()) {
      result.rejected.push_back({i, where + ".event." + alert.status().message()});
      continue;
    }
    // Ids increase in batch order (a millisecond apart), so listing by id
    // shows one sensor's batch in the order it happened.
    alert->id = model::AlertId(NewUlid(now + std::chrono::milliseconds(alerts.size())));
    alert->tenant_id = who.tenant_id;
    alert->sensor_token_id = who.id;
    // The token's own name ("edge-1"), not the principal's "token:edge-1".
    alert->sensor_name = who.name.rfind("token:", 0) == 0 ? who.name.substr(6) : who.name;
    alert->event_id = std::string(id->as_string());
    alert->received_at = now;
    alerts.push_back(std::move(*alert));
  }
  SW_RETURN_IF_ERROR(InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Status {
    if (who.tenant_id == model::CenterTenantId() && !alerts.empty()) {
      // A sensor the center runs watches many enterprises: file each alert
      // under the enterprise whose registered address or network it
      // concerns (the destination first: what was attacked), else keep it
      // at the center.
      SW_ASSIGN_OR_RETURN(auto assets, tx.assets().ListAddressAssets(ScopeIssuer::System(), now));
      for (auto& a : alerts) {
        for (const std::string* ip : {&a.dest_ip, &a.src_ip}) {
          auto target = model::ParseScanTarget(*ip);
          if (!target.ok()) continue;
          auto owner = std::find_if(assets.begin(), assets.end(),
                                    [&](const model::Asset& x) { return model::AssetCovers(x, *target); });
          if (owner != assets.end()) {
            a.tenant_id = owner->tenant_id;
            break;
          }
        }
      }
    }
    for (const auto& a : alerts) {
      const auto scope = ScopeIssuer::ForTenant(a.tenant_id);
      Status s = tx.alerts().Insert(scope, a);
      if (s.code() == StatusCode::kAlreadyExists) {
        ++result.duplicates;
        continue;
      }
      SW_RETURN_IF_ERROR(s);
      ++result.accepted;
    }
    return {};
  }));
  return result;
}

Result<model::Page<model::NetworkAlert>> AlertService::List(const Principal& who, const store::AlertQuery& q) {
  SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
  const auto scope = ScopeIssuer::For(who);
  if (q.tenant) SW_RETURN_IF_ERROR(tx->tenants().Get(scope, *q.tenant).status());
  SW_RETURN_IF_ERROR(Require(who, Permission::kAlertRead));
  return tx->alerts().List(scope, q);
}

Result<model::NetworkAlert> AlertService::Get(const Principal& who, const model::AlertId& id) {
  SW_ASSIGN_OR_RETURN(auto tx, ctx_.store.Begin(store::Store::Mode::kRead));
  SW_ASSIGN_OR_RETURN(auto a, tx->alerts().Get(ScopeIssuer::For(who), id));
  SW_RETURN_IF_ERROR(Require(who, Permission::kAlertRead));
  return a;
}

}  // namespace sw::service
