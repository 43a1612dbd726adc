// SPDX-License-Identifier: Apache-2.0
#include "packet/app/http.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace sw::packet::app {
namespace {

constexpr size_t kMaxHead = size_t{64} << 10;
constexpr std::string_view kMethods[] = {"GET ",  "POST ",    "HEAD ",  "PUT ",      "DELETE ", "OPTIONS ",
                                         "PATCH ", "CONNECT ", "TRACE ", "PROPFIND ", "MKCOL "};

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string_view AsText(Bytes b) { return {reinterpret_cast<const char*>(b.data()), b.size()}; }

}  // namespace

std::string_view HttpMessage::Header(std::string_view name) const {
  for (const auto& h : headers) {
    if (EqualsNoCase(h.name, name)) return h.value;
  }
  return {};
}

bool LooksLikeHttpRequest(Bytes start) {
  const std::string_view s = AsText(start);
  for (std::string_view m : kMethods) {
    if (s.substr(0, m.size()) == m) return true;
  }
  return false;
}

bool LooksLikeHttpResponse(Bytes start) { return AsText(start).substr(0, 7) == "HTTP/1."; }

bool HttpParser::ParseHead(std::string_view head) {
  current_ = HttpMessage{};
  size_t eol = head.find('\n');
  const std::string_view first = Trim(head.substr(0, eol));
  const size_t sp1 = first.find(' ');
  if (sp1 == std::string_view::npos) return false;
  if (side_ == Side::kRequest) {
    const size_t sp2 = first.rfind(' ');
    current_.method = std::string(first.substr(0, sp1));
    if (sp2 == sp1) {  // HTTP/0.9: "GET /"
      current_.uri = std::string(first.substr(sp1 + 1));
    } else {
      current_.uri = std::string(first.substr(sp1 + 1, sp2 - sp1 - 1));
      current_.protocol = std::string(first.substr(sp2 + 1));
    }
    if (current_.method.empty() || current_.uri.empty()) return false;
  } else {
    current_.protocol = std::string(first.substr(0, sp1));
    if (current_.protocol.rfind("HTTP/", 0) != 0) return false;
    const std::string_view rest = first.substr(sp1 + 1);
    const std::string_view code = rest.substr(0, rest.find(' '));
    auto [p, ec] = std::from_chars(code.data(), code.data() + code.size(), current_.status);
    if (ec != std::errc() || p != code.data() + code.size() || code.size() != 3) return false;
    if (rest.size() > 4) current_.reason = std::string(rest.substr(4));
  }
  while (eol != std::string_view::npos) {
    const size_t start = eol + 1;
    eol = head.find('\n', start);
    const std::string_view line = Trim(head.substr(start, eol == std::string_view::npos ? eol : eol - start));
    if (line.empty()) continue;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;  // tolerated, like servers do
    current_.headers.push_back({std::string(Trim(line.substr(0, colon))), std::string(Trim(line.substr(colon + 1)))});
  }
  return true;
}

void HttpParser::AddBody(std::string_view data) {
  current_.body_length += data.size();
  const size_t room = max_body_ - std::min(max_body_, current_.body.size());
  if (data.size() > room) current_.body_truncated = true;
  current_.body.append(data.substr(0, room));
}

void HttpParser::Deliver(const OnMessage& on_message) {
  on_message(std::move(current_));
  current_ = HttpMessage{};
  state_ = State::kHead;
}

void HttpParser::StartBody(const OnMessage& on_message) {
  std::string method;
  if (side_ == Side::kResponse && !methods_.empty()) {
    method = std::move(methods_.front());
    methods_.pop_front();
  }
  const bool no_body = side_ == Side::kResponse &&
                       (method == "HEAD" || current_.status / 100 == 1 || current_.status == 204 ||
                        current_.status == 304);
  const std::string_view te = current_.Header("Transfer-Encoding");
  const std::string_view cl = current_.Header("Content-Length");
  if (no_body) {
    Deliver(on_message);
    return;
  }
  if (!te.empty() && te.find("chunked") != std::string_view::npos) {
    state_ = State::kChunkSize;
  } else if (!cl.empty()) {
    uint64_t n = 0;
    auto [p, ec] = std::from_chars(cl.data(), cl.data() + cl.size(), n);
    if (ec != std::errc()) {
      state_ = State::kFailed;
      return;
    }
    remaining_ = n;
    if (n == 0) {
      Deliver(on_message);
    } else {
      state_ = State::kBodyLength;
    }
  } else if (side_ == Side::kResponse) {
    state_ = State::kBodyUntilClose;
  } else {
    Deliver(on_message);  // a request without a length has no body
  }
}

void HttpParser::Feed(Bytes data, const OnMessage& on_message) {
  if (state_ == State::kFailed) return;
  buffer_.append(AsText(data));
  size_t at = 0;
  while (state_ != State::kFailed && at < buffer_.size()) {
    const std::string_view rest = std::string_view(buffer_).substr(at);
    switch (state_) {
      case State::kHead: {
        // Skip blank lines between messages (some clients send an extra CRLF).
        if (rest.front() == '\r' || rest.front() == '\n') {
          ++at;
          continue;
        }
        size_t end = rest.find("\r\n\r\n");
        size_t skip = 4;
        if (const size_t lf = rest.find("\n\n"); lf != std::string_view::npos && (end == std::string_view::npos || lf < end)) {
          end = lf;
          skip = 2;
        }
        if (end == std::string_view::npos) {
          if (rest.size() > kMaxHead) state_ = State::kFailed;
          goto out;
        }
        if (!ParseHead(rest.substr(0, end))) {
          state_ = State::kFailed;
          goto out;
        }
        at += end + skip;
        StartBody(on_message);
        break;
      }
      case State::kBodyLength: {
        const size_t take = static_cast<size_t>(std::min<uint64_t>(remaining_, rest.size()));
        AddBody(rest.substr(0, take));
        remaining_ -= take;
        at += take;
        if (remaining_ == 0) Deliver(on_message);
        break;
      }
      case State::kChunkSize: {
        const size_t eol = rest.find('\n');
        if (eol == std::string_view::npos) {
          if (rest.size() > 1024) state_ = State::kFailed;
          goto out;
        }
        std::string_view line = Trim(rest.substr(0, eol));
        line = line.substr(0, line.find(';'));
        uint64_t n = 0;
        auto [p, ec] = std::from_chars(line.data(), line.data() + line.size(), n, 16);
        if (ec != std::errc() || line.empty()) {
          state_ = State::kFailed;
          goto out;
        }
        at += eol + 1;
        remaining_ = n;
        state_ = n == 0 ? State::kTrailers : State::kChunkData;
        break;
      }
      case State::kChunkData: {
        const size_t take = static_cast<size_t>(std::min<uint64_t>(remaining_, rest.size()));
        AddBody(rest.substr(0, take));
        remaining_ -= take;
        at += take;
        if (remaining_ == 0) state_ = State::kChunkCrlf;
        break;
      }
      case State::kChunkCrlf: {
        const size_t eol = rest.find('\n');
        if (eol == std::string_view::npos) goto out;
        at += eol + 1;
        state_ = State::kChunkSize;
        break;
      }
      case State::kTrailers: {
        const size_t eol = rest.find('\n');
        if (eol == std::string_view::npos) goto out;
        const bool blank = Trim(rest.substr(0, eol)).empty();
        at += eol + 1;
        if (blank) Deliver(on_message);
        break;
      }
      case State::kBodyUntilClose:
        AddBody(rest);
        at = buffer_.size();
        break;
      case State::kFailed:
        break;
    }
  }
out:
  buffer_.erase(0, at);
}

void HttpParser::Finish(const OnMessage& on_message) {
  if (state_ == State::kHead) {
    const size_t start = buffer_.find_first_not_of("\r\n");
    if (start != std::string::npos && buffer_.find('\n', start) != std::string::npos &&
        ParseHead(std::string_view(buffer_).substr(start))) {
      buffer_.clear();
      Deliver(on_message);
    }
    return;
  }
  if (state_ == State::kBodyUntilClose || state_ == State::kBodyLength || state_ == State::kChunkData ||
      state_ == State::kChunkSize) {
    Deliver(on_message);  // what the peer sent before it closed
  }
}

}  // namespace sw::packet::app
