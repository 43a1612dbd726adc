// SPDX-License-Identifier: Apache-2.0
//
// Status and Result<T>: the outcome of an operation that can fail for reasons
// outside the programmer's control (bad input, I/O, storage, network). A Status
// is OK or carries a canonical code, a message and, for input errors, the path
// of the field at fault. A Result<T> holds a T or a non-OK Status, never an OK
// Status. Both are values: cheap to move, safe to pass between threads, not
// synchronized themselves.
//
// Example:
//   Result<Tenant> ParseTenant(std::string_view json);
//   SW_ASSIGN_OR_RETURN(Tenant t, ParseTenant(body));
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace sw {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kPermissionDenied,
  kUnauthenticated,
  kFailedPrecondition,
  kResourceExhausted,
  kUnavailable,
  kDeadlineExceeded,
  kDataLoss,
  kUnimplemented,
  kInternal,
};

// The canonical lower-case name of a code, as used in API error bodies
// ("invalid_argument").
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return {}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The input field at fault as a JSON-like path ("contacts[1].phone"); empty
  // when the error is not about one field.
  const std::string& field() const { return field_; }

  // Returns a copy whose message is prefixed with `context: `.
  Status WithContext(std::string_view context) const;

  // "invalid_argument: credit_code: check character mismatch".
  std::string ToString() const;

  bool operator==(const Status&) const = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
};

inline Status InvalidArgument(std::string m, std::string field = {}) {
  return {StatusCode::kInvalidArgument, std::move(m), std::move(field)};
}
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status AlreadyExists(std::string m, std::string field = {}) {
  return {StatusCode::kAlreadyExists, std::move(m), std::move(field)};
}
inline Status PermissionDenied(std::string m) {
  return {StatusCode::kPermissionDenied, std::move(m)};
}
inline Status Unauthenticated(std::string m) { return {StatusCode::kUnauthenticated, std::move(m)}; }
inline Status FailedPrecondition(std::string m, std::string field = {}) {
  return {StatusCode::kFailedPrecondition, std::move(m), std::move(field)};
}
inline Status ResourceExhausted(std::string m) {
  return {StatusCode::kResourceExhausted, std::move(m)};
}
inline Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
inline Status DeadlineExceeded(std::string m) {
  return {StatusCode::kDeadlineExceeded, std::move(m)};
}
inline Status DataLoss(std::string m) { return {StatusCode::kDataLoss, std::move(m)}; }
inline Status Unimplemented(std::string m) { return {StatusCode::kUnimplemented, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// Holds either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  // REQUIRES: !status.ok(). An OK status here is a programming error and is
  // turned into kInternal so that it can never be mistaken for a value.
  Result(Status status)  // NOLINT(google-explicit-constructor)
      : v_(status.ok() ? Internal("Result constructed from OK status") : std::move(status)) {}

  bool ok() const { return std::holds_alternative<T>(v_); }
  // OK when a value is held.
  Status status() const { return ok() ? Status() : std::get<Status>(v_); }

  // REQUIRES: ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

namespace internal {
inline Status AsStatus(Status s) { return s; }
template <typename T>
Status AsStatus(const Result<T>& r) {
  return r.status();
}
}  // namespace internal

}  // namespace sw

#define SW_CONCAT_INNER(a, b) a##b
#define SW_CONCAT(a, b) SW_CONCAT_INNER(a, b)

// Returns the Status of `expr` (a Status or Result) from the current function
// when it is not OK.
#define SW_RETURN_IF_ERROR(expr) SW_RETURN_IF_ERROR_IMPL(SW_CONCAT(sw_status_, __COUNTER__), expr)
// NOLINTBEGIN(bugprone-macro-parentheses): `tmp` and `lhs` are declarations.
#define SW_RETURN_IF_ERROR_IMPL(tmp, expr)                   \
  do {                                                       \
    ::sw::Status tmp = ::sw::internal::AsStatus((expr));     \
    if (!tmp.ok()) return tmp;                               \
  } while (false)

// Evaluates `rexpr` (a Result<T>); on error returns its Status, otherwise
// moves the value into `lhs` (a declaration such as `auto x`).
#define SW_ASSIGN_OR_RETURN(lhs, rexpr) \
  SW_ASSIGN_OR_RETURN_IMPL(SW_CONCAT(sw_result_, __COUNTER__), lhs, rexpr)
#define SW_ASSIGN_OR_RETURN_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                             \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)
