// SPDX-License-Identifier: Apache-2.0
//
// HTTP/1.x messages from one direction of a reassembled TCP stream:
// request line or status line, headers (name order kept, lookups
// case-insensitive), and the body by Content-Length, chunked transfer
// coding, or (responses) until the connection closes. The head is bounded
// (64 KiB) and at most `max_body` bytes of a body are kept (its full length
// is counted). A stream that is not HTTP, or breaks the grammar, stops the
// parser for that direction (failed()). Not thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "packet/packet.h"

namespace sw::packet::app {

struct HttpHeader {
  std::string name;
  std::string value;
};

struct HttpMessage {
  // Requests.
  std::string method, uri;
  // Responses.
  int status = 0;
  std::string reason;
  std::string protocol;  // "HTTP/1.1"
  std::vector<HttpHeader> headers;
  std::string body;          // up to the limit, de-chunked
  uint64_t body_length = 0;  // every body byte seen
  bool body_truncated = false;

  // The first header named `name` (any case); "" when absent.
  std::string_view Header(std::string_view name) const;
};

bool LooksLikeHttpRequest(Bytes start);
bool LooksLikeHttpResponse(Bytes start);

class HttpParser {
 public:
  enum class Side { kRequest, kResponse };
  using OnMessage = std::function<void(HttpMessage&&)>;
  HttpParser(Side side, size_t max_body = size_t{64} << 10) : side_(side), max_body_(max_body) {}

  // For responses: the method of the request each response answers, in
  // order (HEAD responses have no body).
  void ExpectResponseTo(std::string method) { methods_.push_back(std::move(method)); }

  void Feed(Bytes data, const OnMessage& on_message);
  // The connection closed: a response delimited by the close is complete,
  // and a message cut off inside its head still counts once its first line
  // (request or status line) is complete, with the headers read so far (as
  // libhtp does: an IDS must still see that URI).
  void Finish(const OnMessage& on_message);
  bool failed() const { return state_ == State::kFailed; }

 private:
  enum class State { kHead, kBodyLength, kChunkSize, kChunkData, kChunkCrlf, kTrailers, kBodyUntilClose, kFailed };
  bool ParseHead(std::string_view head);
  void StartBody(const OnMessage& on_message);
  void Deliver(const OnMessage& on_message);
  void AddBody(std::string_view data);

  const Side side_;
  const size_t max_body_;
  State state_ = State::kHead;
  std::string buffer_;
  HttpMessage current_;
  uint64_t remaining_ = 0;
  std::deque<std::string> methods_;
};

}  // namespace sw::packet::app
