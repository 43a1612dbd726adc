// SPDX-License-Identifier: Apache-2.0
//
// JSON Schemas of the API's bodies, for the OpenAPI document. Field names
// here must match the model codecs (model/*.cc); the api tests compare real
// responses against these schemas' required properties.
#include <spdlog/spdlog.h>

#include <cstdlib>

#include "api/openapi.h"

namespace sw::api {
namespace {

constexpr std::string_view kSchemas = R"json({
  "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object",
    "required": ["code", "message"], "properties": {"code": {"type": "string"},
    "message": {"type": "string"}, "field": {"type": "string"}}}}},
  "Health": {"type": "object", "required": ["status", "version"], "properties": {
    "status": {"type": "string"}, "version": {"type": "string"}}},
  "LoginRequest": {"type": "object", "required": ["username", "password"], "additionalProperties": false,
    "properties": {"username": {"type": "string"}, "password": {"type": "string", "format": "password"}}},
  "PasswordChange": {"type": "object", "required": ["current_password", "new_password"],
    "additionalProperties": false, "properties": {"current_password": {"type": "string"},
    "new_password": {"type": "string", "minLength": 10}}},
  "SessionInfo": {"type": "object", "required": ["csrf_token", "user"], "properties": {
    "csrf_token": {"type": "string", "nullable": true}, "user": {"$ref": "#/components/schemas/User"}}},
  "Contact": {"type": "object", "required": ["name"], "additionalProperties": false, "properties": {
    "name": {"type": "string"}, "phone": {"type": "string"}, "email": {"type": "string"}}},
  "Tenant": {"type": "object", "required": ["id", "kind", "name", "credit_code", "industry", "district",
    "contacts", "service_level", "asset_count", "created_at", "updated_at"], "properties": {
    "id": {"type": "string"}, "kind": {"type": "string", "enum": ["center", "enterprise"]},
    "name": {"type": "string"}, "credit_code": {"type": "string", "description": "统一社会信用代码"},
    "industry": {"type": "string"}, "district": {"type": "string"},
    "contacts": {"type": "array", "items": {"$ref": "#/components/schemas/Contact"}},
    "service_level": {"type": "string", "enum": ["basic", "standard", "premium"]},
    "asset_count": {"type": "integer"},
    "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"}}},
  "TenantInput": {"type": "object", "additionalProperties": false, "properties": {
    "name": {"type": "string", "maxLength": 100}, "credit_code": {"type": "string", "minLength": 18, "maxLength": 18},
    "industry": {"type": "string"}, "district": {"type": "string"},
    "contacts": {"type": "array", "maxItems": 20, "items": {"$ref": "#/components/schemas/Contact"}},
    "service_level": {"type": "string", "enum": ["basic", "standard", "premium"]}}},
  "TenantPage": {"type": "object", "required": ["items", "next_cursor"], "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Tenant"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "Asset": {"type": "object", "required": ["id", "tenant_id", "kind", "value", "criticality", "tags", "note",
    "authorization", "created_at", "updated_at"], "properties": {
    "id": {"type": "string"}, "tenant_id": {"type": "string"},
    "kind": {"type": "string", "enum": ["ipv4", "ipv6", "cidr", "domain", "url"]},
    "value": {"type": "string"}, "criticality": {"type": "string", "enum": ["low", "medium", "high", "critical"]},
    "tags": {"type": "array", "items": {"type": "string"}}, "note": {"type": "string"},
    "authorization": {"type": "object", "required": ["status"], "properties": {
      "status": {"type": "string", "enum": ["none", "pending", "approved", "rejected", "revoked", "expired"]},
      "id": {"type": "string", "nullable": true}, "valid_until": {"type": "string", "format": "date-time", "nullable": true}}},
    "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"}}},
  "AssetInput": {"type": "object", "additionalProperties": false, "properties": {
    "value": {"type": "string"}, "kind": {"type": "string", "enum": ["ipv4", "ipv6", "cidr", "domain", "url"]},
    "criticality": {"type": "string", "enum": ["low", "medium", "high", "critical"]},
    "tags": {"type": "array", "items": {"type": "string"}}, "note": {"type": "string"}}},
  "AssetPage": {"type": "object", "required": ["items", "next_cursor"], "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Asset"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "Authorization": {"type": "object", "required": ["id", "tenant_id", "tenant_name", "asset_id", "asset_value", "status",
    "requested_by", "requested_at", "valid_from", "valid_until"], "properties": {
    "id": {"type": "string"}, "tenant_id": {"type": "string"}, "tenant_name": {"type": "string"},
    "asset_id": {"type": "string"}, "asset_value": {"type": "string"},
    "status": {"type": "string", "enum": ["pending", "approved", "rejected", "revoked", "expired"]},
    "note": {"type": "string"}, "requested_by": {"type": "string", "description": "username"},
    "requested_at": {"type": "string", "format": "date-time"},
    "approved_by": {"type": "string", "nullable": true},
    "approved_at": {"type": "string", "format": "date-time", "nullable": true},
    "evidence_note": {"type": "string"},
    "valid_from": {"type": "string", "format": "date-time"}, "valid_until": {"type": "string", "format": "date-time"},
    "revoked_by": {"type": "string", "nullable": true},
    "revoked_at": {"type": "string", "format": "date-time", "nullable": true}, "reason": {"type": "string"}}},
  "AuthorizationRequest": {"type": "object", "required": ["valid_until"], "additionalProperties": false,
    "properties": {"valid_from": {"type": "string", "format": "date-time"},
    "valid_until": {"type": "string", "format": "date-time"}, "note": {"type": "string"}}},
  "AuthorizationPage": {"type": "object", "required": ["items", "next_cursor"], "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Authorization"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "ApproveRequest": {"type": "object", "required": ["evidence_note"], "additionalProperties": false,
    "properties": {"evidence_note": {"type": "string", "description": "what proves the enterprise agreed"}}},
  "ReasonRequest": {"type": "object", "additionalProperties": false, "properties": {"reason": {"type": "string"}}},
  "ScanDecision": {"type": "object", "required": ["allowed", "reason"], "properties": {
    "allowed": {"type": "boolean"}, "reason": {"type": "string"},
    "authorization_id": {"type": "string", "nullable": true}, "asset_id": {"type": "string", "nullable": true}}},
  "User": {"type": "object", "required": ["id", "tenant_id", "tenant_name", "username", "display_name", "role",
    "disabled", "must_change_password", "created_at"], "properties": {
    "id": {"type": "string"}, "tenant_id": {"type": "string"}, "tenant_name": {"type": "string"},
    "username": {"type": "string"}, "display_name": {"type": "string"},
    "role": {"type": "string", "enum": ["center_admin", "center_analyst", "tenant_admin", "tenant_member"]},
    "disabled": {"type": "boolean"}, "must_change_password": {"type": "boolean"},
    "created_at": {"type": "string", "format": "date-time"},
    "last_login_at": {"type": "string", "format": "date-time", "nullable": true}}},
  "UserInput": {"type": "object", "required": ["username", "role", "password"], "additionalProperties": false,
    "properties": {"username": {"type": "string"}, "display_name": {"type": "string"},
    "role": {"type": "string", "enum": ["center_admin", "center_analyst", "tenant_admin", "tenant_member"]},
    "password": {"type": "string", "minLength": 10}}},
  "UserPatch": {"type": "object", "additionalProperties": false, "properties": {
    "display_name": {"type": "string"},
    "role": {"type": "string", "enum": ["center_admin", "center_analyst", "tenant_admin", "tenant_member"]},
    "disabled": {"type": "boolean"}}},
  "UserPage": {"type": "object", "required": ["items", "next_cursor"], "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/User"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "Token": {"type": "object", "required": ["id", "tenant_id", "name", "kind", "scopes", "prefix", "created_by",
    "created_at"], "properties": {
    "id": {"type": "string"}, "tenant_id": {"type": "string"}, "name": {"type": "string"},
    "kind": {"type": "string", "enum": ["sensor", "agent", "worker", "read_only", "intel_exchange"]},
    "scopes": {"type": "array", "items": {"type": "string"}}, "prefix": {"type": "string"},
    "created_by": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"},
    "expires_at": {"type": "string", "format": "date-time", "nullable": true},
    "revoked_at": {"type": "string", "format": "date-time", "nullable": true},
    "last_used_at": {"type": "string", "format": "date-time", "nullable": true}}},
  "TokenInput": {"type": "object", "required": ["name", "kind"], "additionalProperties": false, "properties": {
    "name": {"type": "string"}, "kind": {"type": "string", "enum": ["sensor", "agent", "worker", "read_only", "intel_exchange"]},
    "expires_at": {"type": "string", "format": "date-time"}}},
  "CreatedToken": {"type": "object", "required": ["token", "secret"], "properties": {
    "token": {"$ref": "#/components/schemas/Token"}, "secret": {"type": "string", "description": "shown only once"}}},
  "TokenPage": {"type": "object", "required": ["items", "next_cursor"], "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Token"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "AuditEvent": {"type": "object", "required": ["id", "at", "tenant_id", "actor_id", "actor_name", "action",
    "object_type", "object_id", "source_ip", "outcome"], "properties": {
    "id": {"type": "string"}, "at": {"type": "string", "format": "date-time"}, "tenant_id": {"type": "string"},
    "actor_id": {"type": "string"}, "actor_name": {"type": "string"}, "action": {"type": "string"},
    "object_type": {"type": "string"}, "object_id": {"type": "string"}, "source_ip": {"type": "string"},
    "outcome": {"type": "string", "enum": ["success", "denied", "failed"]},
    "before": {"type": "object", "nullable": true}, "after": {"type": "object", "nullable": true}}},
  "AuditPage": {"type": "object", "required": ["items", "next_cursor"], "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/AuditEvent"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "ScanPolicy": {"type": "object", "required": ["id", "name", "description", "ports", "top_ports", "version_detection",
    "intensity", "tls_audit", "rate", "max_host_in_flight", "created_at", "updated_at"], "properties": {
    "id": {"type": "string"}, "name": {"type": "string"}, "description": {"type": "string"},
    "ports": {"type": "string", "description": "Nmap's syntax; empty means the top_ports most common"},
    "top_ports": {"type": "integer", "minimum": 1, "maximum": 65535}, "version_detection": {"type": "boolean"},
    "intensity": {"type": "integer", "minimum": 0, "maximum": 9}, "tls_audit": {"type": "boolean"},
    "rate": {"type": "integer", "minimum": 1, "maximum": 20000, "description": "connection attempts per second"},
    "max_host_in_flight": {"type": "integer", "minimum": 1, "maximum": 1024},
    "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"}}},
  "ScanPolicyInput": {"type": "object", "additionalProperties": false, "properties": {
    "name": {"type": "string"}, "description": {"type": "string"}, "ports": {"type": "string"},
    "top_ports": {"type": "integer"}, "version_detection": {"type": "boolean"}, "intensity": {"type": "integer"},
    "tls_audit": {"type": "boolean"}, "rate": {"type": "integer"}, "max_host_in_flight": {"type": "integer"}}},
  "ScanPolicyPage": {"type": "object", "required": ["items", "next_cursor"], "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/ScanPolicy"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "ScanSchedule": {"type": "object", "required": ["id", "tenant_id", "name", "policy_id", "policy_name", "asset_ids",
    "assets", "cron", "window", "enabled", "next_run_at", "last_run", "created_by", "created_at", "updated_at"],
    "properties": {
    "id": {"type": "string"}, "tenant_id": {"type": "string"}, "name": {"type": "string"},
    "policy_id": {"type": "string"}, "policy_name": {"type": "string"},
    "asset_ids": {"type": "array", "items": {"type": "string"}},
    "assets": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "value": {"type": "string"}}}},
    "cron": {"type": "string", "description": "five cron fields in the center's time zone; empty: manual only"},
    "window": {"type": "string", "description": "HH:MM-HH:MM maintenance window; empty: any time"},
    "enabled": {"type": "boolean"}, "next_run_at": {"type": "string", "format": "date-time", "nullable": true},
    "last_run": {"type": "object", "nullable": true, "properties": {"id": {"type": "string"},
      "status": {"type": "string"}, "finished_at": {"type": "string", "format": "date-time", "nullable": true}}},
    "created_by": {"type": "string"},
    "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"}}},
  "ScanScheduleInput": {"type": "object", "additionalProperties": false, "properties": {
    "name": {"type": "string"}, "policy_id": {"type": "string"},
    "asset_ids": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 256},
    "cron": {"type": "string"}, "window": {"type": "string"}, "enabled": {"type": "boolean"}}},
  "ScanSchedulePage": {"type": "object", "required": ["items", "next_cursor"], "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/ScanSchedule"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "ScanRun": {"type": "object", "required": ["id", "tenant_id", "schedule_id", "schedule_name", "trigger",
    "requested_by", "status", "phase", "progress", "targets", "policy", "summary", "previous_run_id", "error",
    "cancel_requested", "created_at", "started_at", "finished_at"], "properties": {
    "id": {"type": "string"}, "tenant_id": {"type": "string"}, "schedule_id": {"type": "string"},
    "schedule_name": {"type": "string"}, "trigger": {"type": "string", "enum": ["manual", "schedule"]},
    "requested_by": {"type": "string"},
    "status": {"type": "string", "enum": ["queued", "running", "succeeded", "failed", "cancelled"]},
    "phase": {"type": "string", "enum": ["queued", "resolving", "ports", "services", "tls", "saving", "done"]},
    "progress": {"type": "object", "properties": {"done": {"type": "integer"}, "total": {"type": "integer"},
      "percent": {"type": "integer", "minimum": 0, "maximum": 100}}},
    "targets": {"type": "array", "items": {"type": "string"}},
    "policy": {"$ref": "#/components/schemas/ScanPolicy"},
    "summary": {"type": "object", "properties": {"hosts": {"type": "integer"}, "hosts_refused": {"type": "integer"},
      "open_ports": {"type": "integer"}, "findings": {"type": "integer"}, "changes": {"type": "integer"}}},
    "previous_run_id": {"type": "string", "nullable": true}, "error": {"type": "string"},
    "cancel_requested": {"type": "boolean"}, "created_at": {"type": "string", "format": "date-time"},
    "started_at": {"type": "string", "format": "date-time", "nullable": true},
    "finished_at": {"type": "string", "format": "date-time", "nullable": true}}},
  "ScanRunPage": {"type": "object", "required": ["items", "next_cursor"], "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/ScanRun"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "Observation": {"type": "object", "required": ["host", "protocol", "port", "state", "service", "product", "version",
    "extra_info", "cpes", "banner", "fingerprint"], "properties": {
    "host": {"type": "string"}, "hostname": {"type": "string", "nullable": true}, "protocol": {"type": "string"},
    "port": {"type": "integer"}, "state": {"type": "string", "enum": ["open", "closed", "filtered"]},
    "service": {"type": "string"}, "product": {"type": "string"}, "version": {"type": "string"},
    "extra_info": {"type": "string"}, "cpes": {"type": "array", "items": {"type": "string"}},
    "banner": {"type": "string"}, "fingerprint": {"type": "string"}}},
  "ObservationList": {"type": "object", "required": ["items"], "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Observation"}}}},
  "Finding": {"type": "object", "required": ["check_id", "severity", "host", "port", "title_zh", "title_en",
    "evidence", "remediation_zh", "remediation_en", "references", "fingerprint"], "properties": {
    "check_id": {"type": "string"}, "severity": {"type": "string", "enum": ["info", "low", "medium", "high", "critical"]},
    "host": {"type": "string"}, "port": {"type": "integer"}, "title_zh": {"type": "string"},
    "title_en": {"type": "string"}, "evidence": {"type": "string"}, "remediation_zh": {"type": "string"},
    "remediation_en": {"type": "string"}, "references": {"type": "array", "items": {"type": "string"}},
    "fingerprint": {"type": "string"}}},
  "FindingList": {"type": "object", "required": ["items"], "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}}},
  "ScanChange": {"type": "object", "required": ["kind", "host", "port", "protocol", "before", "after", "check_id",
    "severity"], "properties": {
    "kind": {"type": "string", "enum": ["port_opened", "port_closed", "service_changed", "finding_new", "finding_gone"]},
    "host": {"type": "string"}, "port": {"type": "integer"}, "protocol": {"type": "string"},
    "before": {"type": "string"}, "after": {"type": "string"}, "check_id": {"type": "string"},
    "severity": {"type": "string", "nullable": true}}},
  "ScanChangeList": {"type": "object", "required": ["items"], "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/ScanChange"}}}},
  "IngestBatch": {"type": "object", "required": ["events"], "properties": {
    "events": {"type": "array", "maxItems": 1000, "items": {"type": "object", "required": ["id", "event"], "properties": {
      "id": {"type": "string", "description": "the sensor's id of the event, unique per sensor"},
      "event": {"type": "object", "description": "an EVE JSON event"}}}}}},
  "IngestResult": {"type": "object", "required": ["accepted", "duplicates", "ignored", "rejected"], "properties": {
    "accepted": {"type": "integer"}, "duplicates": {"type": "integer"}, "ignored": {"type": "integer"},
    "rejected": {"type": "array", "items": {"type": "object", "properties": {"index": {"type": "integer"},
      "reason": {"type": "string"}}}}}},
  "Alert": {"type": "object", "required": ["id", "tenant_id", "sensor", "event_id", "timestamp", "received_at", "gid",
    "signature_id", "rev", "signature", "category", "severity", "src_ip", "src_port", "dest_ip", "dest_port", "proto",
    "app_proto", "event"], "properties": {
    "id": {"type": "string"}, "tenant_id": {"type": "string"}, "sensor": {"type": "string"},
    "event_id": {"type": "string"}, "timestamp": {"type": "string", "format": "date-time"},
    "received_at": {"type": "string", "format": "date-time"}, "gid": {"type": "integer"},
    "signature_id": {"type": "integer"}, "rev": {"type": "integer"}, "signature": {"type": "string"},
    "category": {"type": "string"}, "severity": {"type": "integer", "description": "1 (most severe) .. 4"},
    "src_ip": {"type": "string"}, "src_port": {"type": "integer"}, "dest_ip": {"type": "string"},
    "dest_port": {"type": "integer"}, "proto": {"type": "string"}, "app_proto": {"type": "string"},
    "event": {"type": "object"}}},
  "AlertPage": {"type": "object", "required": ["items", "next_cursor"], "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Alert"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "Indicator": {"type": "object", "required": ["type", "value", "confidence", "tlp", "owner", "stix_id", "first_seen",
    "last_seen"], "properties": {
    "type": {"type": "string", "enum": ["ipv4", "ipv6", "cidr", "domain", "url", "email", "md5", "sha1", "sha256", "ja3"]},
    "value": {"type": "string", "description": "normalized"}, "name": {"type": "string"},
    "confidence": {"type": "integer", "minimum": 0, "maximum": 100},
    "tlp": {"type": "string", "enum": ["clear", "green", "amber", "amber+strict", "red"]},
    "source": {"type": "string"},
    "owner": {"type": "string", "description": "center, partner:<id>, enterprise:<id> (or just enterprise when another enterprise gave it)"},
    "valid_from": {"type": "string", "format": "date-time", "nullable": true},
    "valid_until": {"type": "string", "format": "date-time", "nullable": true},
    "labels": {"type": "array", "items": {"type": "string"}},
    "attack_techniques": {"type": "array", "items": {"type": "string"}},
    "stix_id": {"type": "string"}, "first_seen": {"type": "string", "format": "date-time"},
    "last_seen": {"type": "string", "format": "date-time"},
    "warning_lists": {"type": "array", "items": {"type": "string"}, "description": "MISP warning lists holding the value: known benign, never alerts"}}},
  "IndicatorPage": {"type": "object", "required": ["items", "next_cursor"], "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Indicator"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "IntelMatchResults": {"type": "object", "required": ["results"], "properties": {
    "results": {"type": "array", "items": {"type": "object", "required": ["input", "checked", "matches"], "properties": {
      "input": {"type": "string"}, "checked": {"type": "string", "description": "the type and normalized value, or why it could not be checked"},
      "matches": {"type": "array", "items": {"$ref": "#/components/schemas/Indicator"}}}}}}},
  "IntelImportReport": {"type": "object", "required": ["origin", "format", "owner", "read", "indicators_new",
    "indicators_merged", "objects_stored", "objects_known", "not_matchable", "skipped", "rejected", "issues"],
    "properties": {
    "origin": {"type": "string"}, "format": {"type": "string"}, "owner": {"type": "string"},
    "read": {"type": "integer"}, "indicators_new": {"type": "integer"}, "indicators_merged": {"type": "integer"},
    "objects_stored": {"type": "integer"}, "objects_known": {"type": "integer"},
    "not_matchable": {"type": "integer"}, "skipped": {"type": "integer"}, "rejected": {"type": "integer"},
    "warned": {"type": "integer", "description": "values on a warning list (kept, never alert)"},
    "issues": {"type": "array", "items": {"type": "string"}, "description": "one line per rejected or not matchable object, with its index or line"}}},
  "Partner": {"type": "object", "required": ["id", "name", "clients", "created_at"], "properties": {
    "id": {"type": "string"}, "name": {"type": "string"},
    "clients": {"type": "array", "items": {"type": "string"}, "description": "tenant ids of the enterprises it serves"},
    "created_at": {"type": "string", "format": "date-time"}}},
  "PartnerList": {"type": "object", "required": ["items"], "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Partner"}}}},
  "TaxiiRemote": {"type": "object", "required": ["id", "name", "api_root", "collection_id", "owner", "default_tlp",
    "interval_seconds", "added_after", "failures", "last_poll_at", "last_status", "next_poll_at", "created_at"],
    "properties": {
    "id": {"type": "string"}, "name": {"type": "string"}, "api_root": {"type": "string"},
    "collection_id": {"type": "string"}, "owner": {"type": "string"}, "default_tlp": {"type": "string"},
    "interval_seconds": {"type": "integer"}, "added_after": {"type": "string", "description": "the checkpoint"},
    "failures": {"type": "integer", "description": "consecutive failed polls"},
    "last_poll_at": {"type": "string", "format": "date-time", "nullable": true},
    "last_status": {"type": "string"}, "next_poll_at": {"type": "string", "format": "date-time"},
    "created_at": {"type": "string", "format": "date-time"}}},
  "TaxiiRemoteList": {"type": "object", "required": ["items"], "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/TaxiiRemote"}}}},
  "TaxiiRemoteCreate": {"type": "object", "required": ["name", "api_root", "collection_id"], "properties": {
    "name": {"type": "string"}, "api_root": {"type": "string", "description": "https://host/taxii2/api1/"},
    "collection_id": {"type": "string"}, "token": {"type": "string", "description": "bearer token the remote gave; never shown again"},
    "partner_id": {"type": "string", "description": "store what it gives as this partner's; else the center's"},
    "default_tlp": {"type": "string"}, "interval_seconds": {"type": "integer", "minimum": 60, "maximum": 604800}}},
  "PartnerTokenCreate": {"type": "object", "properties": {"name": {"type": "string", "maxLength": 200}}},
  "PartnerCreate": {"type": "object", "required": ["name"], "properties": {
    "name": {"type": "string", "minLength": 1, "maxLength": 200},
    "clients": {"type": "array", "items": {"type": "string"}}}}
})json";

}  // namespace

const json::object& ComponentSchemas() {
  static const json::object schemas = [] {
    auto v = ParseJson(kSchemas, {.max_bytes = 1 << 20, .max_depth = 64});
    if (!v.ok() || !v->is_object()) {
      // A broken literal is a programming error caught by the first test run.
      spdlog::critical("openapi: component schemas do not parse: {}", v.status().ToString());
      std::abort();
    }
    return v->get_object();
  }();
  return schemas;
}

}  // namespace sw::api
